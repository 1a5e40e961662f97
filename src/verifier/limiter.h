// verifier: failed-attempt limits. Per-client and per-store-key windows stop
// one guesser; a global budget (a circuit breaker) stops a botnet, which
// per-address limits cannot (reward-codes.md §2): when spent, anonymous
// redemption is switched off for a while and only store keys are served.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sf::verifier {

struct LimiterSettings {
  int failed_per_client_per_minute = 10;
  int failed_per_store_per_minute = 60;
  int global_failed_per_second = 100;
  int breaker_seconds = 300;
};

/// Counts failed attempts. Thread-safe; memory is bounded (old windows are
/// dropped when the table grows). Times are Unix seconds from the caller,
/// so tests use a fixed clock.
class Limiter {
 public:
  explicit Limiter(LimiterSettings settings) : settings_(settings) {}

  /// Seconds until `key` may try again after too many failures, 0 if it may
  /// now. `key` is "client:<addr>" or "store:<id>"; stores get their own limit.
  int retry_after(const std::string& key, std::int64_t now) const;

  /// Seconds until anonymous redemption is back on, 0 if it is on.
  int breaker_retry_after(std::int64_t now) const;

  /// Counts one failure against `key` and the global budget; may trip the
  /// breaker.
  void record_failure(const std::string& key, std::int64_t now);

  /// Counts one refused request (malformed, too large) against `key` only:
  /// refusals are no code guesses, so they do not spend the global budget
  /// and cannot pause anonymous redemption for everyone.
  void record_refusal(const std::string& key, std::int64_t now);

  /// Failures counted by the global budget since start, and breaker trips.
  std::uint64_t total_failures() const;
  std::uint64_t breaker_trips() const;

 private:
  struct Window {
    std::int64_t start = 0;
    int count = 0;
  };
  int limit_for(const std::string& key) const;
  void count_in_window(const std::string& key, std::int64_t now);  // mutex_ held

  LimiterSettings settings_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
  // Global budget as a token bucket: holds up to 10 s of budget, so a short
  // burst of typos does not trip it but a sustained guess rate does.
  double tokens_ = -1;
  std::int64_t tokens_at_ = 0;
  std::int64_t breaker_until_ = 0;
  std::uint64_t total_failures_ = 0;
  std::uint64_t breaker_trips_ = 0;
};

}  // namespace sf::verifier
