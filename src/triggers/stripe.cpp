// Stripe Checkout: checkout.session.completed (paid at once) and
// checkout.session.async_payment_succeeded (bank debits that clear later).
// Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(whsec secret, "<t>.<body>")>,
// several v1 while a secret rolls (docs.stripe.com/webhooks/signature).
// One code per Checkout Session; the success_url carries its id back:
//   https://stickers.example/c/stripe/spring?session_id={CHECKOUT_SESSION_ID}
#include "triggers/json_fields.h"
#include "triggers/provider.h"
#include "triggers/signature.h"

namespace sf::triggers {
namespace {

bool genuine(const SignedDelivery& d) {
  const std::string header = d.request.header("Stripe-Signature");
  std::string timestamp;
  std::vector<std::string> signatures;
  std::size_t pos = 0;
  while (pos <= header.size()) {
    std::size_t comma = header.find(',', pos);
    std::string part = header.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (part.starts_with("t=")) timestamp = part.substr(2);
    else if (part.starts_with("v1=")) signatures.push_back(part.substr(3));
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  if (timestamp.empty() || timestamp.size() > 12 || signatures.empty()) return false;
  for (char c : timestamp)
    if (c < '0' || c > '9') return false;
  if (!fresh(std::stoll(timestamp), d.now_unix, d.tolerance_seconds)) return false;
  const std::string signed_payload = timestamp + "." + d.request.body;
  bool match = false;
  for (const std::string& secret : d.endpoint.secrets) {
    const std::string expected = hex(hmac_sha256(secret, signed_payload));
    for (const std::string& given : signatures) match |= same_text(expected, given);
  }
  return match;
}

std::optional<Event> read(const verifier::HttpRequest& request) {
  nlohmann::json doc = parse_body(request.body);
  if (!doc.is_object() || !at(doc, "/data/object").is_object()) return std::nullopt;
  Event e;
  const std::string type = text_at(doc, "/type");
  e.event_key = text_at(doc, "/data/object/id");
  e.claim_key = e.event_key;
  e.email = text_at(doc, "/data/object/customer_details/email");
  if (e.email.empty()) e.email = text_at(doc, "/data/object/customer_email");
  e.product = text_at(doc, "/data/object/payment_link") + " " +
              text_at(doc, "/data/object/metadata/product");
  const nlohmann::json& total = at(doc, "/data/object/amount_total");
  if (total.is_number_integer()) e.total_cents = total.get<long long>();
  if (e.event_key.empty()) return std::nullopt;
  const std::string paid = text_at(doc, "/data/object/payment_status");
  if (type == "checkout.session.completed" || type == "checkout.session.async_payment_succeeded") {
    // "unpaid" means an async payment is still clearing: its
    // async_payment_succeeded event issues the code later.
    if (paid == "paid" || paid == "no_payment_required") e.action = Event::Action::issue;
    else e.note = "checkout session is " + (paid.empty() ? std::string("without payment status") : paid);
  } else {
    e.note = "event " + type + " does not issue codes";
  }
  return e;
}

}  // namespace

extern const Provider kStripe{"stripe", genuine, read, "session_id"};

}  // namespace sf::triggers
