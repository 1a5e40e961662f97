// GET /c/<source>/<campaign>?<parameter>=<claim>: where a provider's
// redirect lands after the action (Stripe's success_url with
// {CHECKOUT_SESSION_ID}, Typeform's redirect with the hidden claim field, a
// generic sender's claim). It shows that person's code, waiting a few
// seconds when the webhook has not arrived yet, then asking the browser to
// look again. Claims are unguessable (a checkout session id, 128 random
// bits), short ones are refused outright, and every miss counts against the
// client's failed-attempt limit, so the page is no way to list codes.
#include <chrono>
#include <thread>

#include "base/text.h"
#include "triggers/receiver_state.h"

namespace sf::triggers {
namespace {

using verifier::HttpReply;

constexpr std::size_t kMinClaimChars = 16;

HttpReply page(int status, const std::string& title, const std::string& main, bool refresh) {
  HttpReply reply;
  reply.status = status;
  reply.content_type = "text/html; charset=utf-8";
  reply.body = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
               std::string(refresh ? "<meta http-equiv=\"refresh\" content=\"3\">" : "") +
               "<title>" + html_escape(title) + "</title><style>"
               "body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;"
               "line-height:1.5;color:#1a1a1a}.code{font:700 1.6rem ui-monospace,monospace;"
               "letter-spacing:.05em;padding:.75rem 1rem;border:2px dashed #555;display:inline-block;"
               "user-select:all}a.button{display:inline-block;margin-top:1rem;padding:.75rem 1.25rem;"
               "background:#1a1a1a;color:#fff;border-radius:.5rem;text-decoration:none}"
               "</style></head><body><main>" + main + "</main></body></html>\n";
  reply.headers.emplace_back("Cache-Control", "no-store");
  reply.headers.emplace_back("Referrer-Policy", "no-referrer");
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  reply.headers.emplace_back("Content-Security-Policy",
                             "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  return reply;
}

}  // namespace

HttpReply handle_claim(const verifier::HttpRequest& request, verifier::Services& services,
                       ReceiverContext& context, const std::string& source,
                       const std::string& campaign_id) {
  const Provider* provider = find_provider(source);
  const std::int64_t now_ms = services.now_ms();
  const std::string limit_key = "client:" + request.client;
  if (int wait = services.limiter.retry_after(limit_key, now_ms / 1000); wait > 0) {
    HttpReply reply = page(429, "Try again later",
                           "<h1>Too many attempts</h1><p>Please try again in a few minutes.</p>", false);
    reply.headers.emplace_back("Retry-After", std::to_string(wait));
    return reply;
  }
  const std::string claim = provider && !provider->claim_parameter.empty()
                                ? request.query_value(provider->claim_parameter)
                                : "";
  auto files = context.files.current();
  const codes::CampaignRecord* record = files->mint.campaigns.find(campaign_id);
  if (!provider || provider->claim_parameter.empty() || !record ||
      claim.size() < kMinClaimChars || claim.size() > 255) {
    services.limiter.record_failure(limit_key, now_ms / 1000);
    context.counters.count(source, "claim_refused");
    return page(404, "Not found", "<h1>This link does not lead to a reward</h1>"
                                  "<p>Check that you opened the whole link.</p>", false);
  }
  // The person often arrives before the provider's webhook: wait a little
  // here, then let the browser ask again.
  std::optional<ledger::Issuance> found;
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::seconds(files->settings.claim_wait_seconds);
  while (true) {
    found = services.ledger.find_claim(campaign_id, source, claim);
    if (found || std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  if (!found) {
    services.limiter.record_failure(limit_key, now_ms / 1000);
    context.counters.count(source, "claim_pending");
    return page(202, "Preparing your reward",
                "<h1>Preparing your reward…</h1><p>This page refreshes by itself in a few "
                "seconds. If nothing appears within a minute, keep this link and open it again "
                "later.</p>",
                true);
  }
  context.counters.count(source, "claim_shown");
  if (found->revoked_ms > 0)
    return page(410, "Reward withdrawn", "<h1>This reward was withdrawn</h1><p>The purchase "
                                         "was refunded or the subscription ended.</p>", false);
  const std::string code = code_of(files->mint, *record, *found);
  const std::string link = link_for_code(files->settings, code);
  return page(200, "Your sticker code",
              "<h1>" + html_escape(record->campaign.name) + "</h1><p>Your sticker code:</p>"
              "<p class=\"code\">" + html_escape(code) + "</p><p>Keep it: it unlocks the "
              "sticker pack once.</p><a class=\"button\" href=\"" + html_escape(link) +
              "\">Get my stickers</a>",
              false);
}

}  // namespace sf::triggers
