// The code commands only, so sf_codes_tests runs run_cli without linking the
// image and ledger modules.
#include <vector>

#include "cli/commands.h"

namespace sf::cli {

static const std::vector<Command> kCommands = {
    {"keys", "keys", cmd_keys},
    {"campaign", "campaign", cmd_campaign},
    {"codes", "codes", cmd_codes},
};

std::span<const Command> all_commands() { return kCommands; }

}  // namespace sf::cli
