// Mailchimp audience webhooks: "subscribe" issues, "unsubscribe" revokes.
// Mailchimp signs nothing: the URL carries a 128-bit secret
// (?key=<32 hex digits>) compared in constant time, and Mailchimp's
// validation GET of the URL is answered 200 (receiver.cpp). The body is
// application/x-www-form-urlencoded: type=subscribe&data[id]=...&data[list_id]=...
// &data[email]=... (mailchimp.com/developer/marketing/guides/sync-audience-data-webhooks).
// One code per (audience, member id).
#include "triggers/form_body.h"
#include "triggers/provider.h"
#include "triggers/signature.h"

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

}  // namespace

extern const Provider kMailchimp{"mailchimp", genuine, read, ""};

}  // namespace sf::triggers
