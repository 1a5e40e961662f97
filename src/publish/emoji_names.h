// publish: Discord wants a guild sticker's `tags` to be the name of a Unicode
// emoji (its client sends e.g. "thumbsup"), not the emoji itself.
#pragma once

#include <string>

namespace sf::publish {

/// Discord's name for `emoji` ("👍" -> "thumbsup"), or "" when the emoji is
/// not in our table (the common sticker emoji; the caller then keeps the text).
std::string discord_emoji_name(const std::string& emoji);

}  // namespace sf::publish
