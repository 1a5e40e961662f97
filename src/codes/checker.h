// codes: offline checking of typed codes and link tokens against a keyring,
// a campaigns file and a revocation list. The verifier service holds one
// Checker and asks it about every code before touching the ledger; the ledger
// then decides single use by CodeId::ledger_key().
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "codes/campaign.h"

namespace sf::codes {

class Keyring;
class CampaignBook;
class RevocationList;

/// The outcome of an offline check. Forged or mistyped codes are normal
/// traffic, so they are values, not exceptions.
enum class Verdict {
  valid,             // tag/signature good, campaign running, not revoked
  malformed,         // wrong length or symbols; not a code at all
  mistyped,          // check symbol wrong: almost surely a typo
  bad_signature,     // well formed, but the tag/signature does not verify
  unknown_key,       // key id not in the keyring
  unknown_campaign,  // genuine code of a campaign the campaigns file lacks
  not_started,       // campaign starts later
  expired,           // campaign (or link token) ended
  revoked            // on the revocation list (code, serials, campaign or key)
};

/// "valid", "malformed", "mistyped", "bad_signature", "unknown_key",
/// "unknown_campaign", "not_started", "expired", "revoked".
std::string_view verdict_name(Verdict verdict);

/// What a code identifies; filled whenever the tag/signature verified.
struct CodeId {
  std::uint32_t key_id = 0;
  std::string campaign_id;           // "" when the campaign is unknown
  std::uint64_t serial = 0;          // campaign-wide serial (CSV column, revoke ranges)
  std::uint32_t campaign_number = 0; // number carried by the code (per key)
  std::uint32_t slot_serial = 0;     // serial carried by the code
  bool link = false;                 // came from a link token, not a typed code
  bool online = false;               // in the campaign's online ranges: minted by the
                                     // service, revocable in the ledger
  /// 8 hex digits identifying the key itself (not just its slot number), so
  /// two keyrings that both use key id 1 never share ledger rows.
  std::string key_fingerprint;
  /// Stable unique text for the ledger:
  /// "<key_id>.<key_fingerprint>/<campaign_number>/<slot_serial>", e.g.
  /// "1.5f0c2a9e/42/1234". Typed and link codes never share one (key ids differ).
  std::string ledger_key() const;
};

struct CheckResult {
  Verdict verdict = Verdict::malformed;
  std::optional<CodeId> id;          // set when the tag/signature verified
  std::optional<Campaign> campaign;  // set when the campaign is known
  std::string detail;                // human reason, never secret material
  std::string subject_hash;          // link tokens: hex subject hash, or ""
};

/// Offline check of a typed code or a link token. Immutable once loaded;
/// check() is thread-safe and allocation-light. Copies share state.
class Checker {
 public:
  /// Loads the three files. Throws Error(bad_input) naming the file and field
  /// for a corrupt or group/world-readable keyring, a malformed campaigns or
  /// revocations file; Error(not_found) for a missing keyring or campaigns
  /// file. An empty `revocations` path (or a missing file) means none.
  static Checker load(const std::filesystem::path& keyring,
                      const std::filesystem::path& campaigns,
                      const std::filesystem::path& revocations = {});

  /// The same from objects already in memory (tests, benchmarks, reloads).
  static Checker from_parts(const Keyring& keyring, const CampaignBook& campaigns,
                            const RevocationList& revocations);

  /// Checks `code_or_token`: a typed code in any lenient spelling
  /// ("11a0 16jh 3ndr t0xe"), a link token, or a link holding either as its
  /// last path segment or a query value (see code_in_link).
  /// Campaign dates are judged against `now_unix`. Never throws for input.
  CheckResult check(std::string_view code_or_token, std::int64_t now_unix) const;

  struct State;  // defined in checker_state.h

 private:
  explicit Checker(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

}  // namespace sf::codes
