// verifier: the plain answer a customer reads when a code does not work:
// mistyped (and where), not valid, already used (when), not started yet,
// expired, campaign full, revoked. Distinguishing them gives a guesser
// nothing against 40-bit tags, and every one of them still counts against
// the failure budgets (redeem.cpp). Store names never appear.
#pragma once

#include <string>
#include <string_view>

#include "verifier/customer_text.h"
#include "verifier/redeem.h"

namespace sf::verifier {

/// The message for a failed redemption of `typed`, in `language`; plain
/// text (escape it for HTML).
std::string customer_failure(Language language, const RedeemAnswer& answer,
                             std::string_view typed, Services& services);

}  // namespace sf::verifier
