// The customer's way in: GET / (the form; ?code= prefills it), GET /r/<code
// or link token> (a link or a receipt QR), POST /redeem (the one button).
// Opening a page never uses a code up: mail scanners and link previews fetch
// every URL, so only the POST redeems. Callers here are always anonymous;
// every failure still counts against the budgets (redeem.cpp).
#include "base/error.h"
#include "base/text.h"
#include "codes/base64url.h"
#include "crypto/primitives.h"
#include "verifier/failure_log.h"
#include "verifier/customer_failure.h"
#include "verifier/customer_pages.h"
#include "verifier/log.h"
#include "verifier/redeem.h"
#include "verifier/typo_hint.h"
#include "verifier/routes.h"
#include "verifier/web_templates.h"

namespace sf::verifier {
namespace {

// Link tokens (and link URLs) are long base64url text nobody is meant to
// read or fix; everything else is treated as typed.
bool is_typed(std::string_view code) { return !looks_like_link(code); }

struct FormState {
  std::string code;
  std::string error;      // plain text; "" = none
  bool landing = false;   // arrived by a link or QR: "your stickers are waiting"
};

HttpReply form_reply(const HttpRequest& request, Services& services, int status,
                     const FormState& state, const std::string& campaign_id = "") {
  const PageContext context = page_context(request, services, campaign_id);
  const Language language = context.language;
  std::string notice;
  if (!state.error.empty())
    notice = "<div class=\"notice error\" role=\"alert\"><p>" + html_escape(state.error) + "</p></div>";
  else if (state.landing)
    notice = "<p>" + html_escape(say(language, "link.intro")) + "</p>";
  std::string remembered;
  if (auto token = remembered_token(request, services))
    remembered = "<p><a href=\"" + html_escape(services.settings.public_url + "/u/" + *token) +
                 "\">" + html_escape(say(language, "remembered")) + "</a></p>";
  std::string field;
  if (state.landing && state.error.empty() && !is_typed(state.code)) {
    field = "  <input type=\"hidden\" name=\"code\" value=\"" + html_escape(state.code) + "\">";
  } else {
    field = fill_template(kTemplate_code_field,
                          {{"label", html_escape(say(language, "form.label"))},
                           {"hint", html_escape(say(language, "form.hint"))},
                           {"code", html_escape(state.code)},
                           {"invalid", state.error.empty() ? "" : "aria-invalid=\"true\""}});
  }
  const std::string heading = say(language, state.landing ? "link.title" : "form.title");
  std::string main = fill_template(
      kTemplate_form,
      {{"heading", html_escape(heading)},
       {"notice", notice},
       {"remembered", remembered},
       {"action", html_escape(services.settings.public_url + "/redeem")},
       {"field", field},
       // One key per page load: a double-tapped submit redeems once and both
       // taps get the same answer.
       {"idempotency_key", codes::base64url_encode(crypto::random_bytes(16))},
       {"button", html_escape(say(language, "form.button"))}});
  return html_reply(status, context, heading, main);
}

int status_of(Outcome outcome) {
  switch (outcome) {
    case Outcome::rate_limited: return 429;
    case Outcome::breaker_open: return 503;
    default: return 422;
  }
}

HttpReply failure_reply(const HttpRequest& request, Services& services, const RedeemAnswer& answer,
                        const std::string& code, bool landing) {
  FormState state{code, customer_failure(request_language(request), answer, code, services), landing};
  // A link token the customer cannot fix is not put back into a field.
  if (!is_typed(code)) state.code.clear();
  HttpReply reply = form_reply(request, services, status_of(answer.outcome), state,
                               answer.check.campaign_id);
  if (answer.retry_after_seconds > 0)
    reply.headers.emplace_back("Retry-After", std::to_string(answer.retry_after_seconds));
  return reply;
}

// A code arrived in a URL: show it ready to redeem with one tap, or say at
// once why it will not work, or (same browser, already redeemed) the unlock.
HttpReply landing(const HttpRequest& request, Services& services, const std::string& code) {
  RedeemAnswer answer = check_code_status(services, Caller{"", request.client}, code);
  services.metrics.count(answer.outcome);
  if (answer.outcome == Outcome::status_ok)
    return form_reply(request, services, 200, FormState{code, "", true}, answer.check.campaign_id);
  if (answer.outcome == Outcome::already_redeemed &&
      remembered_token(request, services, answer.check.code_key))
    return unlock_page_reply(request, services, answer.check.code_key, answer.check.campaign_id,
                             answer.redemption.pack_id.empty() ? answer.check.pack_id
                                                               : answer.redemption.pack_id,
                             answer.check.campaign_ends_unix, answer.redemption.at_unix_ms, true);
  return failure_reply(request, services, answer, code, true);
}

}  // namespace

HttpReply handle_page(const HttpRequest& request, Services& services) {
  const std::string code = request.query_value("code");
  if (!code.empty() && code.size() <= 512) return landing(request, services, code);
  services.metrics.count(Outcome::other);
  return form_reply(request, services, 200, FormState{});
}

HttpReply handle_link_page(const HttpRequest& request, Services& services, const std::string& code) {
  if (code.empty() || code.size() > 512) {
    services.metrics.count(Outcome::other);
    return form_reply(request, services, 200, FormState{});
  }
  return landing(request, services, code);
}

HttpReply handle_page_redeem(const HttpRequest& request, Services& services) {
  std::string type = request.header("Content-Type");
  if (!type.starts_with("application/x-www-form-urlencoded") ||
      request.body.size() > services.settings.max_body_bytes) {
    services.metrics.count(Outcome::bad_request);
    return form_reply(request, services, 400,
                      FormState{"", say(request_language(request), "fail.form"), false});
  }
  const std::string code = form_field(request.body, "code");
  std::string key = form_field(request.body, "idempotency_key");
  if (key.size() > 255) key.clear();
  Caller caller{"", request.client};
  RedeemAnswer answer;
  try {
    answer = redeem_code(services, caller, code, key);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::io) throw;
    // The ledger is down: a page a person can act on, not a JSON error.
    services.metrics.count(Outcome::internal_error);
    services.ledger_health.failed(services.now_ms());
    services.log.write("error", "ledger_failed", {{"path", request.path}, {"error", e.what()}});
    HttpReply reply = form_reply(request, services, 503,
                                 FormState{code, say(request_language(request), "fail.ledger"), false});
    reply.headers.emplace_back("Retry-After", "1");
    return reply;
  }
  services.metrics.count(answer.outcome);
  if (answer.outcome == Outcome::redeemed || answer.outcome == Outcome::replayed) {
    services.log.write("info", "redeem_page",
                       {{"outcome", std::string(to_string(answer.outcome))},
                        {"code_key", answer.check.code_key},
                        {"client", caller.client}});
  } else if (answer.outcome != Outcome::rate_limited && answer.outcome != Outcome::breaker_open) {
    write_failure(services, nullptr, "redeem_page",
                  {{"outcome", std::string(to_string(answer.outcome))},
                   {"code_key", answer.check.code_key},
                   {"client", caller.client}},
                  answer.failure_written);
  }
  const CodeCheck& check = answer.check;
  if (answer.outcome == Outcome::redeemed || answer.outcome == Outcome::replayed)
    return unlock_page_reply(request, services, check.code_key, check.campaign_id, check.pack_id,
                             check.campaign_ends_unix, answer.redemption.at_unix_ms, false);
  // The customer who redeemed on this browser comes back with the same
  // code: their unlock (the code stays used for everyone else).
  if (answer.outcome == Outcome::already_redeemed &&
      remembered_token(request, services, check.code_key))
    return unlock_page_reply(request, services, check.code_key, check.campaign_id, check.pack_id,
                             check.campaign_ends_unix, answer.redemption.at_unix_ms, true);
  return failure_reply(request, services, answer, code, false);
}

}  // namespace sf::verifier
