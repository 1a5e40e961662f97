// `stickerforge check PATH --platform P`: judge a bundle made by anyone.
#include <cxxopts.hpp>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "cli/commands.h"
#include "cli/parse_options.h"
#include "exporters/check_bundle.h"

namespace sf::cli {

int cmd_check(CommandContext& context) {
  cxxopts::Options options(context.program,
                           "Check a bundle folder or ZIP against a platform's rules");
  options.add_options()("path", "bundle folder, build folder or ZIP",
                        cxxopts::value<std::string>())("p,platform", "platform id",
                                                       cxxopts::value<std::string>())(
      "json", "print the problems as JSON")("h,help", "show this help");
  options.parse_positional({"path"});
  options.positional_help("PATH --platform P");
  std::optional<cxxopts::ParseResult> parsed = parse_options(options, context);
  if (!parsed) return Exit::ok;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("path"))
    throw bad_input("check: no bundle given; usage: stickerforge check PATH --platform P");
  if (!args.count("platform")) throw bad_input("check: no platform given; expected --platform P");
  std::string path = args["path"].as<std::string>();
  std::string platform = args["platform"].as<std::string>();
  Problems problems = exporters::check_bundle(path, platform);
  if (args.count("json")) {
    nlohmann::json list = nlohmann::json::array();
    for (const Problem& p : problems) list.push_back({{"where", p.where}, {"message", p.message}});
    context.out << nlohmann::json{{"platform", platform}, {"path", path}, {"problems", list}}.dump(
                       2)
                << "\n";
  } else if (problems.empty()) {
    context.out << path << ": no problems for " << platform << "\n";
  } else {
    context.out << problems.size() << (problems.size() == 1 ? " problem" : " problems") << " in "
                << path << " for " << platform << ":\n";
    for (const Problem& p : problems) context.out << "  " << p.to_string() << "\n";
  }
  return problems.empty() ? Exit::ok : Exit::failure;
}

}  // namespace sf::cli
