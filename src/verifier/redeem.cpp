#include "verifier/redeem.h"

#include <algorithm>

#include "base/error.h"
#include "base/text.h"
#include "codes/base64url.h"
#include "crypto/primitives.h"

namespace sf::verifier {
namespace {

constexpr std::size_t kMaxCodeChars = 512;

Outcome outcome_of(CodeVerdict verdict) {
  switch (verdict) {
    case CodeVerdict::valid: return Outcome::status_ok;
    case CodeVerdict::mistyped: return Outcome::mistyped;
    case CodeVerdict::unknown: return Outcome::unknown_code;
    case CodeVerdict::expired: return Outcome::expired;
    case CodeVerdict::not_yet_valid: return Outcome::not_yet_valid;
    case CodeVerdict::revoked: return Outcome::revoked;
  }
  return Outcome::unknown_code;
}

// Limits come before any work on the code, so a blocked guesser costs
// nothing but this lookup.
bool limited(Services& services, const Caller& caller, std::int64_t now, RedeemAnswer& answer) {
  if (int wait = services.limiter.retry_after(caller.limit_key(), now); wait > 0) {
    answer.outcome = Outcome::rate_limited;
    answer.retry_after_seconds = wait;
    return true;
  }
  if (caller.anonymous()) {
    if (int wait = services.limiter.breaker_retry_after(now); wait > 0) {
      answer.outcome = Outcome::breaker_open;
      answer.retry_after_seconds = wait;
      return true;
    }
  }
  return false;
}

// Counts the failure against the caller's limits; `audit`: also writes its
// audit row (within the failure budget, failure_log.h).
void record_failure(Services& services, const Caller& caller, RedeemAnswer& answer,
                    std::int64_t now_ms, bool audit) {
  services.limiter.record_failure(caller.limit_key(), now_ms / 1000);
  if (!audit) return;
  const auto decision = services.failure_writes.take(now_ms / 1000);
  if (decision.suppressed_before > 0)
    services.log.write("warn", "failures_suppressed",
                       {{"count", std::to_string(decision.suppressed_before)},
                        {"why", "failure-writes-per-minute reached; counts are in /metrics"}});
  answer.failure_written = decision.write;
  if (!decision.write) return;
  ledger::Attempt attempt;
  attempt.code_key = answer.check.code_key;
  attempt.campaign_id = answer.check.campaign_id;
  attempt.trigger = answer.check.trigger;
  attempt.store = caller.store;
  attempt.client = caller.client;
  attempt.outcome = std::string(to_string(answer.outcome));
  attempt.at_unix_ms = now_ms;
  services.ledger.record_attempt(attempt);
}

// Checks the code text; false (with the failure recorded) when it is not
// redeemable on its own terms.
bool check_text(Services& services, const Caller& caller, std::string_view code,
                std::int64_t now_ms, RedeemAnswer& answer) {
  if (code.size() > kMaxCodeChars) {
    answer.check.verdict = CodeVerdict::mistyped;
    answer.check.detail = "the code is " + std::to_string(code.size()) +
                          " characters long; a typed code has 16 symbols and a link token "
                          "fewer than 512 characters";
  } else {
    answer.check = services.check_code(code, now_ms / 1000);
  }
  if (answer.check.verdict == CodeVerdict::valid) return true;
  answer.outcome = outcome_of(answer.check.verdict);
  answer.detail = answer.check.detail;
  record_failure(services, caller, answer, now_ms, true);
  return false;
}

std::string fingerprint(std::string_view code_key) {
  return codes::base64url_encode(
      crypto::sha256(crypto::as_bytes("redeem\n" + std::string(code_key))));
}

}  // namespace

const char* const kGenericFailure =
    "this code cannot be redeemed. Check it for typos; if it still fails, ask whoever gave "
    "it to you";

bool is_code_failure(Outcome outcome) {
  switch (outcome) {
    case Outcome::already_redeemed:
    case Outcome::mistyped:
    case Outcome::unknown_code:
    case Outcome::expired:
    case Outcome::not_yet_valid:
    case Outcome::revoked:
    case Outcome::cap_reached:
      return true;
    default:
      return false;
  }
}

RedeemAnswer redeem_code(Services& services, const Caller& caller, std::string_view code,
                         std::string_view idempotency_key) {
  RedeemAnswer answer;
  const std::int64_t now_ms = services.now_ms();
  if (limited(services, caller, now_ms / 1000, answer)) return answer;
  if (!check_text(services, caller, code, now_ms, answer)) return answer;
  // Start and reload refuse unbuilt packs, but a build can vanish while the
  // service runs: the code must then stay unspent (an error, logged, 500).
  if (!services.packs.find(answer.check.pack_id))
    throw internal_error("pack " + quote(answer.check.pack_id) + " of campaign " +
                         quote(answer.check.campaign_id) +
                         " has no build in the packs folder; the code was not redeemed");

  ledger::RedeemRequest request;
  request.code_key = answer.check.code_key;
  request.campaign_id = answer.check.campaign_id;
  request.pack_id = answer.check.pack_id;
  request.trigger = answer.check.trigger;
  request.store = caller.store;
  request.client = caller.client;
  request.idempotency_key = idempotency_key;
  request.request_fingerprint = fingerprint(answer.check.code_key);
  request.uses_allowed = std::max(1, answer.check.uses_allowed);
  request.campaign_cap = answer.check.campaign_cap;
  request.revocable = answer.check.online;
  request.now_unix_ms = now_ms;
  ledger::RedeemOutcome outcome = services.ledger.redeem(request);
  services.ledger_health.succeeded();
  answer.redemption = outcome.redemption;
  switch (outcome.status) {
    case ledger::RedeemStatus::redeemed:
      answer.outcome = outcome.replayed ? Outcome::replayed : Outcome::redeemed;
      return answer;
    case ledger::RedeemStatus::already_redeemed:
      answer.outcome = Outcome::already_redeemed;
      answer.detail = "code was already redeemed";
      break;
    case ledger::RedeemStatus::cap_reached:
      answer.outcome = Outcome::cap_reached;
      answer.detail = "campaign " + quote(answer.check.campaign_id) +
                      " has given out all the redemptions it allows";
      break;
    case ledger::RedeemStatus::revoked:
      answer.outcome = Outcome::revoked;
      answer.detail = "code was revoked (its order was refunded or the subscription ended)";
      break;
    case ledger::RedeemStatus::idempotency_conflict:
      answer.outcome = Outcome::idempotency_conflict;
      answer.detail = "Idempotency-Key was already used for a different code; use a new key "
                      "for each code";
      // Counted against the caller (a client bug or a probe, either way its
      // own budget), but no audit row beyond the one redeem() may write.
      record_failure(services, caller, answer, now_ms, false);
      return answer;
  }
  // redeem() wrote the audit row itself.
  record_failure(services, caller, answer, now_ms, false);
  return answer;
}

RedeemAnswer check_code_status(Services& services, const Caller& caller, std::string_view code) {
  RedeemAnswer answer;
  const std::int64_t now_ms = services.now_ms();
  if (limited(services, caller, now_ms / 1000, answer)) return answer;
  if (!check_text(services, caller, code, now_ms, answer)) return answer;
  if (answer.check.online && services.ledger.is_revoked(answer.check.code_key)) {
    answer.outcome = Outcome::revoked;
    answer.detail = "code was revoked (its order was refunded or the subscription ended)";
    record_failure(services, caller, answer, now_ms, true);
    return answer;
  }
  auto found = services.ledger.find(answer.check.code_key);
  if (found && found->use_number >= std::max(1, answer.check.uses_allowed)) {
    answer.outcome = Outcome::already_redeemed;
    answer.redemption = *found;
    answer.detail = "code was already redeemed";
    // A store checking a code it redeemed itself is bookkeeping, not a guess.
    const bool own = !caller.anonymous() && found->store == caller.store;
    if (!own) record_failure(services, caller, answer, now_ms, true);
    return answer;
  }
  if (found) answer.redemption = *found;
  answer.outcome = Outcome::status_ok;
  return answer;
}

}  // namespace sf::verifier
