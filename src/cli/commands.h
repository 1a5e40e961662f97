// cli: the handler of every sub-command (one file each: cmd_<name>.cpp).
#pragma once

#include "cli/command.h"

namespace sf::cli {

// Declare each handler here and add its row to command_table.cpp.

}  // namespace sf::cli
