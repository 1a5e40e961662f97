#include "verifier/log.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "verifier/json_text.h"

namespace sf::verifier {

std::string iso8601_ms(std::int64_t unix_ms) {
  std::time_t seconds = std::time_t(unix_ms / 1000);
  std::tm tm{};
  ::gmtime_r(&seconds, &tm);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                int(unix_ms % 1000));
  return buffer;
}

Log::Log(Sink sink) : sink_(std::move(sink)) {}

void Log::write(std::string_view level, std::string_view event,
                std::initializer_list<std::pair<std::string_view, std::string>> fields) {
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  nlohmann::json line = {{"ts", iso8601_ms(now)}, {"level", level}, {"event", event}};
  for (const auto& [key, value] : fields)
    if (!value.empty()) line[std::string(key)] = value;
  std::string text = dump_json(line);
  std::lock_guard lock(mutex_);
  if (sink_) {
    sink_(text);
  } else {
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
}

}  // namespace sf::verifier
