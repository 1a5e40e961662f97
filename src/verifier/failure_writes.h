// verifier: failures cost the attacker, not the disk. Audit rows and log
// lines for failed or refused requests are written up to a budget per
// minute; beyond it they are counted (exactly, in /metrics) and one summary
// line per minute says how many were left out.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>

namespace sf::verifier {

class FailureWrites {
 public:
  explicit FailureWrites(int per_minute) : per_minute_(per_minute) {}

  struct Decision {
    bool write = false;              // write this failure's row and line
    std::uint64_t suppressed_before = 0;  // > 0: log a summary of the last minute first
  };
  /// Called once per failure about to be written; `now` in Unix seconds.
  Decision take(std::int64_t now);

  std::uint64_t suppressed_total() const { return suppressed_total_.load(std::memory_order_relaxed); }
  std::uint64_t written_total() const { return written_total_.load(std::memory_order_relaxed); }

 private:
  const int per_minute_;
  std::mutex mutex_;
  std::int64_t minute_ = -1;
  int used_ = 0;
  std::uint64_t suppressed_this_minute_ = 0;
  std::atomic<std::uint64_t> suppressed_total_{0};
  std::atomic<std::uint64_t> written_total_{0};
};

}  // namespace sf::verifier
