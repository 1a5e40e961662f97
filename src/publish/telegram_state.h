// publish: what stickerforge knows is on Telegram, kept in a state file
// beside the build (a rebuild replaces the build folder; this survives it).
// Telegram's getStickerSet says which stickers a set holds, in which order,
// but not which build file each one came from; the state adds that, plus the
// one call in flight (`pending`), so a run killed at any point is finished by
// the next one without doubling or reordering a sticker.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sf::publish {

struct KnownSticker {
  std::string file_unique_id;  // "" until read back from getStickerSet
  std::string content;         // SHA-256 of the file we sent; "" when not put there by us
  std::vector<std::string> emoji_list;
  std::vector<std::string> keywords;
  bool operator==(const KnownSticker&) const = default;
};

/// The one changing call that was sent but whose answer was not recorded.
struct PendingCall {
  std::string op;                   // create | add | delete | replace | move
  std::size_t count_before = 0;     // add: stickers in the set before the call
  std::string file_unique_id{};     // delete, replace, move: the sticker acted on
  std::size_t position = 0;         // replace: where; move: to where
  std::vector<KnownSticker> added{};  // create: all; add, replace: the one new sticker
};

struct TelegramState {
  std::string set_name;
  std::string sticker_type = "regular";
  long long owner = 0;
  std::vector<KnownSticker> stickers;       // in the set's order, as last known
  std::string title;                        // as last known
  std::string thumbnail;                    // SHA-256 of the thumbnail we set; "" none
  std::map<std::string, std::string> uploads;  // content -> file_id from uploadStickerFile
  std::optional<PendingCall> pending;
};

/// `<build>.telegram-publish.json` beside the build folder.
std::filesystem::path default_state_path(const std::filesystem::path& build);

/// Reads the state, or an empty one when the file does not exist. Throws
/// Error(bad_input) naming the file when it is not a state file.
TelegramState load_state(const std::filesystem::path& path);

/// Writes atomically (a killed run leaves the old state or the new).
void save_state(const std::filesystem::path& path, const TelegramState& state);

}  // namespace sf::publish
