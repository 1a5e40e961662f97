// cli: the option parsing every command shares.
#pragma once

#include <cxxopts.hpp>
#include <algorithm>
#include <optional>

#include "cli/command.h"

namespace sf::cli {

/// Parses the command's arguments with `options`. Prints the help to
/// `context.out` and returns nullopt when --help (-h) was given; cxxopts
/// errors propagate (run_cli turns them into a usage error).
std::optional<cxxopts::ParseResult> parse_options(cxxopts::Options& options,
                                                  const CommandContext& context);

/// True when --help or -h appears anywhere in the arguments, so
/// "stickerforge codes issue --help" shows the usage instead of an error.
inline bool wants_help(const CommandContext& context) {
  return std::any_of(context.args.begin(), context.args.end(),
                     [](const std::string& arg) { return arg == "--help" || arg == "-h"; });
}

}  // namespace sf::cli
