// pack: emoji checked against Unicode's own list (emoji-test.txt, compiled
// in from Debian's unicode-data), so ":smile:" or a plain letter never
// reaches a platform's manifest; shortcodes (:smile:) are recognised only
// to suggest the emoji meant.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sf::pack {

struct EmojiInfo {
  std::string emoji;      // fully-qualified form (with U+FE0F where Unicode wants it)
  std::string name;       // Unicode's (CLDR) short name, e.g. "grinning face"
  std::string shortcode;  // the common :name: without colons, e.g. "grinning"; may be empty
};

/// `text` when it is exactly one emoji of Unicode's list (fully,
/// minimally or un-qualified; skin tones, flags, keycaps and ZWJ sequences
/// included); std::nullopt otherwise.
std::optional<EmojiInfo> find_emoji(std::string_view text);

/// The emoji a shortcode names (":smile:" or "smile"), if it is a known one.
std::optional<EmojiInfo> emoji_for_shortcode(std::string_view text);

/// The name Discord's sticker `tags` field wants for `emoji` (a fully
/// qualified emoji): its shortcode when it has one, else Unicode's name
/// with '_' for spaces; 2-200 characters.
std::string discord_emoji_name(std::string_view emoji);

}  // namespace sf::pack
