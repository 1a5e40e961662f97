// Test helper: a Sleeper that never waits; it moves a clock the doubles read,
// so a double can check each flood wait was sat out in full.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

#include "publish/sleeper.h"

namespace sf::test {

class FakeClock final : public publish::Sleeper {
 public:
  void sleep(std::chrono::milliseconds duration) override {
    std::lock_guard<std::mutex> lock(mutex_);
    now_ms_ += duration.count();
    sleeps_.push_back(duration);
  }
  long long now_ms() const { return now_ms_.load(); }
  std::vector<std::chrono::milliseconds> sleeps() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sleeps_;
  }

 private:
  mutable std::mutex mutex_;
  std::atomic<long long> now_ms_{0};
  std::vector<std::chrono::milliseconds> sleeps_;
};

}  // namespace sf::test
