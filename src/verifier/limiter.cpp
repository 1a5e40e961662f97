#include "verifier/limiter.h"

#include <algorithm>

namespace sf::verifier {
namespace {

constexpr std::int64_t kWindowSeconds = 60;
constexpr std::size_t kMaxTrackedKeys = 200000;

}  // namespace

int Limiter::limit_for(const std::string& key) const {
  return key.starts_with("store:") ? settings_.failed_per_store_per_minute
                                   : settings_.failed_per_client_per_minute;
}

int Limiter::retry_after(const std::string& key, std::int64_t now) const {
  std::lock_guard lock(mutex_);
  auto it = windows_.find(key);
  if (it == windows_.end()) return 0;
  const Window& window = it->second;
  if (now - window.start >= kWindowSeconds) return 0;
  if (window.count < limit_for(key)) return 0;
  return int(window.start + kWindowSeconds - now);
}

int Limiter::breaker_retry_after(std::int64_t now) const {
  std::lock_guard lock(mutex_);
  return breaker_until_ > now ? int(breaker_until_ - now) : 0;
}

void Limiter::count_in_window(const std::string& key, std::int64_t now) {
  if (windows_.size() >= kMaxTrackedKeys) {
    // Forget finished windows; if every window is live (a flood of distinct
    // addresses), start over rather than grow without bound: the global
    // budget still limits the guess rate.
    std::erase_if(windows_, [&](const auto& entry) {
      return now - entry.second.start >= kWindowSeconds;
    });
    if (windows_.size() >= kMaxTrackedKeys) windows_.clear();
  }
  Window& window = windows_[key];
  if (now - window.start >= kWindowSeconds) window = Window{now, 0};
  ++window.count;
}

void Limiter::record_refusal(const std::string& key, std::int64_t now) {
  std::lock_guard lock(mutex_);
  count_in_window(key, now);
}

void Limiter::record_failure(const std::string& key, std::int64_t now) {
  std::lock_guard lock(mutex_);
  ++total_failures_;
  count_in_window(key, now);

  const double budget = settings_.global_failed_per_second;
  const double capacity = budget * 10;
  if (tokens_ < 0) {
    tokens_ = capacity;
    tokens_at_ = now;
  }
  tokens_ = std::min(capacity, tokens_ + double(now - tokens_at_) * budget);
  tokens_at_ = now;
  tokens_ -= 1;
  if (tokens_ < 0 && breaker_until_ <= now) {
    breaker_until_ = now + settings_.breaker_seconds;
    ++breaker_trips_;
    tokens_ = capacity;  // a fresh budget once the breaker closes again
  }
}

std::uint64_t Limiter::total_failures() const {
  std::lock_guard lock(mutex_);
  return total_failures_;
}

std::uint64_t Limiter::breaker_trips() const {
  std::lock_guard lock(mutex_);
  return breaker_trips_;
}

}  // namespace sf::verifier
