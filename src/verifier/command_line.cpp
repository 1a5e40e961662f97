#include "verifier/command_line.h"

#include <cxxopts.hpp>
#include <filesystem>
#include <ostream>
#include <vector>

#include "base/error.h"
#include "base/text.h"
#include "verifier/config.h"
#include "verifier/json_text.h"
#include "verifier/server.h"
#include "verifier/store_keys.h"

namespace sf::verifier {

int verifier_command(std::string_view program, std::span<const std::string> args,
                     std::ostream& out, const ExtensionFactory& extension) {
  cxxopts::Options options(std::string(program),
                           "Redeems reward codes over HTTP and hands out the sticker packs they "
                           "unlock. Every config file key is also a flag.");
  options.add_options()("config", "JSON settings file; flags override it",
                        cxxopts::value<std::string>())(
      "new-store-key", "print a new store key for STORE and the line for the store-keys file",
      cxxopts::value<std::string>())("h,help", "show this help");
  for (std::string_view key : config_keys())
    options.add_options("settings")(std::string(key), "see docs/operations.md",
                                    cxxopts::value<std::string>());

  std::vector<const char*> argv{"stickerforge-verifier"};
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  auto result = options.parse(int(argv.size()), argv.data());
  if (!result.unmatched().empty())
    throw bad_input("unexpected argument " + quote(result.unmatched().front()) +
                    "; settings are given as --key VALUE");
  if (result.count("help")) {
    out << options.help();
    return 0;
  }
  if (result.count("new-store-key")) {
    std::string store = result["new-store-key"].as<std::string>();
    std::string key = new_store_key();
    out << "store key for " << quote(store) << " (give it to the store; it is not kept):\n  "
        << key << "\nadd to the store-keys file's \"stores\" list:\n  "
        << dump_json({{"store", store}, {"key_sha256", store_key_digest(key)}});
    return 0;
  }

  Config config;
  if (result.count("config")) config = load_config_file(result["config"].as<std::string>());
  for (std::string_view key : config_keys()) {
    std::string name(key);
    if (result.count(name))
      set_config_value(config, key, result[name].as<std::string>(), std::filesystem::current_path());
  }
  return run_verifier(config, extension);
}

}  // namespace sf::verifier
