#include "publish/emoji_names.h"

#include <unordered_map>

namespace sf::publish {

std::string discord_emoji_name(const std::string& emoji) {
  // The emoji stickers use most, by Discord's names (its emoji picker's
  // ":name:"); the variation selector U+FE0F is dropped before looking up.
  static const std::unordered_map<std::string, std::string> kNames = {
      {"😀", "grinning"}, {"😃", "smiley"}, {"😄", "smile"}, {"😁", "grin"},
      {"😆", "laughing"}, {"😅", "sweat_smile"}, {"🤣", "rofl"}, {"😂", "joy"},
      {"🙂", "slight_smile"}, {"🙃", "upside_down"}, {"😉", "wink"}, {"😊", "blush"},
      {"😇", "innocent"}, {"🥰", "smiling_face_with_3_hearts"}, {"😍", "heart_eyes"},
      {"🤩", "star_struck"}, {"😘", "kissing_heart"}, {"😋", "yum"}, {"😛", "stuck_out_tongue"},
      {"😜", "stuck_out_tongue_winking_eye"}, {"🤪", "zany_face"}, {"🤗", "hugging"},
      {"🤔", "thinking"}, {"🤐", "zipper_mouth"}, {"😐", "neutral_face"}, {"😑", "expressionless"},
      {"😶", "no_mouth"}, {"😏", "smirk"}, {"😒", "unamused"}, {"🙄", "rolling_eyes"},
      {"😬", "grimacing"}, {"😌", "relieved"}, {"😔", "pensive"}, {"😪", "sleepy"},
      {"😴", "sleeping"}, {"😷", "mask"}, {"🤒", "thermometer_face"}, {"🤢", "nauseated_face"},
      {"🤮", "face_vomiting"}, {"🥵", "hot_face"}, {"🥶", "cold_face"}, {"😵", "dizzy_face"},
      {"🤯", "exploding_head"}, {"🥳", "partying_face"}, {"😎", "sunglasses"}, {"🤓", "nerd"},
      {"😕", "confused"}, {"😟", "worried"}, {"🙁", "slight_frown"}, {"😮", "open_mouth"},
      {"😯", "hushed"}, {"😲", "astonished"}, {"😳", "flushed"}, {"🥺", "pleading_face"},
      {"😦", "frowning"}, {"😧", "anguished"}, {"😨", "fearful"}, {"😰", "cold_sweat"},
      {"😥", "disappointed_relieved"}, {"😢", "cry"}, {"😭", "sob"}, {"😱", "scream"},
      {"😖", "confounded"}, {"😣", "persevere"}, {"😞", "disappointed"}, {"😓", "sweat"},
      {"😩", "weary"}, {"😫", "tired_face"}, {"🥱", "yawning_face"}, {"😤", "triumph"},
      {"😡", "rage"}, {"😠", "angry"}, {"🤬", "face_with_symbols_over_mouth"}, {"😈", "smiling_imp"},
      {"💀", "skull"}, {"💩", "poop"}, {"🤡", "clown"}, {"👻", "ghost"}, {"👽", "alien"},
      {"🤖", "robot"}, {"😺", "smiley_cat"}, {"😻", "heart_eyes_cat"}, {"👋", "wave"},
      {"👌", "ok_hand"}, {"✌", "v"}, {"🤞", "fingers_crossed"}, {"🤟", "love_you_gesture"},
      {"🤘", "metal"}, {"👍", "thumbsup"}, {"👎", "thumbsdown"}, {"👏", "clap"},
      {"🙌", "raised_hands"}, {"🙏", "pray"}, {"💪", "muscle"}, {"👀", "eyes"},
      {"❤", "heart"}, {"🧡", "orange_heart"}, {"💛", "yellow_heart"}, {"💚", "green_heart"},
      {"💙", "blue_heart"}, {"💜", "purple_heart"}, {"🖤", "black_heart"}, {"💔", "broken_heart"},
      {"💕", "two_hearts"}, {"💖", "sparkling_heart"}, {"💯", "100"}, {"💤", "zzz"},
      {"🔥", "fire"}, {"✨", "sparkles"}, {"⭐", "star"}, {"🌟", "star2"}, {"🎉", "tada"},
      {"🎊", "confetti_ball"}, {"🎁", "gift"}, {"🎂", "birthday"}, {"☕", "coffee"},
      {"🍕", "pizza"}, {"🍺", "beer"}, {"🍻", "beers"}, {"🥂", "champagne_glass"},
      {"☀", "sunny"}, {"🌈", "rainbow"}, {"❄", "snowflake"}, {"⚡", "zap"}, {"🐶", "dog"},
      {"🐱", "cat"}, {"🦊", "fox"}, {"🐻", "bear"}, {"🐼", "panda_face"}, {"🐸", "frog"},
      {"🦄", "unicorn"}, {"✅", "white_check_mark"}, {"❌", "x"}, {"❓", "question"},
      {"❗", "exclamation"}, {"👑", "crown"}, {"💡", "bulb"}, {"🎵", "musical_note"},
  };
  std::string key = emoji;
  const std::string selector = "\xEF\xB8\x8F";  // U+FE0F
  for (auto at = key.find(selector); at != std::string::npos; at = key.find(selector))
    key.erase(at, selector.size());
  auto it = kNames.find(key);
  return it == kNames.end() ? "" : it->second;
}

}  // namespace sf::publish
