// verifier: structured log lines, one JSON object per line on stderr. Never
// given a code, a key or a token: callers pass ids and outcomes only.
#pragma once

#include <functional>
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace sf::verifier {

class Log {
 public:
  using Sink = std::function<void(std::string_view line)>;
  /// Writes to stderr unless given another sink (tests).
  explicit Log(Sink sink = {});

  /// {"ts": ISO-8601 UTC, "level": level, "event": event, fields...}.
  /// String values; numbers go in as text.
  void write(std::string_view level, std::string_view event,
             std::initializer_list<std::pair<std::string_view, std::string>> fields);

 private:
  Sink sink_;
  std::mutex mutex_;
};

/// "2026-11-29T10:21:52.123Z" for a Unix time in milliseconds.
std::string iso8601_ms(std::int64_t unix_ms);

}  // namespace sf::verifier
