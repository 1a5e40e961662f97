// Google Forms, through templates/google-forms/stickerforge.gs: the Apps
// Script posts each submission as JSON with
//   X-Stickerforge-Timestamp: <unix seconds>
//   X-Stickerforge-Signature: v1=<base64(HMAC-SHA256(secret, "<timestamp>.<body>"))>
// (Google Forms signs nothing itself; the script does, and the timestamp
// bounds replays). One code per response id.
#include "triggers/json_fields.h"
#include "triggers/provider.h"
#include "triggers/signature.h"

namespace sf::triggers {
namespace {

bool genuine(const SignedDelivery& d) {
  const std::string timestamp = d.request.header("X-Stickerforge-Timestamp");
  if (timestamp.empty() || timestamp.size() > 12) return false;
  for (char c : timestamp)
    if (c < '0' || c > '9') return false;
  if (!fresh(std::stoll(timestamp), d.now_unix, d.tolerance_seconds)) return false;
  return any_secret_matches(d.endpoint.secrets, d.request.header("X-Stickerforge-Signature"),
                            [&](const std::string& secret) {
                              return "v1=" + base64(hmac_sha256(secret, timestamp + "." + d.request.body));
                            });
}

std::optional<Event> read(const verifier::HttpRequest& request) {
  nlohmann::json doc = parse_body(request.body);
  if (!doc.is_object()) return std::nullopt;
  Event e;
  e.event_key = text_at(doc, "/response_id");
  if (e.event_key.empty()) return std::nullopt;
  e.form = text_at(doc, "/form_id");
  e.email = text_at(doc, "/email");
  e.action = Event::Action::issue;
  return e;
}

}  // namespace

extern const Provider kGoogleForms{"google-forms", genuine, read, ""};

}  // namespace sf::triggers
