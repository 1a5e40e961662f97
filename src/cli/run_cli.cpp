#include "cli/run_cli.h"

#include <cxxopts.hpp>
#include <iostream>
#include <vector>

#include "base/error.h"
#include "base/text.h"
#include "cli/command.h"

namespace sf::cli {
namespace {

constexpr std::string_view kVersion = "0.1.0";

void print_help(std::ostream& out) {
  out << "stickerforge " << kVersion
      << ": brand artwork to sticker packs for every messenger, and signed reward codes\n\n"
         "usage: stickerforge <command> [options]\n\ncommands:\n";
  for (const Command& command : all_commands()) {
    std::string name(command.name);
    name.resize(12, ' ');
    out << "  " << name << command.summary << "\n";
  }
  out << "\nRun 'stickerforge <command> --help' for a command's options.\n";
}

int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_input:
    case ErrorKind::not_found:
    case ErrorKind::conflict:
      return Exit::usage;
    case ErrorKind::io:
      return Exit::failure;
    case ErrorKind::internal:
      return Exit::internal;
  }
  return Exit::internal;
}

}  // namespace

int run_cli(std::span<const std::string> argv, std::ostream& out, std::ostream& err,
            bool interactive) {
  if (argv.size() < 2 || argv[1] == "--help" || argv[1] == "-h" || argv[1] == "help") {
    print_help(argv.size() < 2 ? err : out);
    return argv.size() < 2 ? Exit::usage : Exit::ok;
  }
  if (argv[1] == "--version" || argv[1] == "-V") {
    out << "stickerforge " << kVersion << "\n";
    return Exit::ok;
  }
  const std::string& name = argv[1];
  for (const Command& command : all_commands()) {
    if (command.name != name) continue;
    CommandContext context{"stickerforge " + name,
                           std::vector<std::string>(argv.begin() + 2, argv.end()), out, err,
                           interactive};
    try {
      return command.handler(context);
    } catch (const Error& e) {
      err << "stickerforge: error: " << e.what() << "\n";
      return exit_code_for(e.kind());
    } catch (const cxxopts::exceptions::exception& e) {
      err << "stickerforge " << name << ": error: " << e.what() << "\n";
      return Exit::usage;
    } catch (const std::exception& e) {
      err << "stickerforge: internal error: " << e.what() << "\n";
      return Exit::internal;
    }
  }
  std::vector<std::string_view> names;
  for (const Command& command : all_commands()) names.push_back(command.name);
  err << "stickerforge: error: unknown command " << quote(name) << ";"
      << did_you_mean(name, names) << " run 'stickerforge --help' for the list\n";
  return Exit::usage;
}

}  // namespace sf::cli
