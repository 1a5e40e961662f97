#include "codes/checker.h"

namespace sf::codes {

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::valid: return "valid";
    case Verdict::malformed: return "malformed";
    case Verdict::mistyped: return "mistyped";
    case Verdict::bad_signature: return "bad_signature";
    case Verdict::unknown_key: return "unknown_key";
    case Verdict::unknown_campaign: return "unknown_campaign";
    case Verdict::not_started: return "not_started";
    case Verdict::expired: return "expired";
    case Verdict::revoked: return "revoked";
  }
  return "malformed";
}

std::string CodeId::ledger_key() const {
  return std::to_string(key_id) + "." + key_fingerprint + "/" +
         std::to_string(campaign_number) + "/" +
         std::to_string(slot_serial);
}

}  // namespace sf::codes
