#include "verifier/browser_errors.h"

#include "base/text.h"
#include "verifier/browser.h"
#include "verifier/customer_pages.h"
#include "verifier/json_text.h"
#include "verifier/web_templates.h"

namespace sf::verifier {
namespace {

std::string_view message_key(std::string_view error) {
  if (error == "not_found" || error == "method_not_allowed" || error == "bad_path")
    return "error.not_found";
  if (error == "token_expired") return "error.download_expired";
  if (error == "bad_token" || error == "missing_token") return "error.download_bad";
  if (error == "unknown_unlock") return "error.unlock_unknown";
  if (error == "unlock_ended") return "error.unlock_ended";
  if (error == "too_many_failed_attempts") return "fail.rate";
  if (error == "anonymous_redemption_paused") return "fail.paused";
  if (error == "ledger_unavailable") return "fail.ledger";
  return "error.other";
}

}  // namespace

HttpReply for_browser(const HttpRequest& request, Services& services, HttpReply reply) {
  if (reply.status < 400 || reply.content_type != "application/json" || !wants_html(request))
    return reply;
  nlohmann::json body = nlohmann::json::parse(reply.body, nullptr, false);
  std::string error = body.is_object() && body.contains("error") && body["error"].is_string()
                          ? body["error"].get<std::string>()
                          : "";
  const PageContext context = page_context(request, services, "");
  const std::string heading = say(context.language, "error.title");
  std::string main = fill_template(
      kTemplate_error, {{"heading", html_escape(heading)},
                        {"message", html_escape(say(context.language, message_key(error)))},
                        {"home", html_escape(services.settings.public_url + "/")},
                        {"home_text", html_escape(say(context.language, "error.home"))}});
  HttpReply page = html_reply(reply.status, context, heading, main);
  for (const auto& header : reply.headers)
    if (header.first == "Allow" || header.first == "Retry-After") page.headers.push_back(header);
  return page;
}

}  // namespace sf::verifier
