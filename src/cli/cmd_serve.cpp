// stickerforge serve: runs the verifier service in this process (the same
// service and options as the stickerforge-verifier executable).
#include "cli/commands.h"
#include "triggers/receiver.h"
#include "verifier/command_line.h"

namespace sf::cli {

int cmd_serve(CommandContext& context) {
  return verifier::verifier_command(context.program, context.args, context.out,
                                    triggers::make_receivers);
}

}  // namespace sf::cli
