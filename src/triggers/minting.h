// triggers: minting the code of one business event. The campaign's rules
// (dates, revocation, which events issue, filters, cap, one per e-mail) are
// applied here; the ledger then hands out the serial and keeps the event ->
// code record, so a retry or a duplicate gets the same code.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "codes/campaign_book.h"
#include "codes/keyring.h"
#include "codes/revocations.h"
#include "ledger/ledger.h"
#include "triggers/provider.h"

namespace sf::triggers {

/// The files minting reads, loaded together and swapped together on SIGHUP.
struct MintFiles {
  codes::Keyring keyring;
  codes::CampaignBook campaigns;
  codes::RevocationList revocations;
};

struct MintResult {
  enum class Status {
    issued,        // a fresh code
    existing,      // the event's code from before (retry, duplicate)
    same_person,   // one per e-mail: the person's earlier code
    refused,       // the campaign does not issue for this event (reason says why)
    exhausted,     // no online serial left
  } status = Status::refused;
  std::string reason;          // refused / exhausted: for logs and store callers
  std::string code;            // "XXXX-XXXX-XXXX-XXXX"
  ledger::Issuance issuance;
};

/// "issued", "existing", "same_person", "refused", "exhausted".
std::string_view to_string(MintResult::Status status);

/// Mints (or finds) the code for `event` of `source` in `campaign`, at
/// `now_ms`. Throws Error(io) when the ledger fails; Error(internal) when the
/// keyring lacks the key of a reserved range.
MintResult mint(ledger::Ledger& ledger, const MintFiles& files,
                const codes::CampaignRecord& campaign, std::string_view source,
                const Event& event, std::int64_t now_ms);

/// The code text of an issuance. Throws Error(internal) when the keyring
/// lacks its key or the campaign no longer reserves its serial.
std::string code_of(const MintFiles& files, const codes::CampaignRecord& campaign,
                    const ledger::Issuance& issuance);

/// Why `campaign` would not issue for `event` of `source` now, or "".
std::string refusal(const MintFiles& files, const codes::CampaignRecord& campaign,
                    std::string_view source, const Event& event, std::int64_t now_unix);

}  // namespace sf::triggers
