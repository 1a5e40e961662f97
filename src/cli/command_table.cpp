#include <vector>

#include "cli/commands.h"

namespace sf::cli {

// Explicit table (not self-registration): stable --help order, nothing
// dropped by the linker. Add a row per new command.
static const std::vector<Command> kCommands = {
};

std::span<const Command> all_commands() { return kCommands; }

}  // namespace sf::cli
