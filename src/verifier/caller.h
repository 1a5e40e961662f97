// verifier (internal): who is calling. Stores send "Authorization: Bearer
// <store key>"; everyone else is anonymous.
#pragma once

#include <optional>

#include "verifier/http_types.h"
#include "verifier/redeem.h"
#include "verifier/services.h"

namespace sf::verifier {

/// Fills `caller` from the request. Returns a reply to send instead when the
/// Authorization header is present but not a valid store key (401, counted
/// as a failed attempt of the client) or the client is rate-limited (429).
std::optional<HttpReply> identify_caller(const HttpRequest& request, Services& services,
                                         Caller& caller);

/// 429 / 503 replies with Retry-After for rate_limited / breaker_open.
HttpReply limit_reply(const RedeemAnswer& answer);

}  // namespace sf::verifier
