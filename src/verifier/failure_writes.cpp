#include "verifier/failure_writes.h"

namespace sf::verifier {

FailureWrites::Decision FailureWrites::take(std::int64_t now) {
  std::lock_guard lock(mutex_);
  Decision decision;
  const std::int64_t minute = now / 60;
  if (minute != minute_) {
    decision.suppressed_before = suppressed_this_minute_;
    minute_ = minute;
    used_ = 0;
    suppressed_this_minute_ = 0;
  }
  if (used_ < per_minute_) {
    ++used_;
    decision.write = true;
    written_total_.fetch_add(1, std::memory_order_relaxed);
  } else {
    ++suppressed_this_minute_;
    suppressed_total_.fetch_add(1, std::memory_order_relaxed);
  }
  return decision;
}

}  // namespace sf::verifier
