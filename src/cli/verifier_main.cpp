// stickerforge-verifier: the redemption service on its own, linking no image
// library. Same options as `stickerforge serve`; with a `triggers` file it
// also runs the webhook receivers (src/triggers).
#include <iostream>
#include <string>
#include <vector>

#include "base/error.h"
#include "triggers/receiver.h"
#include "verifier/command_line.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return sf::verifier::verifier_command("stickerforge-verifier", args, std::cout,
                                         sf::triggers::make_receivers);
  } catch (const sf::Error& e) {
    std::cerr << "stickerforge-verifier: error: " << e.what() << "\n";
    return e.kind() == sf::ErrorKind::io ? 1 : e.kind() == sf::ErrorKind::internal ? 3 : 2;
  } catch (const std::exception& e) {
    // cxxopts reports unknown options and missing values this way.
    std::cerr << "stickerforge-verifier: error: " << e.what() << "\n";
    return 2;
  }
}
