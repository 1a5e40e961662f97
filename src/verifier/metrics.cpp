#include "verifier/metrics.h"

#include <sstream>

namespace sf::verifier {

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::redeemed: return "redeemed";
    case Outcome::replayed: return "replayed";
    case Outcome::already_redeemed: return "already_redeemed";
    case Outcome::mistyped: return "mistyped";
    case Outcome::unknown_code: return "unknown_code";
    case Outcome::expired: return "expired";
    case Outcome::not_yet_valid: return "not_yet_valid";
    case Outcome::revoked: return "revoked";
    case Outcome::cap_reached: return "cap_reached";
    case Outcome::idempotency_conflict: return "idempotency_conflict";
    case Outcome::status_ok: return "status_ok";
    case Outcome::bad_request: return "bad_request";
    case Outcome::unauthorized: return "unauthorized";
    case Outcome::rate_limited: return "rate_limited";
    case Outcome::breaker_open: return "breaker_open";
    case Outcome::download: return "download";
    case Outcome::download_refused: return "download_refused";
    case Outcome::not_found: return "not_found";
    case Outcome::internal_error: return "internal_error";
    case Outcome::other: return "other";
    case Outcome::count_: break;
  }
  return "other";
}

void Metrics::observe_seconds(double seconds) {
  std::size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(std::uint64_t(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::render(std::string_view extra) const {
  std::ostringstream out;
  out << "# HELP stickerforge_requests_total Requests by what they came to.\n"
         "# TYPE stickerforge_requests_total counter\n";
  for (std::size_t i = 0; i < outcomes_.size(); ++i) {
    out << "stickerforge_requests_total{outcome=\"" << to_string(Outcome(i)) << "\"} "
        << outcomes_[i].load(std::memory_order_relaxed) << "\n";
  }
  out << "# HELP stickerforge_request_duration_seconds Time to handle a request.\n"
         "# TYPE stickerforge_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    out << "stickerforge_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} "
        << cumulative << "\n";
  }
  cumulative += buckets_[kBuckets.size()].load(std::memory_order_relaxed);
  out << "stickerforge_request_duration_seconds_bucket{le=\"+Inf\"} " << cumulative << "\n"
      << "stickerforge_request_duration_seconds_sum "
      << double(sum_micros_.load(std::memory_order_relaxed)) / 1e6 << "\n"
      << "stickerforge_request_duration_seconds_count " << cumulative << "\n"
      << "# HELP stickerforge_requests_in_flight Requests being handled now.\n"
         "# TYPE stickerforge_requests_in_flight gauge\n"
      << "stickerforge_requests_in_flight " << in_flight_.load(std::memory_order_relaxed)
      << "\n"
      << extra;
  return out.str();
}

}  // namespace sf::verifier
