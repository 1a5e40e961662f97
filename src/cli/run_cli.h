#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace sf::cli {

/// Runs the stickerforge command line in process. Never throws and never
/// exits: errors are printed to `err` as "stickerforge: error: ..." and
/// turned into the exit code (1 failure, 2 bad input or usage, 3 internal).
int run_cli(std::span<const std::string> argv, std::ostream& out, std::ostream& err,
            bool interactive = false);

}  // namespace sf::cli
