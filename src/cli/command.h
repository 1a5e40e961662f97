// cli: one entry per sub-command. A new command is one handler file
// (cmd_<name>.cpp) plus one row in command_table.cpp.
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sf::cli {

/// Exit codes shared by every command.
enum Exit : int { ok = 0, failure = 1, usage = 2, internal = 3 };

struct CommandContext {
  std::string program;             // "stickerforge"
  std::vector<std::string> args;   // after the command name
  std::ostream& out;
  std::ostream& err;
  bool interactive = false;        // stderr is a terminal: progress bars allowed
};

using CommandHandler = int (*)(CommandContext&);

struct Command {
  std::string_view name;
  std::string_view summary;
  CommandHandler handler;
};

/// Every command, in --help order.
std::span<const Command> all_commands();

}  // namespace sf::cli
