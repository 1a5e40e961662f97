// POST /v1/hooks/<source>/<campaign>: a provider's webhook. Order matters:
// the signature is checked on the raw bytes before anything is parsed;
// failures answer 401 with no detail (the log and the counters have it).
// Business refusals (unpaid, wrong form, campaign over) answer 200 with the
// reason, so providers do not retry what will never succeed.
#include "base/text.h"
#include "triggers/receiver_state.h"

namespace sf::triggers {
namespace {

using verifier::HttpReply;

HttpReply unauthorized() {
  return verifier::json_error(401, "unauthorized", "unauthorized");
}

}  // namespace

HttpReply handle_hook(const verifier::HttpRequest& request, verifier::Services& services,
                      ReceiverContext& context, const std::string& source,
                      const std::string& campaign_id) {
  const Provider* provider = find_provider(source);
  auto files = context.files.current();
  const Endpoint* endpoint = provider ? files->settings.find(source, campaign_id) : nullptr;
  const codes::CampaignRecord* record = files->mint.campaigns.find(campaign_id);
  auto log = [&](std::string_view level, std::string_view event, std::string reason) {
    services.log.write(level, event, {{"source", source}, {"campaign", campaign_id},
                                      {"client", request.client}, {"reason", std::move(reason)}});
  };
  if (!provider || !endpoint) {
    context.counters.count(provider ? source : "unknown", "not_found");
    return verifier::json_error(404, "not_found", "no receiver at " + quote(request.path) +
                                                      "; see docs/triggers.md");
  }
  const std::int64_t now_ms = services.now_ms();
  SignedDelivery delivery{request, *endpoint, context.public_url, now_ms / 1000,
                          files->settings.tolerance_seconds};
  if (!provider->genuine(delivery)) {
    context.counters.count(source, "unauthorized");
    log("warn", "hook_unauthorized", "signature, timestamp or URL secret did not verify");
    return unauthorized();
  }
  if (request.method != "POST") {
    // Mailchimp checks a new webhook URL with a GET before saving it.
    context.counters.count(source, "validation");
    return json_reply(200, {{"status", "ok"}});
  }
  if (!record) {
    context.counters.count(source, "unknown_campaign");
    log("warn", "hook_unknown_campaign", "campaign is not in the campaigns file");
    return verifier::json_error(404, "unknown_campaign",
                                "campaign " + quote(campaign_id) + " is not in the campaigns file");
  }
  std::optional<Event> event = provider->read(request);
  if (!event) {
    context.counters.count(source, "bad_request");
    log("warn", "hook_unreadable", "body is not the provider's payload");
    return verifier::json_error(400, "bad_payload", "the body is not a " + source + " payload "
                                                    "stickerforge can read; see docs/triggers.md");
  }
  if (event->action == Event::Action::ignore) {
    context.counters.count(source, "ignored");
    return json_reply(200, {{"status", "ignored"}, {"reason", event->note}});
  }
  if (event->action == Event::Action::revoke) {
    ledger::RevokeRequest revoke{campaign_id, source, event->event_key, event->note, now_ms};
    ledger::RevokeStatus status = services.ledger.revoke_issued(revoke);
    context.counters.count(source, std::string("revoke_") + std::string(ledger::to_string(status)));
    services.log.write("info", "hook_revoke", {{"source", source}, {"campaign", campaign_id},
                                               {"outcome", std::string(ledger::to_string(status))}});
    return json_reply(200, {{"status", ledger::to_string(status)}});
  }
  if (provider->confirm && !services.ledger.find_issuance(campaign_id, source, event->event_key)) {
    if (std::string why = provider->confirm(*endpoint, *event); !why.empty()) {
      context.counters.count(source, "unconfirmed");
      log("info", "hook_unconfirmed", why);
      return json_reply(200, {{"status", "refused"}, {"reason", why}});
    }
  }
  MintResult minted = mint(services.ledger, files->mint, *record, source, *event, now_ms);
  context.counters.count(source, to_string(minted.status));
  if (minted.status == MintResult::Status::refused) {
    log("info", "hook_refused", minted.reason);
    return json_reply(200, {{"status", "refused"}, {"reason", minted.reason}});
  }
  if (minted.status == MintResult::Status::exhausted) {
    log("error", "hook_exhausted", minted.reason);
    HttpReply reply = verifier::json_error(503, "exhausted", minted.reason);
    reply.headers.emplace_back("Retry-After", "600");
    return reply;
  }
  services.log.write("info", "hook_issued", {{"source", source}, {"campaign", campaign_id},
                                             {"outcome", std::string(to_string(minted.status))},
                                             {"code_key", minted.issuance.code_key}});
  nlohmann::json body = {{"status", to_string(minted.status)},
                         {"code", minted.code},
                         {"link", link_for_code(files->settings, minted.code)},
                         {"event", event->event_key}};
  if (minted.issuance.revoked_ms > 0) body["revoked"] = true;
  return json_reply(200, body);
}

}  // namespace sf::triggers
