// The generic endpoint, in the Standard Webhooks form (standardwebhooks.com,
// docs.svix.com): webhook-id, webhook-timestamp, and webhook-signature
// "v1,<base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>"))>" (several,
// space-separated, while a secret rolls); the secret is "whsec_" + base64 of
// the key. For Zapier, Make, n8n, Ghost, Tally, WooCommerce... Body:
//   {"type": "reward.issue" | "reward.revoke",
//    "data": {"id": "<business id>", "email": "...", "claim": "..."}}
// One code per data.id, never per webhook-id (a sender may make a new
// delivery id per retry).
#include "triggers/json_fields.h"
#include "triggers/provider.h"
#include "triggers/signature.h"

namespace sf::triggers {
namespace {

bool genuine(const SignedDelivery& d) {
  const std::string id = d.request.header("webhook-id");
  const std::string timestamp = d.request.header("webhook-timestamp");
  if (id.empty() || timestamp.empty() || timestamp.size() > 12) return false;
  for (char c : timestamp)
    if (c < '0' || c > '9') return false;
  if (!fresh(std::stoll(timestamp), d.now_unix, d.tolerance_seconds)) return false;
  const std::string content = id + "." + timestamp + "." + d.request.body;
  std::vector<std::string> given;
  const std::string header = d.request.header("webhook-signature");
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t space = header.find(' ', pos);
    std::string part = header.substr(pos, space == std::string::npos ? std::string::npos : space - pos);
    if (part.starts_with("v1,")) given.push_back(part.substr(3));
    if (space == std::string::npos) break;
    pos = space + 1;
  }
  bool match = false;
  for (const std::string& secret : d.endpoint.secrets) {
    std::string_view encoded = secret;
    if (encoded.starts_with("whsec_")) encoded.remove_prefix(6);
    auto key = base64_decode(encoded);
    if (!key) continue;
    const std::string expected = base64(hmac_sha256(
        std::string_view(reinterpret_cast<const char*>(key->data()), key->size()), content));
    for (const std::string& signature : given) match |= same_text(expected, signature);
  }
  return match;
}

std::optional<Event> read(const verifier::HttpRequest& request) {
  nlohmann::json doc = parse_body(request.body);
  if (!doc.is_object()) return std::nullopt;
  Event e;
  e.event_key = text_at(doc, "/data/id");
  if (e.event_key.empty()) return std::nullopt;
  e.email = text_at(doc, "/data/email");
  e.claim_key = text_at(doc, "/data/claim");
  e.form = text_at(doc, "/data/form");
  e.product = text_at(doc, "/data/product");
  const std::string total = text_at(doc, "/data/total");
  const std::string type = text_at(doc, "/type");
  if (type == "reward.issue") {
    e.action = Event::Action::issue;
  } else if (type == "reward.revoke") {
    e.action = Event::Action::revoke;
    e.note = text_at(doc, "/data/reason").empty() ? "revoked" : text_at(doc, "/data/reason");
  } else {
    e.note = "type " + type + " is not reward.issue or reward.revoke";
  }
  return e;
}

}  // namespace

extern const Provider kStandardWebhooks{"webhook", genuine, read, "claim"};

}  // namespace sf::triggers
