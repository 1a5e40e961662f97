// POST /v1/till/<campaign>: a till or counter tablet asks for one code now.
// Authenticated by the store key (Authorization: Bearer), made safe to retry
// by an Idempotency-Key (required: a till that times out and asks again must
// get the same code, not a second one). Body optional:
//   {"email": "...", "total": "12.50", "product": "..."}
// Answers the code, its link and a receipt snippet to print.
#include "base/text.h"
#include "codes/online.h"
#include "codes/qr.h"
#include "triggers/json_fields.h"
#include "triggers/receipt.h"
#include "triggers/receiver_state.h"

namespace sf::triggers {
namespace {

bool valid_key(std::string_view key) {
  if (key.empty() || key.size() > 255) return false;
  for (char c : key)
    if (c <= ' ' || c >= 127) return false;
  return true;
}

}  // namespace

verifier::HttpReply handle_till(const verifier::HttpRequest& request,
                                verifier::Services& services, ReceiverContext& context,
                                const std::string& campaign_id) {
  const std::int64_t now_ms = services.now_ms();
  const std::string limit_key = "client:" + request.client;
  if (int wait = services.limiter.retry_after(limit_key, now_ms / 1000); wait > 0) {
    verifier::HttpReply reply = verifier::json_error(429, "rate_limited", "too many failed attempts");
    reply.headers.emplace_back("Retry-After", std::to_string(wait));
    return reply;
  }
  std::optional<std::string> store;
  if (std::string key = request.bearer_token(); !key.empty())
    store = services.store_keys.current()->authenticate(key);
  if (!store) {
    services.limiter.record_failure(limit_key, now_ms / 1000);
    context.counters.count("till", "unauthorized");
    services.log.write("warn", "till_unauthorized", {{"campaign", campaign_id}, {"client", request.client}});
    verifier::HttpReply reply = verifier::json_error(401, "unauthorized", "unauthorized");
    reply.headers.emplace_back("WWW-Authenticate", "Bearer");
    return reply;
  }
  const std::string idempotency_key = request.header("Idempotency-Key");
  if (!valid_key(idempotency_key))
    return verifier::json_error(400, "idempotency_key_required",
                                "send an Idempotency-Key header (1-255 printable characters, a "
                                "UUID per sale) so a retried request gets the same code");
  auto files = context.files.current();
  const codes::CampaignRecord* record = files->mint.campaigns.find(campaign_id);
  if (!record) {
    context.counters.count("till", "not_found");
    return verifier::json_error(404, "unknown_campaign",
                                "campaign " + quote(campaign_id) +
                                    " is not in the campaigns file");
  }
  Event event;
  event.action = Event::Action::issue;
  event.event_key = *store + "/" + idempotency_key;
  if (!request.body.empty()) {
    nlohmann::json body = parse_body(request.body);
    if (!body.is_object())
      return verifier::json_error(400, "bad_json",
                                  "body is not a JSON object; expected {} or "
                                  "{\"email\": ..., \"total\": \"12.50\"}");
    event.email = text_at(body, "/email");
    event.product = text_at(body, "/product");
    if (std::string total = text_at(body, "/total"); !total.empty()) {
      auto cents = codes::parse_money_cents(total);
      if (!cents)
        return verifier::json_error(400, "bad_total",
                                    "total " + quote(total) + " is not an amount such as \"12.50\"");
      event.total_cents = *cents;
    }
  }
  MintResult minted = mint(services.ledger, files->mint, *record, "till", event, now_ms);
  context.counters.count("till", to_string(minted.status));
  if (minted.status == MintResult::Status::refused)
    return verifier::json_error(422, "refused", minted.reason);
  if (minted.status == MintResult::Status::exhausted)
    return verifier::json_error(503, "exhausted", minted.reason);
  services.log.write("info", "till_issued", {{"store", *store}, {"campaign", campaign_id},
                                             {"outcome", std::string(to_string(minted.status))},
                                             {"code_key", minted.issuance.code_key}});
  const std::string link = link_for_code(files->settings, minted.code);
  const std::string& name = record->campaign.name;
  nlohmann::json body = {
      {"status", to_string(minted.status)},
      {"code", minted.code},
      {"link", link},
      {"receipt",
       {{"text_58mm", receipt_text(name, minted.code, link, 32)},
        {"text_80mm", receipt_text(name, minted.code, link, 48)},
        {"qr_svg", codes::qr_svg(link)}}}};
  verifier::HttpReply reply = json_reply(200, body);
  if (minted.status == MintResult::Status::existing)
    reply.headers.emplace_back("Idempotent-Replayed", "true");
  return reply;
}

}  // namespace sf::triggers
