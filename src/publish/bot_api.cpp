#include "publish/bot_api.h"

#include <regex>

#include "base/text.h"

using nlohmann::json;

namespace sf::publish {

BotApiError::BotApiError(std::string method, int code, std::string description)
    : Error(code == 401 || code == 403 || code == 404 ? ErrorKind::bad_input : ErrorKind::conflict,
            "Telegram refused " + method + ": " + std::to_string(code) + " " + description),
      method_(std::move(method)),
      code_(code),
      description_(std::move(description)) {}

int retry_after_seconds(const json& answer) {
  if (answer.is_object() && answer.contains("parameters") && answer["parameters"].is_object()) {
    const json& p = answer["parameters"];
    if (p.contains("retry_after") && p["retry_after"].is_number())
      return std::max(1, static_cast<int>(p["retry_after"].get<double>() + 0.999));
  }
  if (answer.is_object() && answer.contains("description") && answer["description"].is_string()) {
    static const std::regex kSeconds(R"((?:retry after|retry in)\s+(\d+))", std::regex::icase);
    std::smatch match;
    std::string text = answer["description"].get<std::string>();
    if (std::regex_search(text, match, kSeconds)) return std::max(1, std::stoi(match[1].str()));
  }
  return 5;
}

BotApi::BotApi(HttpClient& http, std::string token, Sleeper& sleeper, RetryPolicy policy,
               Note note)
    : http_(http),
      token_(std::move(token)),
      sleeper_(sleeper),
      policy_(policy),
      note_(std::move(note)) {}

json BotApi::call(const std::string& method, const json& fields,
                  const std::vector<FormPart>& files, bool repeatable) {
  HttpRequestOut request;
  request.method = "POST";
  request.path = "/bot" + token_ + "/" + method;
  for (const auto& [name, value] : fields.items())
    request.form.push_back({name, value.is_string() ? value.get<std::string>() : value.dump(), "", ""});
  for (const FormPart& file : files) request.form.push_back(file);
  if (request.form.empty()) request.form.push_back({"_", "", "", ""});  // keep it multipart

  int floods = 0, failures = 0;
  for (;;) {
    if (calls_ > 0) sleeper_.sleep(policy_.pace);
    ++calls_;
    HttpAnswer answer = http_.send(request);
    json body = json::parse(answer.body, nullptr, false);
    bool telegram_answered = body.is_object() && body.contains("ok");
    if (answer.status == 0 || (!telegram_answered && answer.status >= 500)) {
      std::string why = answer.status == 0 ? answer.error : "HTTP " + std::to_string(answer.status);
      if (repeatable && failures < policy_.max_network_retries) {
        ++failures;
        auto wait = std::chrono::seconds(1 << failures);
        if (note_) note_(method + ": no answer (" + why + "); trying again in " +
                         std::to_string(wait.count()) + " s");
        sleeper_.sleep(wait);
        continue;
      }
      throw NoAnswerError("Telegram: " + method + ": no answer (" + why + ")");
    }
    if (!telegram_answered) {
      if (answer.status == 413)
        throw BotApiError(method, 413, "Request Entity Too Large");
      throw BotApiError(method, answer.status,
                        "an answer that is not Bot API JSON (HTTP " + std::to_string(answer.status) + ")");
    }
    if (body["ok"] == true) return body.contains("result") ? body["result"] : json();
    int code = body.value("error_code", answer.status);
    std::string description = body.value("description", std::string("no description"));
    if (code == 429) {
      int seconds = retry_after_seconds(body);
      if (floods >= policy_.max_flood_retries ||
          std::chrono::seconds(seconds) > policy_.max_wait)
        throw FloodWaitError("Telegram's flood control: " + method + " must wait " +
                                 std::to_string(seconds) + " s (" + description + ")",
                             seconds);
      ++floods;
      if (note_) note_(method + ": Telegram asks to wait " + std::to_string(seconds) +
                       " s (429); waiting");
      sleeper_.sleep(std::chrono::seconds(seconds));
      continue;
    }
    throw BotApiError(method, code, description);
  }
}

}  // namespace sf::publish
