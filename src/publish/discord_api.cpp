#include "publish/discord_api.h"

#include <cmath>

using nlohmann::json;

namespace sf::publish {

DiscordError::DiscordError(const std::string& what, int status, int code, std::string message)
    : Error(status == 401 || status == 403 || status == 404 ? ErrorKind::bad_input : ErrorKind::conflict,
            what + ": " + std::to_string(status) + " " + message),
      status_(status),
      code_(code),
      message_(std::move(message)) {}

DiscordApi::DiscordApi(HttpClient& http, std::string token, Sleeper& sleeper, RetryPolicy policy)
    : http_(http), token_(std::move(token)), sleeper_(sleeper), policy_(policy) {}

json DiscordApi::call(const std::string& method, const std::string& path, const json& body,
                      const std::vector<FormPart>& form) {
  HttpRequestOut request;
  request.method = method;
  request.path = "/api/v10" + path;
  request.headers["Authorization"] = "Bot " + token_;
  request.headers["User-Agent"] = "DiscordBot (https://github.com/stickerforge, 0.1)";
  request.form = form;
  if (!body.is_null()) {
    request.body = body.dump();
    request.content_type = "application/json";
  }
  std::string what = "Discord " + method + " " + path;
  int floods = 0, failures = 0;
  for (;;) {
    if (calls_++ > 0) sleeper_.sleep(policy_.pace);
    HttpAnswer answer = http_.send(request);
    bool safe = method == "GET" || method == "DELETE" || method == "PATCH";
    if (answer.status == 0 || answer.status >= 502) {
      if (safe && failures++ < policy_.max_network_retries) {
        sleeper_.sleep(std::chrono::seconds(1 << failures));
        continue;
      }
      throw Error(ErrorKind::io, what + ": no answer (" +
                                     (answer.status ? "HTTP " + std::to_string(answer.status) : answer.error) +
                                     "); progress is saved: run again to go on");
    }
    json reply = answer.body.empty() ? json() : json::parse(answer.body, nullptr, false);
    if (answer.status == 429) {
      double seconds = reply.is_object() && reply.contains("retry_after") && reply["retry_after"].is_number()
                           ? reply["retry_after"].get<double>()
                           : 1.0;
      auto wait = std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000.0)));
      if (++floods > policy_.max_flood_retries || wait > policy_.max_wait)
        throw Error(ErrorKind::conflict, what + ": Discord's rate limit asks to wait " +
                                             std::to_string(seconds) + " s; progress is saved: run again later");
      sleeper_.sleep(wait);
      continue;
    }
    if (answer.status >= 200 && answer.status < 300) return reply;
    int code = reply.is_object() ? reply.value("code", 0) : 0;
    std::string message = reply.is_object() ? reply.value("message", std::string()) : std::string();
    throw DiscordError(what, answer.status, code, message.empty() ? "no message" : message);
  }
}

std::string explain(const DiscordError& error, const std::string& guild, const std::string& subject) {
  std::string action;
  switch (error.code()) {
    case 30039:
      action = "the server's sticker slots are full: boost the server or remove stickers";
      break;
    case 50013:
      action = "the bot lacks the Manage Expressions permission in server " + guild +
               ": give its role that permission";
      break;
    case 10004:
      action = "the bot is not in server " + guild + " or the id is wrong: invite the bot "
               "(OAuth2 URL with the bot scope) and check --guild";
      break;
    case 50045:
      action = subject + " is too large: Discord takes 512 KB";
      break;
    case 50035:
      action = "Discord refused a field of " + subject + " (name 2-30, description empty or "
               "2-100, tags 2-200 characters)";
      break;
    default:
      action = error.status() == 401 ? "the bot token is wrong or reset: copy it again from the "
                                       "Developer Portal into the token file"
                                     : "fix the cause and run again; progress is saved";
  }
  return std::string(error.what()) + (subject.empty() ? "" : " (" + subject + ")") + ": " + action;
}

}  // namespace sf::publish
