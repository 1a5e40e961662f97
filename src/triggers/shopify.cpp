// Shopify: orders/paid (online store and POS) issues; refunds/create and
// orders/cancelled revoke. X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(app
// client secret, raw body)) (shopify.dev/docs/apps/build/webhooks/verify-deliveries).
// Shopify signs no timestamp; the order id is the dedupe key (Shopify sends
// several topics per order and retries with the same payload).
#include "codes/online.h"
#include "triggers/json_fields.h"
#include "triggers/provider.h"
#include "triggers/signature.h"

namespace sf::triggers {
namespace {

bool genuine(const SignedDelivery& d) {
  return any_secret_matches(d.endpoint.secrets, d.request.header("X-Shopify-Hmac-Sha256"),
                            [&](const std::string& secret) {
                              return base64(hmac_sha256(secret, d.request.body));
                            });
}

std::optional<Event> read(const verifier::HttpRequest& request) {
  nlohmann::json doc = parse_body(request.body);
  if (!doc.is_object()) return std::nullopt;
  Event e;
  const std::string topic = request.header("X-Shopify-Topic");
  if (topic == "refunds/create") {
    e.event_key = text_at(doc, "/order_id");
    e.action = Event::Action::revoke;
    e.note = "refund";
    return e.event_key.empty() ? std::nullopt : std::optional<Event>(e);
  }
  e.event_key = text_at(doc, "/id");
  if (e.event_key.empty()) return std::nullopt;
  if (topic == "orders/cancelled") {
    e.action = Event::Action::revoke;
    e.note = "cancelled";
    return e;
  }
  e.email = text_at(doc, "/email");
  if (e.email.empty()) e.email = text_at(doc, "/contact_email");
  if (const nlohmann::json& items = at(doc, "/line_items"); items.is_array())
    for (const nlohmann::json& item : items)
      if (item.is_object()) e.product += text_at(item, "/product_id") + " ";
  const std::string total = text_at(doc, "/total_price");
  if (auto cents = codes::parse_money_cents(total)) e.total_cents = *cents;
  const std::string status = text_at(doc, "/financial_status");
  if (topic != "orders/paid") e.note = "topic " + topic + " does not issue codes";
  else if (status != "paid") e.note = "order is " + status + ", not paid";
  else e.action = Event::Action::issue;
  return e;
}

}  // namespace

extern const Provider kShopify{"shopify", genuine, read, ""};

}  // namespace sf::triggers
