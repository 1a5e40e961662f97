#include "verifier/codes_adapter.h"

namespace sf::verifier {
namespace {

CodeVerdict verdict_of(codes::Verdict verdict) {
  switch (verdict) {
    case codes::Verdict::valid: return CodeVerdict::valid;
    case codes::Verdict::malformed:
    case codes::Verdict::mistyped: return CodeVerdict::mistyped;
    case codes::Verdict::bad_signature:
    case codes::Verdict::unknown_key:
    case codes::Verdict::unknown_campaign: return CodeVerdict::unknown;
    case codes::Verdict::not_started: return CodeVerdict::not_yet_valid;
    case codes::Verdict::expired: return CodeVerdict::expired;
    case codes::Verdict::revoked: return CodeVerdict::revoked;
  }
  return CodeVerdict::unknown;
}

}  // namespace

CodeCheck to_code_check(const codes::CheckResult& result) {
  CodeCheck check;
  check.verdict = verdict_of(result.verdict);
  check.detail = result.detail;
  if (result.id) {
    check.code_key = result.id->ledger_key();
    check.campaign_id = result.id->campaign_id;
    check.online = result.id->online;
  }
  if (result.campaign) {
    check.campaign_id = result.campaign->id;
    check.pack_id = result.campaign->pack_id;
    check.trigger = result.campaign->trigger;
    check.uses_allowed = result.campaign->uses_per_code;
    check.campaign_cap = result.campaign->cap;
    check.campaign_starts_unix = result.campaign->starts_unix;
    check.campaign_ends_unix = result.campaign->ends_unix;
  }
  // A valid verdict without an id would let every such code share one
  // ledger row; treat it as unknown rather than trust it.
  if (check.verdict == CodeVerdict::valid && check.code_key.empty())
    check.verdict = CodeVerdict::unknown;
  return check;
}

CodeChecker make_code_checker(codes::Checker checker) {
  return [checker = std::move(checker)](std::string_view code, std::int64_t now_unix) {
    return to_code_check(checker.check(code, now_unix));
  };
}

CodeChecker make_code_checker(std::shared_ptr<const Reloadable<codes::Checker>> checker) {
  return [checker = std::move(checker)](std::string_view code, std::int64_t now_unix) {
    return to_code_check(checker->current()->check(code, now_unix));
  };
}

}  // namespace sf::verifier
