// Typeform: form_response. Typeform-Signature: sha256=<base64(HMAC-SHA256(
// secret, raw body))> (typeform.com/developers/webhooks/secure-your-webhooks).
// One code per response token. A hidden field "claim" (put in the form link
// by /c/typeform/<campaign>/start) lets the redirect-on-completion URL
//   https://stickers.example/c/typeform/spring?claim={{hidden:claim}}
// show the respondent their code.
#include "triggers/json_fields.h"
#include "triggers/provider.h"
#include "triggers/signature.h"

namespace sf::triggers {
namespace {

bool genuine(const SignedDelivery& d) {
  return any_secret_matches(d.endpoint.secrets, d.request.header("Typeform-Signature"),
                            [&](const std::string& secret) {
                              return "sha256=" + base64(hmac_sha256(secret, d.request.body));
                            });
}

std::optional<Event> read(const verifier::HttpRequest& request) {
  nlohmann::json doc = parse_body(request.body);
  if (!doc.is_object()) return std::nullopt;
  Event e;
  e.event_key = text_at(doc, "/form_response/token");
  if (e.event_key.empty()) return std::nullopt;
  e.form = text_at(doc, "/form_response/form_id");
  e.claim_key = text_at(doc, "/form_response/hidden/claim");
  if (const nlohmann::json& answers = at(doc, "/form_response/answers"); answers.is_array())
    for (const nlohmann::json& answer : answers)
      if (text_at(answer, "/type") == "email") {
        e.email = text_at(answer, "/email");
        break;
      }
  if (e.email.empty()) e.email = text_at(doc, "/form_response/hidden/email");
  if (text_at(doc, "/event_type") == "form_response") e.action = Event::Action::issue;
  else e.note = "event " + text_at(doc, "/event_type") + " does not issue codes";
  return e;
}

}  // namespace

extern const Provider kTypeform{"typeform", genuine, read, "claim"};

}  // namespace sf::triggers
