// publish: Discord REST calls for guild stickers, with `Authorization: Bot`,
// 429 answers waited out for their retry_after (seconds, fractional), and
// Discord's JSON errors ({"code": 30039, "message": …}) kept for explaining.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/error.h"
#include "publish/http_client.h"
#include "publish/retry_policy.h"
#include "publish/sleeper.h"

namespace sf::publish {

class DiscordError : public Error {
 public:
  DiscordError(const std::string& what, int status, int code, std::string message);
  int status() const { return status_; }
  int code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  int status_, code_;
  std::string message_;
};

class DiscordApi {
 public:
  DiscordApi(HttpClient& http, std::string token, Sleeper& sleeper, RetryPolicy policy);

  /// `method` `path` (under /api/v10) with a JSON body (PATCH) or a form (POST).
  nlohmann::json call(const std::string& method, const std::string& path,
                      const nlohmann::json& body = nullptr, const std::vector<FormPart>& form = {});

 private:
  HttpClient& http_;
  std::string token_;
  Sleeper& sleeper_;
  RetryPolicy policy_;
  int calls_ = 0;
};

/// What a person can do about `error` (slots full, missing permission, ...).
std::string explain(const DiscordError& error, const std::string& guild, const std::string& subject);

}  // namespace sf::publish
