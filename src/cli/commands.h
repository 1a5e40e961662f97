// cli: the handler of every sub-command (one file each: cmd_<name>.cpp).
#pragma once

#include "cli/command.h"

namespace sf::cli {

// Declare each handler here and add its row to command_table.cpp.
int cmd_build(CommandContext& context);    // build PACK.json --out DIR
int cmd_check(CommandContext& context);    // check PATH --platform P
int cmd_preview(CommandContext& context);  // preview PACK.json --out sheet.png
int cmd_report(CommandContext& context);   // report --ledger URL [--csv FILE]
int cmd_app(CommandContext& context);      // app PACK.json --kind KIND --out DIR --bundle-id ID
int cmd_keys(CommandContext& context);      // keys new|list|retire|export-public --keyring FILE
int cmd_campaign(CommandContext& context);  // campaign add|list|set --campaigns FILE
int cmd_codes(CommandContext& context);     // codes issue|verify|revoke
int cmd_serve(CommandContext& context);     // serve --config FILE | --listen --ledger ...
int cmd_publish(CommandContext& context);   // publish BUILD --platform telegram|discord ...

}  // namespace sf::cli
