// Test helper: runs the stickerforge command line in process and captures
// its exit status and output. Suites that use it link run_cli.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli/run_cli.h"

namespace sf::test {

struct CliRun {
  int status;
  std::string out, err;
};

/// `args` without the program name, e.g. {"build", "pack.json", "--out", "x"}.
inline CliRun run_stickerforge(std::vector<std::string> args) {
  args.insert(args.begin(), "stickerforge");
  std::ostringstream out, err;
  int status = sf::cli::run_cli(args, out, err);
  return {status, out.str(), err.str()};
}

}  // namespace sf::test
