// cli: the option parsing every command shares.
#pragma once

#include <cxxopts.hpp>
#include <optional>

#include "cli/command.h"

namespace sf::cli {

/// Parses the command's arguments with `options`. Prints the help to
/// `context.out` and returns nullopt when --help (-h) was given; cxxopts
/// errors propagate (run_cli turns them into a usage error).
std::optional<cxxopts::ParseResult> parse_options(cxxopts::Options& options,
                                                  const CommandContext& context);

}  // namespace sf::cli
