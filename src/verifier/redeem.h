// verifier: the redemption decision shared by the JSON API and the HTML
// page: limits, code check, ledger, audit. It returns what happened; the
// callers render it (precise for stores, generic for anonymous callers).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ledger/ledger.h"
#include "verifier/code_check.h"
#include "verifier/metrics.h"
#include "verifier/services.h"

namespace sf::verifier {

/// Who is asking: a store authenticated by its key, or an anonymous client.
struct Caller {
  std::string store;   // "" = anonymous
  std::string client;  // remote address
  bool anonymous() const { return store.empty(); }
  /// The limiter's key for this caller.
  std::string limit_key() const { return anonymous() ? "client:" + client : "store:" + store; }
};

struct RedeemAnswer {
  Outcome outcome = Outcome::internal_error;
  CodeCheck check;
  ledger::Redemption redemption;  // redeemed, replayed, already_redeemed
  int retry_after_seconds = 0;    // rate_limited, breaker_open
  std::string detail;             // precise reason for stores; never for anonymous callers
  /// Set when the failure already drew on the failure-write budget (its
  /// audit row): whether its log line may be written too. One failure is
  /// one unit of the budget, row and line together.
  std::optional<bool> failure_written;
};

/// Redeems `code` once for `caller`. Expected failures are outcomes; throws
/// only Error(io) when the ledger fails (the caller answers 503).
RedeemAnswer redeem_code(Services& services, const Caller& caller, std::string_view code,
                         std::string_view idempotency_key);

/// Like redeem_code without redeeming: outcome status_ok when the code could
/// be redeemed now, already_redeemed (with the redemption) when it was used
/// up, or the failure. Failures count against the caller's limits.
RedeemAnswer check_code_status(Services& services, const Caller& caller, std::string_view code);

/// True for outcomes that answer "this code cannot be redeemed".
bool is_code_failure(Outcome outcome);

/// The one message anonymous callers get for every code failure.
extern const char* const kGenericFailure;

}  // namespace sf::verifier
