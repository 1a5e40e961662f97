// `stickerforge app PACK.json --kind KIND --out DIR --bundle-id ID`: a
// ready-to-open Xcode or Android Studio project made from the pack.
#include <cxxopts.hpp>
#include <iostream>

#include "apps/apps.h"
#include "base/error.h"
#include "base/text.h"
#include "cli/commands.h"
#include "cli/parse_options.h"
#include "pack/pack.h"

namespace sf::cli {

int cmd_app(CommandContext& context) {
  std::vector<std::string> kinds(apps::app_kind_names().begin(), apps::app_kind_names().end());
  cxxopts::Options options(context.program,
                           "Generate a sticker app or keyboard project from a pack.json");
  options.add_options()
      ("pack", "pack.json to build the stickers from", cxxopts::value<std::string>())
      ("k,kind", "project to generate: " + join(kinds, ", "), cxxopts::value<std::string>())
      ("o,out", "project folder to create", cxxopts::value<std::string>())
      ("bundle-id", "bundle id (iOS) or application id (Android), e.g. com.example.stickers",
       cxxopts::value<std::string>())
      ("verifier", "https URL of the verifier: lock the pack behind a \"redeem your code\" screen",
       cxxopts::value<std::string>())
      ("from-build", "use this existing 'stickerforge build' output instead of building",
       cxxopts::value<std::string>())
      ("force", "replace the output folder if it exists")
      ("h,help", "show this help");
  options.parse_positional({"pack"});
  options.positional_help("PACK.json --kind KIND --out DIR --bundle-id ID");
  std::optional<cxxopts::ParseResult> parsed = parse_options(options, context);
  if (!parsed) return Exit::ok;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("pack"))
    throw bad_input("app: no pack.json given; usage: stickerforge app PACK.json --kind KIND "
                    "--out DIR --bundle-id ID");
  if (!args.count("kind")) throw bad_input("app: no --kind given; expected one of: " + join(kinds, ", "));
  if (!args.count("out")) throw bad_input("app: no output folder given; expected --out DIR");
  if (!args.count("bundle-id"))
    throw bad_input("app: no --bundle-id given; expected a reverse-DNS id like com.example.stickers");

  apps::AppOptions app;
  app.kind = apps::parse_app_kind(args["kind"].as<std::string>());
  app.out_dir = args["out"].as<std::string>();
  app.bundle_id = args["bundle-id"].as<std::string>();
  if (args.count("verifier")) app.verifier_url = args["verifier"].as<std::string>();
  app.force = args.count("force") > 0;
  apps::validate_options(app);  // bad options fail before the pack is even read

  pack::Pack pack = pack::load_pack(args["pack"].as<std::string>());
  apps::AppResult result =
      args.count("from-build")
          ? apps::generate_app_from_build(pack, args["from-build"].as<std::string>(), app)
          : apps::generate_app(pack, app);
  context.out << "generated " << apps::app_kind_name(app.kind) << " project "
              << result.out_dir.string() << " (" << result.files.size() << " files)\n"
              << "next: see " << (result.out_dir / "README.md").string() << "\n";
  return Exit::ok;
}

}  // namespace sf::cli
