// triggers: one row per provider. A provider says whether a delivery is
// genuine (its signature scheme, on the raw bytes) and what business event
// it reports; everything else (campaign rules, issuing, replies) is shared.
// One small file per provider defines its row; providers.cpp lists them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "triggers/trigger_config.h"
#include "verifier/http_types.h"

namespace sf::triggers {

/// What a genuine delivery reports.
struct Event {
  enum class Action { issue, revoke, ignore } action = Action::ignore;
  std::string event_key;   // the business object's id: never the delivery id
  std::string claim_key;   // what the provider's redirect will carry, or ""
  std::string email;       // the person's address, or ""
  std::string form;        // survey form id
  std::string product;     // product / price / payment link ids, space-separated
  std::string list;        // newsletter audience id
  std::int64_t total_cents = -1;  // purchase total; -1 = unknown
  std::string note;        // why ignored, or the revocation reason
};

struct SignedDelivery {
  const verifier::HttpRequest& request;
  const Endpoint& endpoint;
  std::string public_url;  // the verifier's public-url (Square signs URL + body)
  std::int64_t now_unix = 0;
  int tolerance_seconds = 300;
};

struct Provider {
  std::string_view source;           // path segment: /v1/hooks/<source>/<campaign>
  /// True when the delivery carries a valid signature (or URL secret).
  bool (*genuine)(const SignedDelivery& delivery);
  /// The event of a genuine delivery; nullopt when the body cannot be read
  /// (answered 400: the provider's payload changed shape).
  std::optional<Event> (*read)(const verifier::HttpRequest& request);
  /// The query parameter a redirect to the claim page carries, or "" when
  /// the provider has no redirect.
  std::string_view claim_parameter;
  /// Fetch-back, for providers that sign nothing or report too early: asks
  /// the provider's API (endpoint api_base/api_key) whether the event is
  /// final. Returns why not, or "" to go ahead. nullptr: nothing to ask.
  std::string (*confirm)(const Endpoint& endpoint, const Event& event) = nullptr;
};

/// The provider with `source`, or nullptr. "till" is not one: it is
/// authenticated by store keys (till.cpp).
const Provider* find_provider(std::string_view source);

}  // namespace sf::triggers
