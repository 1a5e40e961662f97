// publish: putting a built pack where customers get it without a download:
// a Telegram sticker set (created, then updated in place so its link lives
// on) and Discord server stickers. The CLI's one door into this module.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "publish/http_client.h"
#include "publish/retry_policy.h"
#include "publish/sleeper.h"

namespace sf::publish {

struct TelegramOptions {
  std::filesystem::path build;          // `stickerforge build` output (or its telegram folder)
  std::string token;                    // the bot's token; never printed
  long long owner = 0;                  // the set owner's user id; 0: the one the state records
  std::string name;                     // set name; "": the state's, else a random one
  std::filesystem::path state;          // "": <build>.telegram-publish.json
  std::filesystem::path install_json;   // "": <packs>/<pack id>/install.json, else
                                        // <build>/install.json when the build has report.json
  std::filesystem::path packs;          // the verifier's packs folder, or ""
  bool dry_run = false;                 // print the calls; change nothing
  RetryPolicy policy;
};

struct PublishOutcome {
  std::string link;                     // https://t.me/addstickers/NAME
  std::vector<std::string> plan;        // the calls planned (dry run) or made
  std::filesystem::path install_json;   // where the link was written, if anywhere
};

/// Creates or updates the set. Progress lines go to `log`. Throws sf::Error
/// with the action to take; the state file keeps what is done, so running
/// again goes on where it stopped.
PublishOutcome publish_telegram(const TelegramOptions& options, HttpClient& http,
                                Sleeper& sleeper, std::ostream& log);

struct DiscordOptions {
  std::filesystem::path build;          // `stickerforge build` output (or its discord folder)
  std::string token;
  std::string guild;                    // the server's id
  std::filesystem::path state;          // "": <build>.discord-publish.json
  bool dry_run = false;
  bool remove_missing = false;          // delete stickers we uploaded that the build no longer has
  RetryPolicy policy;
};

PublishOutcome publish_discord(const DiscordOptions& options, HttpClient& http, Sleeper& sleeper,
                               std::ostream& log);

}  // namespace sf::publish
