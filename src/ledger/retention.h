// ledger (internal): how long idempotency records are kept. Stripe keeps
// them at least 24 h; we keep 48 h so a client retrying across a day
// boundary still gets its first answer.
#pragma once

#include <cstdint>

namespace sf::ledger::detail {

constexpr std::int64_t kIdempotencyRetentionMs = 48LL * 3600 * 1000;
constexpr std::int64_t kPruneEveryMs = 3600LL * 1000;

/// True when an hour of request time has passed since the last pruning. The
/// clock is the requests' own (now_unix_ms), so tests with a fixed clock and
/// the verifier's wall clock both behave.
inline bool prune_due(std::int64_t last_prune_ms, std::int64_t latest_request_ms) {
  return latest_request_ms - last_prune_ms >= kPruneEveryMs &&
         latest_request_ms > kIdempotencyRetentionMs;
}

}  // namespace sf::ledger::detail
