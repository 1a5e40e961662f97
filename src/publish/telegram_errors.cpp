#include "publish/telegram_errors.h"

#include <algorithm>
#include <cctype>

namespace sf::publish {
namespace {

bool has(const std::string& text, const std::string& part) {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  return lower(text).find(lower(part)) != std::string::npos;
}

}  // namespace

std::string explain(const BotApiError& error, const ErrorContext& context) {
  const std::string& d = error.description();
  std::string what = "Telegram refused " + error.method() + " (" + std::to_string(error.code()) +
                     " " + d + ")" + (context.subject.empty() ? "" : " for " + context.subject);
  std::string owner = std::to_string(context.owner);
  std::string bot = "@" + context.bot;
  std::string action;
  if (error.code() == 401 || error.code() == 404)
    action = "the bot token is wrong or revoked: get the token from @BotFather (/token) into "
             "the token file and run again";
  else if (has(d, "user not found") || has(d, "PEER_ID_INVALID"))
    action = "the owner must start the bot first: user " + owner + " opens a chat with " + bot +
             " in Telegram and presses Start, then run again (and check --owner is that "
             "person's numeric id, e.g. from @userinfobot)";
  else if (has(d, "USER_IS_BOT"))
    action = "--owner " + owner + " is a bot; give the numeric id of a person (the set's owner)";
  else if (has(d, "already occupied"))
    action = "name occupied: the set name " + context.set_name +
             " is taken; publish with another --name, or leave --name out for a random one";
  else if (has(d, "created sticker set not found"))
    action = "the name " + context.set_name + " belonged to a recently deleted set; wait a few "
             "minutes or publish with another --name";
  else if (has(d, "STICKERSET_INVALID") || has(d, "sticker set name invalid") ||
           has(d, "not enough rights"))
    action = "set not made by this bot: " + context.set_name + " can only be changed by the bot "
             "that created it (names end in _by_<that bot>); use that bot's token, or publish a "
             "new set (leave --name out)";
  else if (has(d, "invalid sticker set name") || has(d, "sticker set name is invalid"))
    action = "the set name " + context.set_name + " breaks Telegram's rules: letters, digits and "
             "'_', starting with a letter, ending in _by_" + context.bot;
  else if (has(d, "STICKERS_TOO_MUCH"))
    action = "the set is full (120 stickers, 200 custom emoji): remove stickers from pack.json "
             "or split the pack into two sets";
  else if (has(d, "STICKERSET_NOT_MODIFIED") || has(d, "not modified"))
    action = "nothing to change; run again to go on";
  else if (has(d, "emoji"))
    action = "fix the emoji of " + (context.subject.empty() ? "the sticker" : context.subject) +
             " in pack.json: 1 to 20 emoji, each a single emoji Telegram knows";
  else if (has(d, "keyword"))
    action = "fix the keywords in pack.json: at most 20, 64 characters in all";
  else if (error.code() == 413 || has(d, "too big") || has(d, "too large"))
    action = "the request is too large: " +
             (context.subject.empty() ? std::string("a file") : context.subject) +
             " is over Telegram's limit (static 512 KB, video 256 KB, animated 64 KB); rebuild "
             "the pack, or use a local Bot API server (--api-url) for larger uploads";
  else if (has(d, "Stickerpack_not_found"))
    action = "Telegram has not finished deleting an earlier set of this name; wait ~3 minutes "
             "and run again";
  else if (has(d, "dimensions") || has(d, "STICKER_") || has(d, "wrong file") ||
           has(d, "file type"))
    action = (context.subject.empty() ? std::string("a file") : context.subject) +
             " is not what Telegram accepts (512 px side, WEBP/PNG, VP9 WEBM, TGS); run "
             "'stickerforge check' on the build";
  else
    action = "progress is saved; fix the cause and run again to go on";
  return what + ": " + action;
}

}  // namespace sf::publish
