// publish: Telegram's refusals turned into what a person can do about them.
#pragma once

#include <string>

#include "publish/bot_api.h"

namespace sf::publish {

struct ErrorContext {
  long long owner = 0;
  std::string bot;       // the token's bot username, without '@'
  std::string set_name;
  std::string subject;   // the file or sticker the failed call was about, if any
};

/// One message: Telegram's words, then the action ("the owner must start the
/// bot first: ..."). Never holds the token.
std::string explain(const BotApiError& error, const ErrorContext& context);

}  // namespace sf::publish
