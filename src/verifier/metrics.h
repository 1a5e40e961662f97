// verifier: counters and a latency histogram for /metrics, in Prometheus
// text format. Lock-free counters: they are bumped on every request.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace sf::verifier {

/// What a request came to, one counter each.
enum class Outcome {
  redeemed,
  replayed,
  already_redeemed,
  mistyped,
  unknown_code,
  expired,
  not_yet_valid,
  revoked,
  cap_reached,
  idempotency_conflict,
  status_ok,
  bad_request,
  unauthorized,
  rate_limited,
  breaker_open,
  download,
  download_refused,
  not_found,
  internal_error,
  other,
  count_  // number of outcomes
};

std::string_view to_string(Outcome outcome);

class Metrics {
 public:
  void count(Outcome outcome) { outcomes_[std::size_t(outcome)].fetch_add(1, std::memory_order_relaxed); }
  /// Records one request's handling time.
  void observe_seconds(double seconds);
  void set_in_flight_delta(int delta) { in_flight_.fetch_add(delta, std::memory_order_relaxed); }
  std::uint64_t outcome_count(Outcome outcome) const {
    return outcomes_[std::size_t(outcome)].load(std::memory_order_relaxed);
  }

  /// The Prometheus text exposition, with extra gauges appended by the caller.
  std::string render(std::string_view extra) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02,
                                                       0.05,   0.1,   0.25,   0.5,   1,    5};
  std::array<std::atomic<std::uint64_t>, std::size_t(Outcome::count_)> outcomes_{};
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets_{};
  std::atomic<std::uint64_t> sum_micros_{0};
  std::atomic<int> in_flight_{0};
};

}  // namespace sf::verifier
