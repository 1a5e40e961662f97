// ledger: online issuance values. The service mints a code for a business
// event (an order paid, a survey answered, a subscriber confirmed) from
// serials reserved in the campaigns file; the ledger hands the serials out
// and remembers which event got which code, so retries and duplicate
// deliveries get the same code and no serial is handed out twice, on SQLite
// or with several instances on one PostgreSQL.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sf::ledger {

/// A run of the campaign's online serials as ledger keys: the i-th serial
/// of the block is key_prefix + decimal(first + i) ("1.5f0c2a9e/42/" + "5000").
struct SerialBlock {
  std::string key_prefix;
  std::int64_t first = 0;
  std::int64_t count = 0;
};

struct IssueRequest {
  std::string campaign_id;
  std::string source;       // "stripe", "shopify", "till", ...
  std::string event_key;    // order, checkout session, payment, response or subscriber id
  std::string email_hash;   // hex hash of the person's e-mail; "" = unknown
  /// What a provider's redirect carries to the claim page (a checkout
  /// session id, a hidden field we generated); unguessable; "" = none.
  std::string claim_key;
  bool one_per_email = false;           // a person already holding a code gets that one
  std::vector<SerialBlock> blocks;      // the campaign's online serials, in order
  std::int64_t limit = 0;               // at most this many in the campaign; 0 = every serial
  std::int64_t now_unix_ms = 0;
};

enum class IssueStatus {
  issued,       // this call minted the code
  existing,     // the event had its code already (a retry or a duplicate)
  same_person,  // one per e-mail: this person's earlier code, now also this event's
  exhausted,    // no serial left (range used up or limit reached); nothing written
};

/// "issued", "existing", "same_person", "exhausted".
std::string_view to_string(IssueStatus status);

struct Issuance {
  std::string campaign_id, source, event_key, email_hash, claim_key;
  std::string code_key;            // the code's ledger key
  std::int64_t serial_index = 0;   // 0-based over the campaign's online serials
  std::int64_t created_ms = 0;
  std::int64_t revoked_ms = 0;     // 0 = not revoked
  bool same_person = false;        // shares the code of this person's earlier event
};

struct IssueOutcome {
  IssueStatus status = IssueStatus::exhausted;
  Issuance issuance;  // empty for exhausted
};

struct RevokeRequest {
  std::string campaign_id, source, event_key;
  std::string reason;   // "refund", "cancelled", "unsubscribed"
  std::int64_t now_unix_ms = 0;
};

enum class RevokeStatus {
  revoked,           // the code can no longer be redeemed
  already_revoked,   // a retry of the same refund
  already_redeemed,  // the person used it first; kept
  shared,            // the code belongs to the person's earlier event; kept
  not_found,         // no code was issued for this event
};

/// "revoked", "already_revoked", "already_redeemed", "shared", "not_found".
std::string_view to_string(RevokeStatus status);

/// One line of the issuance report.
struct IssuanceRow {
  std::string campaign_id, source, day;
  std::int64_t issued = 0;    // events that got a fresh code that day
  std::int64_t revoked = 0;   // of those, revoked since
  std::int64_t redeemed = 0;  // of those, redeemed at least once since
};

}  // namespace sf::ledger
