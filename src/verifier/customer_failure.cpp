#include "verifier/customer_failure.h"

#include "verifier/typo_hint.h"

namespace sf::verifier {
namespace {

std::string mistyped(Language language, std::string_view typed, Services& services) {
  TypoHint hint = find_typo(typed, services.check_code, services.now_ms() / 1000);
  switch (hint.kind) {
    case TypoHint::Kind::group:
      return say(language, "fail.mistyped_group",
                 {{"ordinal", say_ordinal(language, hint.group)}, {"group", hint.group_text}});
    case TypoHint::Kind::length:
      return say(language, "fail.length", {{"count", std::to_string(hint.symbols)}});
    case TypoHint::Kind::symbol:
      return say(language, "fail.symbol", {{"symbol", hint.symbol}});
    case TypoHint::Kind::link:
      return say(language, "fail.link");
    case TypoHint::Kind::none:
      break;
  }
  return say(language, "fail.mistyped");
}

}  // namespace

std::string customer_failure(Language language, const RedeemAnswer& answer,
                             std::string_view typed, Services& services) {
  const CodeCheck& check = answer.check;
  switch (answer.outcome) {
    case Outcome::mistyped:
      return mistyped(language, typed, services);
    case Outcome::unknown_code:
      return say(language, "fail.unknown");
    case Outcome::already_redeemed: {
      std::string when = say_date(language, answer.redemption.at_unix_ms / 1000);
      return say(language, check.uses_allowed > 1 ? "fail.used_up" : "fail.used", {{"date", when}});
    }
    case Outcome::not_yet_valid:
      if (check.campaign_starts_unix > 0)
        return say(language, "fail.not_started",
                   {{"date", say_date(language, check.campaign_starts_unix)}});
      return say(language, "fail.not_started_plain");
    case Outcome::expired:
      if (check.campaign_ends_unix > 0)
        return say(language, "fail.expired",
                   {{"date", say_date(language, check.campaign_ends_unix)}});
      return say(language, "fail.expired_plain");
    case Outcome::cap_reached:
      return say(language, "fail.full");
    case Outcome::revoked:
      return say(language, "fail.revoked");
    case Outcome::rate_limited:
      return say(language, "fail.rate");
    case Outcome::breaker_open:
      return say(language, "fail.paused");
    default:
      return say(language, "fail.unknown");
  }
}

}  // namespace sf::verifier
