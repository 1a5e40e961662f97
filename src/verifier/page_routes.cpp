// The redemption page: plain HTML forms, no JavaScript needed, for a phone
// and a store's counter tablet. Callers here are always anonymous, so every
// failure shows the same message.
#include "base/error.h"
#include "base/text.h"
#include "codes/base64url.h"
#include "crypto/primitives.h"
#include "verifier/failure_log.h"
#include "verifier/log.h"
#include "verifier/redeem.h"
#include "verifier/routes.h"
#include "verifier/unlock.h"
#include "verifier/web_templates.h"

namespace sf::verifier {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string form_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() + 0 && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += char(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string form_field(std::string_view body, std::string_view name) {
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t end = body.find('&', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(pos, end - pos);
    std::size_t eq = pair.find('=');
    if (form_decode(pair.substr(0, eq)) == name)
      return eq == std::string_view::npos ? "" : form_decode(pair.substr(eq + 1));
    pos = end + 1;
  }
  return {};
}

HttpReply html_reply(int status, const std::string& title, const std::string& main) {
  HttpReply reply;
  reply.status = status;
  reply.content_type = "text/html; charset=utf-8";
  reply.body = fill_template(kPageTemplate, {{"title", html_escape(title)}, {"main", main}});
  reply.headers.emplace_back("Cache-Control", "no-store");
  reply.headers.emplace_back("Content-Security-Policy",
                             "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                             "frame-ancestors 'none'");
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return reply;
}

HttpReply form_page(Services& services, int status, const std::string& code,
                    const std::string& error) {
  std::string notice;
  if (!error.empty())
    notice = "<div class=\"notice error\" role=\"alert\"><p>" + html_escape(error) + "</p></div>";
  std::string main = fill_template(
      kFormTemplate,
      {{"notice", notice},
       {"action", html_escape(services.settings.public_url + "/redeem")},
       {"code", html_escape(code)},
       {"invalid", error.empty() ? "" : "aria-invalid=\"true\""},
       // One key per page load: a double-tapped submit redeems once and both
       // taps get the same answer.
       {"idempotency_key", codes::base64url_encode(crypto::random_bytes(16))}});
  return html_reply(status, "Redeem your sticker code", main);
}

std::string platform_name(const std::string& id) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"telegram", "Telegram"}, {"whatsapp", "WhatsApp"}, {"signal", "Signal"},
      {"imessage", "iMessage"}, {"line", "LINE"},         {"discord", "Discord"},
      {"viber", "Viber"},       {"wechat", "WeChat"},     {"kik", "Kik"}};
  for (const auto& [key, name] : kNames)
    if (id == key) return name;
  return id;
}

std::string unlocked_main(Services& services, const Unlock& unlock) {
  std::string list = "<ul class=\"platforms\">\n";
  for (const UnlockPlatform& platform : unlock.platforms) {
    const std::string name = html_escape(platform_name(platform.platform));
    list += "<li><strong>" + name + "</strong><br>";
    if (!platform.add_link.empty())
      list += "<a class=\"add-link\" href=\"" + html_escape(platform.add_link) + "\">Add to " +
              name + "</a><br>";
    for (const auto& [file, url] : platform.downloads)
      list += "<a class=\"download\" href=\"" + html_escape(url) + "\" download>Download " +
              html_escape(file) + "</a><br>";
    list += "</li>\n";
  }
  list += "</ul>";
  if (!unlock.available)
    list = "<p>The pack is being prepared. Keep this page and try again later.</p>";
  return fill_template(kUnlockedTemplate,
                       {{"pack_title", html_escape(unlock.pack_title)},
                        {"expires", iso8601_ms(unlock.links_expire_unix * 1000).substr(0, 16) + " UTC"},
                        {"platforms", list},
                        {"home", html_escape(services.settings.public_url + "/")}});
}

}  // namespace

HttpReply handle_page(const HttpRequest& request, Services& services) {
  services.metrics.count(Outcome::other);
  // Links minted online (docs/triggers.md) carry the code: the form comes filled in.
  return form_page(services, 200, request.query_value("code").substr(0, 64), "");
}

HttpReply handle_page_redeem(const HttpRequest& request, Services& services) {
  std::string type = request.header("Content-Type");
  if (!type.starts_with("application/x-www-form-urlencoded") ||
      request.body.size() > services.settings.max_body_bytes) {
    services.metrics.count(Outcome::bad_request);
    return form_page(services, 400, "", "the form could not be read; please type the code again");
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
    HttpReply reply = form_page(services, 503, code,
                                "the service cannot reach its records right now; nothing was "
                                "redeemed. Please try again in a moment");
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
  switch (answer.outcome) {
    case Outcome::redeemed:
    case Outcome::replayed: {
      Unlock unlock = make_unlock(services, answer.check.pack_id, services.now_ms() / 1000);
      return html_reply(200, "Stickers unlocked: " + unlock.pack_title,
                        unlocked_main(services, unlock));
    }
    case Outcome::rate_limited: {
      HttpReply reply = form_page(services, 429, code,
                                  "too many attempts from this device; wait a minute and try again");
      reply.headers.emplace_back("Retry-After", std::to_string(answer.retry_after_seconds));
      return reply;
    }
    case Outcome::breaker_open: {
      HttpReply reply = form_page(services, 503, code,
                                  "redeeming on this page is paused for a while; please ask a "
                                  "store to redeem the code for you, or try later");
      reply.headers.emplace_back("Retry-After", std::to_string(answer.retry_after_seconds));
      return reply;
    }
    default:
      return form_page(services, 422, code, std::string(kGenericFailure) + ".");
  }
}

}  // namespace sf::verifier
