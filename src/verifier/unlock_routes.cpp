// The personal unlock address: GET /u/<token> (the page; JSON for
// Accept: application/json), GET /u/<token>/qr.svg (a QR of the address, for
// a store's counter screen) and GET /v1/unlocks/<token> (JSON, the same
// object as the unlock in a redemption answer). Fresh download links on
// every visit; valid while the campaign lives.
#include "codes/qr.h"
#include "verifier/customer_pages.h"
#include "verifier/json_text.h"
#include "verifier/routes.h"

namespace sf::verifier {
namespace {

struct Found {
  ledger::Redemption redemption;
  std::int64_t ends_unix = 0;
  std::optional<HttpReply> refusal;
};

Found find_unlock(const HttpRequest& request, Services& services, const std::string& token) {
  Found found;
  std::string code_key;
  switch (services.personal.check(token, services.now_ms() / 1000, code_key, &found.ends_unix)) {
    case PersonalCheck::valid: break;
    case PersonalCheck::ended:
      found.refusal = json_error(410, "unlock_ended",
                                 "the campaign of this unlock has ended, and with it this address");
      return found;
    case PersonalCheck::bad:
      found.refusal = json_error(404, "unknown_unlock",
                                 "this is not a personal unlock address of this service");
      return found;
  }
  auto redemption = services.ledger.find(code_key);
  if (!redemption) {
    // A genuine token whose redemption the ledger does not hold (a ledger
    // restored from an older backup).
    found.refusal = json_error(404, "unknown_unlock", "no redemption belongs to this address");
    return found;
  }
  found.redemption = *redemption;
  return found;
}

nlohmann::json unlock_json(const HttpRequest& request, Services& services, const Found& found) {
  Unlock unlock = make_unlock(services, found.redemption.pack_id, services.now_ms() / 1000);
  attach_personal_address(services, unlock, found.redemption.code_key, found.ends_unix);
  return to_json(unlock);
}

}  // namespace

HttpReply handle_unlock_page(const HttpRequest& request, Services& services,
                             const std::string& token) {
  Found found = find_unlock(request, services, token);
  if (found.refusal) {
    services.metrics.count(Outcome::not_found);
    return *found.refusal;  // the router turns it into a page for browsers
  }
  services.metrics.count(Outcome::status_ok);
  if (!wants_html(request) && request.header("Accept").find("application/json") != std::string::npos) {
    HttpReply reply;
    reply.body = dump_json(unlock_json(request, services, found));
    reply.headers.emplace_back("Cache-Control", "no-store");
    return reply;
  }
  return unlock_page_reply(request, services, found.redemption.code_key, found.redemption.campaign_id,
                           found.redemption.pack_id, found.ends_unix, found.redemption.at_unix_ms,
                           true);
}

HttpReply handle_unlock_json(const HttpRequest& request, Services& services,
                             const std::string& token) {
  Found found = find_unlock(request, services, token);
  if (found.refusal) {
    services.metrics.count(Outcome::not_found);
    return *found.refusal;
  }
  services.metrics.count(Outcome::status_ok);
  HttpReply reply;
  reply.body = dump_json(unlock_json(request, services, found));
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

HttpReply handle_unlock_qr(const HttpRequest& request, Services& services,
                           const std::string& token) {
  std::string code_key;
  if (services.personal.check(token, services.now_ms() / 1000, code_key) != PersonalCheck::valid) {
    services.metrics.count(Outcome::not_found);
    return json_error(404, "unknown_unlock", "this is not a personal unlock address of this service");
  }
  services.metrics.count(Outcome::status_ok);
  HttpReply reply;
  reply.content_type = "image/svg+xml";
  reply.body = codes::qr_svg(absolute_url(request, services, "/u/" + token));
  reply.headers.emplace_back("Cache-Control", "private, max-age=86400");
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return reply;
}

}  // namespace sf::verifier
