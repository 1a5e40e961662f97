// Mailchimp audience webhooks: "subscribe" issues, "unsubscribe" revokes.
// Mailchimp signs nothing: the URL carries a 128-bit secret
// (?key=<32 hex digits>) compared in constant time, and Mailchimp's
// validation GET of the URL is answered 200 (receiver.cpp). The body is
// application/x-www-form-urlencoded: type=subscribe&data[id]=...&data[list_id]=...
// &data[email]=... (mailchimp.com/developer/marketing/guides/sync-audience-data-webhooks).
// One code per (audience, member id). With api_base/api_key on the endpoint,
// the member is looked up before issuing and only status "subscribed"
// (double opt-in confirmed) gets a code.
#include <cctype>
#include <cstdio>

#include "triggers/form_body.h"
#include "triggers/json_fields.h"
#include "triggers/provider.h"
#include "triggers/signature.h"
#include "verifier/http_client.h"

namespace sf::triggers {
namespace {

bool genuine(const SignedDelivery& d) {
  return any_secret_matches(d.endpoint.secrets, d.request.query_value("key"),
                            [](const std::string& secret) { return secret; });
}

std::optional<Event> read(const verifier::HttpRequest& request) {
  FormBody form(request.body);
  Event e;
  const std::string type = form.value("type");
  const std::string id = form.value("data[id]");
  e.list = form.value("data[list_id]");
  if (id.empty() || e.list.empty()) return std::nullopt;
  e.event_key = e.list + "/" + id;
  e.email = form.value("data[email]");
  if (type == "subscribe") {
    e.action = Event::Action::issue;
  } else if (type == "unsubscribe") {
    e.action = Event::Action::revoke;
    e.note = "unsubscribed";
  } else {
    e.note = "event " + type + " does not issue codes";
  }
  return e;
}

// GET /3.0/lists/{list}/members/{address} (the API accepts the address in
// place of its MD5), basic auth with the API key. Mailchimp's 10 s deadline
// leaves room for a 4 s lookup.
std::string confirm(const Endpoint& endpoint, const Event& event) {
  if (endpoint.api_base.empty()) return "";
  std::string address;
  for (char c : event.email) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') {
      address += c;
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(c));
      address += escaped;
    }
  }
  auto answer = verifier::http_get(endpoint.api_base + "/3.0/lists/" + event.list + "/members/" + address,
                                   {{"Accept", "application/json"}}, 4, "stickerforge",
                                   endpoint.api_key);
  if (answer.status != 200)
    return "Mailchimp did not confirm the member (" +
           (answer.status ? "HTTP " + std::to_string(answer.status) : answer.error) + ")";
  const std::string status = text_at(parse_body(answer.body), "/status");
  if (status != "subscribed") return "subscriber is " + (status.empty() ? std::string("unknown") : status) + ", not confirmed";
  return "";
}

}  // namespace

extern const Provider kMailchimp{"mailchimp", genuine, read, "", confirm};

}  // namespace sf::triggers
