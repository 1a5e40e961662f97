// messengers: the one customer-side list of messengers. One row per
// messenger: its id (the build's platform folder and the install.json key),
// display name, the ways a customer installs it (which install.json fields
// apply, in button order), the key of its numbered steps (texts live with
// the pages that show them) and the build file customers may take, if any.
// Everything else in a build folder is a submission file for the operator
// (LINE's upload.zip, Telegram's bot bundle...) and is never offered.
// Depends on nothing; the verifier reads it, and docs/customers.md explains it.
#pragma once

#include <span>
#include <string_view>

namespace sf::messengers {

/// One field of a messenger's entry in install.json, i.e. one button.
enum class Way {
  add_link,    // opens the messenger's own add page (Telegram, Signal)
  play_store,  // the brand's app on Google Play (WhatsApp sticker app, keyboard)
  app_store,   // the brand's app on the App Store (WhatsApp, iMessage, keyboard)
  store_url,   // the messenger's own sticker store page (LINE, Viber, Kik, WeChat)
  invite,      // a Discord server invite
};

/// The install.json field name: "add_link", "play_store", "app_store", "store_url", "invite".
std::string_view field_name(Way way);

/// Where a messenger's way of installing works, to put the visitor's first.
enum class System { any, android, ios };

struct Messenger {
  std::string_view id;    // "telegram"
  std::string_view name;  // "Telegram"
  std::span<const Way> ways;
  /// Steps are "<steps_key>.1", ".2", ... in the pages' text table.
  std::string_view steps_key;
  /// add_link values must start with this (the messenger's own host); "" =
  /// any https address.
  std::string_view link_prefix;
  /// A build file (by suffix) customers may download for third-party sticker
  /// maker apps, or "" when the build folder holds only submission files.
  std::string_view maker_file_suffix;
  System system = System::any;
};

/// Every messenger, in the order pages list them (most used first).
std::span<const Messenger> catalog();

/// The row for `id`, or nullptr.
const Messenger* find_messenger(std::string_view id);

}  // namespace sf::messengers
