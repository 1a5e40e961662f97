#include "cli/parse_options.h"

#include <ostream>
#include <vector>

namespace sf::cli {

std::optional<cxxopts::ParseResult> parse_options(cxxopts::Options& options,
                                                  const CommandContext& context) {
  std::vector<const char*> argv{context.program.c_str()};
  for (const std::string& arg : context.args) argv.push_back(arg.c_str());
  cxxopts::ParseResult args = options.parse(static_cast<int>(argv.size()), argv.data());
  if (args.count("help")) {
    context.out << options.help();
    return std::nullopt;
  }
  return args;
}

}  // namespace sf::cli
