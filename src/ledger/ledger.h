// ledger: the record of redemptions, idempotency keys and every attempt.
// The database decides single use (INSERT ... ON CONFLICT DO NOTHING
// RETURNING), never a check-then-write in our code. Two back ends behind one
// interface: SQLite (embedded default, WAL + synchronous=FULL, group commit)
// and PostgreSQL (libpq, several verifier instances sharing one database).
// Depends on base only; no SQLite or libpq type appears in this header.
// Every method is safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/issuance.h"

namespace sf::ledger {

/// One request that reached the verifier, kept in the audit table.
struct Attempt {
  std::string code_key;     // codes' ledger key; "" when the code did not parse
  std::string campaign_id;  // "" when unknown
  std::string trigger;      // the campaign's trigger, "" when unknown
  std::string store;        // "" for anonymous callers
  std::string client;       // e.g. the client address; never a secret
  std::string outcome;      // "redeemed", "already_redeemed", "mistyped", "expired", ...
  std::int64_t at_unix_ms = 0;
};

/// One redemption of a verified code. The verifier fills it after checking
/// signature, expiry and revocation.
struct RedeemRequest {
  std::string code_key;     // unique per code, e.g. "kid/campaign/serial"
  std::string campaign_id;
  std::string pack_id;
  std::string trigger;
  std::string store;        // "" for anonymous callers
  std::string client;       // for the audit row written by redeem()
  std::string idempotency_key;      // "" = none; scoped per store
  std::string request_fingerprint;  // hash of what the client asked (code, store, ...)
  int uses_allowed = 1;             // the campaign's uses per code (>= 1)
  std::int64_t campaign_cap = 0;    // total redemptions allowed in the campaign; 0 = no cap
  /// The code was minted online (issuance.h) and may have been revoked in
  /// the ledger (refund, unsubscribe): checked before a use is taken. Codes
  /// issued in batches skip that lookup.
  bool revocable = false;
  std::int64_t now_unix_ms = 0;
};

enum class RedeemStatus {
  redeemed,              // this call used the code (use_number <= uses_allowed)
  already_redeemed,      // every use was taken before this call
  cap_reached,           // the campaign's total cap is spent; nothing was written
  idempotency_conflict,  // same idempotency key, different request fingerprint
  revoked,               // minted online and revoked in the ledger before any use
};

/// "redeemed", "already_redeemed", "cap_reached", "idempotency_conflict", "revoked".
std::string_view to_string(RedeemStatus status);

/// One use of a code.
struct Redemption {
  std::string code_key, campaign_id, pack_id, trigger, store;
  int use_number = 0;  // 1 for the first use
  std::int64_t at_unix_ms = 0;
};

struct RedeemOutcome {
  RedeemStatus status = RedeemStatus::already_redeemed;
  /// True when the answer is the stored first answer for this idempotency key.
  bool replayed = false;
  /// redeemed: this use. already_redeemed: the latest use (for single-use
  /// codes, the one that won). Empty for cap_reached and idempotency_conflict.
  Redemption redemption;
};

/// One line of `stickerforge report`: counts per campaign, trigger, store
/// and UTC day ("2026-11-29").
struct ReportRow {
  std::string campaign_id, trigger, store, day;
  std::int64_t redeemed = 0;         // uses recorded that day
  std::int64_t attempts = 0;         // audit rows that day, successes included
  std::int64_t failed_attempts = 0;  // audit rows whose outcome is not "redeemed"
  std::int64_t codes_redeemed = 0;   // codes first redeemed that day (a code of a
                                     // two-use campaign counts once, its uses twice)
};

class Ledger {
 public:
  virtual ~Ledger() = default;

  /// Redeems one use of a code, writes the idempotency record and an audit
  /// row in the same transaction, and returns only once that transaction is
  /// durable. Expected outcomes are values; throws Error(io) when the
  /// database fails (nothing of this call is then committed) and
  /// Error(bad_input) for an empty code_key or uses_allowed < 1.
  virtual RedeemOutcome redeem(const RedeemRequest& request) = 0;

  /// The latest use of a code (use_number = uses so far), or nullopt when it
  /// was never redeemed. Throws Error(io) when the database fails.
  virtual std::optional<Redemption> find(std::string_view code_key) = 0;

  /// Queues an audit row for a request that did not reach redeem() (mistyped,
  /// forged, expired, revoked...). Rows are committed in batches; flush()
  /// waits for them. Blocks while 100,000 rows are already waiting. Never
  /// throws; a failed batch surfaces in flush().
  virtual void record_attempt(const Attempt& attempt) = 0;

  /// Waits until everything queued before the call is committed. Throws
  /// Error(io) when that commit failed.
  virtual void flush() = 0;

  /// The audit rows of one code key, oldest first, for support questions and
  /// tests. Scans the audit table (no index, to keep redemptions cheap).
  /// Throws Error(io).
  virtual std::vector<Attempt> attempts_for(std::string_view code_key) = 0;

  /// Per campaign/trigger/store/day counts, sorted by those fields. Throws Error(io).
  virtual std::vector<ReportRow> report() = 0;

  /// Deletes idempotency records created before `before_unix_ms` (keep them
  /// at least 24 h); returns how many. The ledger also prunes records older
  /// than 48 h by itself, hourly by the requests' clock. Throws Error(io).
  virtual std::int64_t prune_idempotency(std::int64_t before_unix_ms) = 0;

  /// True when the database answers a trivial query now (for /readyz). Never throws.
  virtual bool ready() = 0;

  // Online issuance (issuance.h). Each call is one durable transaction.

  /// Mints the code of one business event, or returns the one it already
  /// has: exactly one code per (campaign, source, event key), however many
  /// deliveries race. Throws Error(bad_input) for an empty key or no
  /// serials, Error(io) when the database fails (nothing is then written).
  virtual IssueOutcome issue(const IssueRequest& request) = 0;
  /// The issuance of an event, or nullopt. Throws Error(io).
  virtual std::optional<Issuance> find_issuance(std::string_view campaign_id,
                                                std::string_view source,
                                                std::string_view event_key) = 0;
  /// The issuance a claim page looks for (IssueRequest::claim_key), or
  /// nullopt. Throws Error(io).
  virtual std::optional<Issuance> find_claim(std::string_view campaign_id,
                                             std::string_view source,
                                             std::string_view claim_key) = 0;
  /// Revokes the code of an event (refund, cancellation, unsubscribe) when
  /// it was not used yet; redeem() then answers `revoked` for it. Throws Error(io).
  virtual RevokeStatus revoke_issued(const RevokeRequest& request) = 0;
  /// True when the code was revoked through revoke_issued. Throws Error(io).
  virtual bool is_revoked(std::string_view code_key) = 0;
  /// Issued, revoked and redeemed online codes per campaign, source and UTC
  /// day of issue, sorted. Throws Error(io).
  virtual std::vector<IssuanceRow> issuance_report() = 0;
};

/// Opens (and creates the schema of, idempotently) "sqlite:PATH" or
/// "postgres://..." / "postgresql://..." (libpq URI). With
/// `create_if_missing` false (reports), a missing SQLite file is
/// Error(not_found) instead of a new empty ledger. Throws Error(bad_input)
/// naming the URL when it has neither form, Error(io) naming the URL (without
/// its password) when the database cannot be opened.
std::unique_ptr<Ledger> open_ledger(std::string_view url, bool create_if_missing = true);

/// The URL with any password replaced by "***", for messages and logs.
std::string redact_url(std::string_view url);

}  // namespace sf::ledger
