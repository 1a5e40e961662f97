// verifier: what the service needs to know about a typed code or link token,
// as a plain value. codes_adapter.cpp fills it from sf::codes::Checker; tests
// fill it from a fake, so the handlers are tested without real keys.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace sf::verifier {

enum class CodeVerdict {
  valid,
  mistyped,       // wrong shape or check symbol: a typo, caught before any lookup
  unknown,        // well formed but the signature/tag does not verify, or unknown key
  expired,        // the campaign has ended
  not_yet_valid,  // the campaign has not started
  revoked,        // revoked by code, serial range, campaign or key id
};

struct CodeCheck {
  CodeVerdict verdict = CodeVerdict::unknown;
  std::string code_key;      // the ledger key ("kid/campaign/serial"); set when the code parsed
  std::string campaign_id;   // set when known
  std::string pack_id;       // set when valid
  std::string trigger;       // survey, subscription, purchase, manual
  int uses_allowed = 1;
  std::int64_t campaign_cap = 0;  // 0 = no cap
  bool online = false;            // minted by the service: may be revoked in the ledger
  // The campaign's dates, so a customer hears "starts on ..." / "ended on
  // ..." and a personal unlock address lives as long as the campaign.
  std::int64_t campaign_starts_unix = 0;  // 0 = open
  std::int64_t campaign_ends_unix = 0;    // 0 = open
  std::string detail;        // precise reason, for store callers only
};

/// Checks a code or link token at `now_unix`. Must not throw for any input
/// text (bad input is a verdict); may throw Error(internal) on a broken key.
using CodeChecker = std::function<CodeCheck(std::string_view code, std::int64_t now_unix)>;

std::string_view to_string(CodeVerdict verdict);

}  // namespace sf::verifier
