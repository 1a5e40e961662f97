#include <vector>

#include "cli/commands.h"

namespace sf::cli {

// Explicit table (not self-registration): stable --help order, nothing
// dropped by the linker. Add a row per new command.
static const std::vector<Command> kCommands = {
    {"build", "build every platform's sticker bundle from a pack.json", cmd_build},
    {"check", "check a bundle folder or ZIP against a platform's rules", cmd_check},
    {"preview", "draw a contact sheet of a pack on light and dark backgrounds", cmd_preview},
    {"report", "print issued and redeemed codes per campaign, store and day", cmd_report},
    {"app", "generate a sticker app or keyboard project (Xcode, Android Studio)", cmd_app},
    {"keys", "create, list, retire and publish reward-code signing keys", cmd_keys},
    {"campaign", "add, list and change reward campaigns (pack, trigger, dates, limits)", cmd_campaign},
    {"codes", "issue, verify and revoke signed reward codes (typed, link, QR, sheet)", cmd_codes},
    {"serve", "run the verifier service (redemption API and page)", cmd_serve},
    {"publish", "create or update the Telegram sticker set or Discord stickers of a build", cmd_publish},
};

std::span<const Command> all_commands() { return kCommands; }

}  // namespace sf::cli
