// Square: payment.updated with status COMPLETED issues (in-store and online
// sales; orders made in the POS app raise no order webhook, so the payment
// is the business object); refund.updated COMPLETED revokes.
// x-square-hmacsha256-signature = base64(HMAC-SHA256(signature key,
// notification URL + raw body)) (developer.squareup.com webhooks/step3validate).
// The URL is the one Square was given, byte for byte: built from the
// verifier's public-url, never from the request (a proxy rewrites hosts).
#include "triggers/json_fields.h"
#include "triggers/provider.h"
#include "triggers/signature.h"

namespace sf::triggers {
namespace {

bool genuine(const SignedDelivery& d) {
  std::string url = d.public_url + d.request.path;
  if (!d.request.query.empty()) {
    // Square keeps the query it was given; ours are plain ASCII names.
    url += '?';
    for (std::size_t i = 0; i < d.request.query.size(); ++i)
      url += (i ? "&" : "") + d.request.query[i].first + "=" + d.request.query[i].second;
  }
  return any_secret_matches(d.endpoint.secrets, d.request.header("x-square-hmacsha256-signature"),
                            [&](const std::string& secret) {
                              return base64(hmac_sha256(secret, url + d.request.body));
                            });
}

std::optional<Event> read(const verifier::HttpRequest& request) {
  nlohmann::json doc = parse_body(request.body);
  if (!doc.is_object()) return std::nullopt;
  Event e;
  const std::string type = text_at(doc, "/type");
  if (type == "refund.updated" || type == "refund.created") {
    e.event_key = text_at(doc, "/data/object/refund/payment_id");
    if (text_at(doc, "/data/object/refund/status") == "COMPLETED") e.action = Event::Action::revoke;
    else e.note = "refund not completed";
    e.note = e.action == Event::Action::revoke ? "refund" : e.note;
    return e.event_key.empty() ? std::nullopt : std::optional<Event>(e);
  }
  e.event_key = text_at(doc, "/data/object/payment/id");
  if (e.event_key.empty()) return std::nullopt;
  e.email = text_at(doc, "/data/object/payment/buyer_email_address");
  const nlohmann::json& amount = at(doc, "/data/object/payment/amount_money/amount");
  if (amount.is_number_integer()) e.total_cents = amount.get<long long>();
  const std::string status = text_at(doc, "/data/object/payment/status");
  if (type != "payment.updated" && type != "payment.created") e.note = "event " + type + " does not issue codes";
  else if (status != "COMPLETED") e.note = "payment is " + status + ", not COMPLETED";
  else e.action = Event::Action::issue;
  return e;
}

}  // namespace

extern const Provider kSquare{"square", genuine, read, ""};

}  // namespace sf::triggers
