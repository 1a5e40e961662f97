// `stickerforge publish BUILD --platform telegram|discord`: put a built pack
// on Telegram (a sticker set, created or updated in place) or a Discord
// server. Tokens come from a file or the environment only, never from the
// command line (which other users see in ps) and are never printed.
#include <cxxopts.hpp>
#include <iostream>

#include "base/error.h"
#include "base/files.h"
#include "base/text.h"
#include "cli/commands.h"
#include "cli/parse_options.h"
#include "publish/publish.h"

namespace sf::cli {
namespace {

// The token from `file`, else from the environment variable `env`.
std::string read_token(const cxxopts::ParseResult& args, const char* env) {
  if (args.count("bot-token-file")) {
    std::string path = args["bot-token-file"].as<std::string>();
    std::string text = read_text_file(path, 4096);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
      text.pop_back();
    if (text.empty()) throw bad_input(path + ": is empty; expected the bot token on one line");
    return text;
  }
  if (const char* value = std::getenv(env); value != nullptr && *value != '\0') return value;
  throw bad_input(std::string("no bot token: give --bot-token-file FILE or set ") + env);
}

void print_plan(CommandContext& context, const publish::PublishOutcome& outcome, bool dry_run) {
  if (dry_run) {
    context.out << (outcome.plan.empty() ? "nothing to do: the published set is the build\n"
                                         : std::to_string(outcome.plan.size()) +
                                               " calls would be made:\n");
    for (const std::string& line : outcome.plan) context.out << "  " << line << "\n";
  } else {
    context.out << (outcome.plan.empty() ? "already up to date" :
                    std::to_string(outcome.plan.size()) + " calls made") << "\n";
  }
  if (!outcome.link.empty()) context.out << "link: " << outcome.link << "\n";
  if (!outcome.install_json.empty())
    context.out << "wrote the link to " << outcome.install_json.string()
                << " (send the verifier SIGHUP to pick it up)\n";
}

}  // namespace

int cmd_publish(CommandContext& context) {
  cxxopts::Options options(context.program,
                           "Publish a built pack: a Telegram sticker set (created, or updated "
                           "in place keeping its link) or Discord server stickers");
  options.add_options()
      ("build", "the folder 'stickerforge build' wrote", cxxopts::value<std::string>())
      ("p,platform", "telegram or discord", cxxopts::value<std::string>())
      ("bot-token-file", "file holding the bot token (else $SF_TELEGRAM_BOT_TOKEN / "
                         "$SF_DISCORD_BOT_TOKEN)", cxxopts::value<std::string>())
      ("owner", "telegram: numeric user id of the set's owner (must have started the bot)",
       cxxopts::value<long long>())
      ("name", "telegram: set name ending in _by_<bot>; default: a random, unguessable one",
       cxxopts::value<std::string>())
      ("guild", "discord: the server (guild) id", cxxopts::value<std::string>())
      ("remove-missing", "discord: delete stickers published earlier that the build no longer has")
      ("state", "the state file (default: beside the build, <build>.<platform>-publish.json)",
       cxxopts::value<std::string>())
      ("install-json", "telegram: install.json to write the link into (default: "
                       "<build>/install.json)", cxxopts::value<std::string>())
      ("packs", "telegram: the verifier's packs folder; writes <packs>/<pack id>/install.json",
       cxxopts::value<std::string>())
      ("dry-run", "print the calls that would be made; change nothing")
      ("api-url", "API base URL (a local Bot API server, or a test double)",
       cxxopts::value<std::string>())
      ("pace-ms", "least milliseconds between calls (default 250)", cxxopts::value<int>())
      ("max-wait", "longest flood wait, in seconds, to sit out before stopping (default 900)",
       cxxopts::value<int>())
      ("h,help", "show this help");
  options.parse_positional({"build"});
  options.positional_help("BUILD_DIR --platform telegram --bot-token-file F --owner USER_ID | "
                          "--platform discord --bot-token-file F --guild ID");
  std::optional<cxxopts::ParseResult> parsed = parse_options(options, context);
  if (!parsed) return Exit::ok;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("build"))
    throw bad_input("publish: no build folder given; usage: stickerforge publish BUILD_DIR "
                    "--platform telegram|discord ...");
  if (!args.count("platform"))
    throw bad_input("publish: no platform given; expected --platform telegram or discord");
  std::string platform = args["platform"].as<std::string>();
  publish::RetryPolicy policy;
  if (args.count("pace-ms")) policy.pace = std::chrono::milliseconds(std::max(0, args["pace-ms"].as<int>()));
  if (args.count("max-wait")) policy.max_wait = std::chrono::seconds(std::max(0, args["max-wait"].as<int>()));
  bool dry_run = args.count("dry-run") > 0;
  std::string state = args.count("state") ? args["state"].as<std::string>() : "";

  if (platform == "telegram") {
    publish::TelegramOptions o;
    o.build = args["build"].as<std::string>();
    o.token = read_token(args, "SF_TELEGRAM_BOT_TOKEN");
    if (args.count("owner")) o.owner = args["owner"].as<long long>();
    if (args.count("owner") && o.owner <= 0)
      throw bad_input("--owner " + std::to_string(o.owner) + ": expected a positive Telegram user id");
    if (args.count("name")) o.name = args["name"].as<std::string>();
    o.state = state;
    if (args.count("install-json")) o.install_json = args["install-json"].as<std::string>();
    if (args.count("packs")) o.packs = args["packs"].as<std::string>();
    o.dry_run = dry_run;
    o.policy = policy;
    auto http = publish::make_http_client(
        args.count("api-url") ? args["api-url"].as<std::string>() : "https://api.telegram.org");
    publish::PublishOutcome outcome = publish::publish_telegram(o, *http, publish::real_sleeper(), context.err);
    print_plan(context, outcome, dry_run);
    return Exit::ok;
  }
  if (platform == "discord") {
    publish::DiscordOptions o;
    o.build = args["build"].as<std::string>();
    o.token = read_token(args, "SF_DISCORD_BOT_TOKEN");
    if (!args.count("guild")) throw bad_input("publish: discord needs --guild ID (the server's id)");
    o.guild = args["guild"].as<std::string>();
    o.state = state;
    o.dry_run = dry_run;
    o.remove_missing = args.count("remove-missing") > 0;
    o.policy = policy;
    auto http = publish::make_http_client(
        args.count("api-url") ? args["api-url"].as<std::string>() : "https://discord.com");
    publish::PublishOutcome outcome = publish::publish_discord(o, *http, publish::real_sleeper(), context.err);
    print_plan(context, outcome, dry_run);
    return Exit::ok;
  }
  throw bad_input("publish: platform " + quote(platform) + " cannot be published to; expected "
                  "telegram or discord (other platforms are installed from their bundles)");
}

}  // namespace sf::cli
