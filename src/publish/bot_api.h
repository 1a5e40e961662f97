// publish: a Telegram Bot API caller. Sends every method as multipart/form-data
// (the one encoding that carries files too), waits out 429 "Too Many Requests"
// answers for their retry_after, paces calls, and turns failures into typed
// errors. Never puts the token in a message: it only lives in request paths.
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/error.h"
#include "publish/http_client.h"
#include "publish/retry_policy.h"
#include "publish/sleeper.h"

namespace sf::publish {

/// Telegram answered ok=false (or HTTP 413 without a JSON body).
class BotApiError : public Error {
 public:
  BotApiError(std::string method, int code, std::string description);
  const std::string& method() const { return method_; }
  int code() const { return code_; }
  const std::string& description() const { return description_; }

 private:
  std::string method_;
  int code_;
  std::string description_;
};

/// No usable answer: the call may or may not have happened on Telegram's side.
/// The publisher re-reads the set before going on.
class NoAnswerError : public Error {
 public:
  explicit NoAnswerError(const std::string& message) : Error(ErrorKind::io, message) {}
};

/// Telegram asked to wait longer than RetryPolicy::max_wait, or kept asking.
class FloodWaitError : public Error {
 public:
  FloodWaitError(const std::string& message, int retry_after_seconds)
      : Error(ErrorKind::conflict, message), retry_after_(retry_after_seconds) {}
  int retry_after() const { return retry_after_; }

 private:
  int retry_after_;
};

/// The seconds to wait from a 429 answer: parameters.retry_after, else the
/// number in "retry after N" / "Retry in N seconds", else 5.
int retry_after_seconds(const nlohmann::json& answer);

class BotApi {
 public:
  using Note = std::function<void(const std::string&)>;
  BotApi(HttpClient& http, std::string token, Sleeper& sleeper, RetryPolicy policy = {},
         Note note = {});

  /// Calls `method` with `fields` (strings sent as they are, everything else
  /// as JSON text) and `files` (multipart file parts) and returns `result`.
  /// `repeatable`: the call may be sent again when no answer came (reads,
  /// uploads); other calls throw NoAnswerError instead.
  nlohmann::json call(const std::string& method, const nlohmann::json& fields,
                      const std::vector<FormPart>& files = {}, bool repeatable = false);

  int calls() const { return calls_; }

 private:
  HttpClient& http_;
  std::string token_;
  Sleeper& sleeper_;
  RetryPolicy policy_;
  Note note_;
  int calls_ = 0;
};

}  // namespace sf::publish
