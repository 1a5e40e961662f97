// The JSON API: POST /v1/redemptions, GET /v1/codes/{code},
// GET /v1/downloads/{pack}/{platform}/{file}.
#include <algorithm>

#include "base/text.h"
#include "verifier/caller.h"
#include "verifier/failure_log.h"
#include "verifier/json_text.h"
#include "verifier/log.h"
#include "verifier/redeem.h"
#include "verifier/routes.h"
#include "verifier/unlock.h"

namespace sf::verifier {
namespace {

std::string media_type(std::string_view content_type) {
  std::string type(content_type.substr(0, content_type.find(';')));
  type.erase(std::remove_if(type.begin(), type.end(), [](char c) { return c == ' ' || c == '\t'; }),
             type.end());
  for (char& c : type) c = char(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

HttpReply json_reply(int status, const nlohmann::json& body) {
  HttpReply reply;
  reply.status = status;
  reply.body = dump_json(body);
  return reply;
}

// Stripe's rule: up to 255 characters; we also keep it printable ASCII so it
// can be logged and stored as text.
bool valid_idempotency_key(std::string_view key) {
  return !key.empty() && key.size() <= 255 &&
         std::all_of(key.begin(), key.end(), [](char c) { return c > ' ' && c < 127; });
}

nlohmann::json redemption_json(const ledger::Redemption& redemption) {
  nlohmann::json json = {{"redeemed_at", iso8601_ms(redemption.at_unix_ms)},
                         {"use", redemption.use_number}};
  json["store"] = redemption.store.empty() ? nlohmann::json(nullptr) : nlohmann::json(redemption.store);
  return json;
}

// The failure answer: precise for stores, one generic answer for anonymous
// callers so the service is no oracle for which codes exist.
HttpReply failure_reply(const Caller& caller, const RedeemAnswer& answer) {
  if (answer.outcome == Outcome::rate_limited || answer.outcome == Outcome::breaker_open)
    return limit_reply(answer);
  if (answer.outcome == Outcome::idempotency_conflict)
    return json_error(409, "idempotency_key_reused", answer.detail);
  if (caller.anonymous()) return json_error(422, "not_redeemable", kGenericFailure);
  nlohmann::json body = {{"error", to_string(answer.outcome)}, {"message", answer.detail}};
  if (!answer.check.campaign_id.empty()) body["campaign"] = answer.check.campaign_id;
  if (!answer.check.code_key.empty()) body["code_key"] = answer.check.code_key;
  int status = 422;
  switch (answer.outcome) {
    case Outcome::mistyped: status = 422; break;
    case Outcome::unknown_code: status = 404; break;
    case Outcome::expired: status = 410; break;
    case Outcome::not_yet_valid:
    case Outcome::revoked: status = 403; break;
    case Outcome::already_redeemed: {
      status = 409;
      const auto& r = answer.redemption;
      body.update(redemption_json(r));
      body["message"] = "code was already redeemed at " + iso8601_ms(r.at_unix_ms) +
                        (r.store.empty() ? std::string(" on the web page")
                                         : " by store " + quote(r.store));
      break;
    }
    case Outcome::cap_reached: status = 409; body["error"] = "campaign_exhausted"; break;
    default: break;
  }
  return json_reply(status, body);
}

// Successes are always logged; failures within the failure budget.
void log_outcome(Services& services, const Caller& caller, const RedeemAnswer& answer,
                 std::string_view event) {
  std::initializer_list<std::pair<std::string_view, std::string>> fields = {
      {"outcome", std::string(to_string(answer.outcome))},
      {"code_key", answer.check.code_key},
      {"campaign", answer.check.campaign_id},
      {"store", caller.store},
      {"client", caller.client}};
  if (answer.outcome == Outcome::redeemed || answer.outcome == Outcome::replayed ||
      answer.outcome == Outcome::status_ok) {
    services.log.write("info", event, fields);
  } else {
    write_failure(services, nullptr, event, fields, answer.failure_written);
  }
}

}  // namespace

HttpReply handle_redeem(const HttpRequest& request, Services& services) {
  // Bad input changes nothing. It counts against the client's window and
  // leaves an audit row within the failure budget; a client already over its
  // window gets 429 and costs no write at all.
  auto bad = [&](std::string_view code, std::string_view message, int status = 400) {
    services.metrics.count(Outcome::bad_request);
    const std::int64_t now_ms = services.now_ms();
    const std::string key = "client:" + request.client;
    if (int wait = services.limiter.retry_after(key, now_ms / 1000); wait > 0) {
      RedeemAnswer limited;
      limited.outcome = Outcome::rate_limited;
      limited.retry_after_seconds = wait;
      return limit_reply(limited);
    }
    services.limiter.record_refusal(key, now_ms / 1000);
    ledger::Attempt attempt;
    attempt.client = request.client;
    attempt.outcome = "bad_request";
    attempt.at_unix_ms = now_ms;
    write_failure(services, &attempt, "bad_request",
                  {{"reason", std::string(code)}, {"client", request.client}});
    return json_error(status, code, message);
  };
  if (media_type(request.header("Content-Type")) != "application/json")
    return bad("unsupported_media_type",
               "Content-Type " + quote(request.header("Content-Type")) +
                   " is not accepted; send application/json",
               415);
  if (request.body.size() > services.settings.max_body_bytes)
    return bad("body_too_large",
               "request body has " + std::to_string(request.body.size()) +
                   " bytes; at most " + std::to_string(services.settings.max_body_bytes) +
                   " are accepted",
               413);
  std::string idempotency_key;
  if (request.has_header("Idempotency-Key")) {
    idempotency_key = request.header("Idempotency-Key");
    if (!valid_idempotency_key(idempotency_key))
      return bad("bad_idempotency_key",
                 "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces "
                 "(a UUID is a good choice)");
  }
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded())
    return bad("bad_json", "request body is not valid JSON; expected {\"code\": \"XXXX-XXXX-XXXX-XXXX\"}");
  if (!body.is_object())
    return bad("bad_json", "request body is a JSON " + std::string(body.type_name()) +
                               "; expected an object {\"code\": \"XXXX-XXXX-XXXX-XXXX\"}");
  for (const auto& [key, value] : body.items()) {
    if (key != "code")
      return bad("unknown_field", "field " + quote(key) + " is not accepted; the body holds only \"code\"");
  }
  if (!body.contains("code") || !body["code"].is_string())
    return bad("missing_code", "field \"code\" is missing or not a string; expected "
                               "{\"code\": \"XXXX-XXXX-XXXX-XXXX\"}");

  Caller caller;
  if (auto refused = identify_caller(request, services, caller)) {
    services.metrics.count(refused->status == 401 ? Outcome::unauthorized : Outcome::rate_limited);
    return *refused;
  }
  RedeemAnswer answer =
      redeem_code(services, caller, body["code"].get<std::string>(), idempotency_key);
  services.metrics.count(answer.outcome);
  if (answer.outcome != Outcome::rate_limited && answer.outcome != Outcome::breaker_open)
    log_outcome(services, caller, answer, "redeem");
  if (answer.outcome != Outcome::redeemed && answer.outcome != Outcome::replayed)
    return failure_reply(caller, answer);

  nlohmann::json reply_body = {{"status", "redeemed"},
                               {"replayed", answer.outcome == Outcome::replayed},
                               {"uses_allowed", std::max(1, answer.check.uses_allowed)}};
  reply_body.update(redemption_json(answer.redemption));
  if (!caller.anonymous()) {
    reply_body["code_key"] = answer.check.code_key;
    reply_body["campaign"] = answer.check.campaign_id;
  }
  Unlock unlock = make_unlock(services, answer.check.pack_id, services.now_ms() / 1000);
  attach_personal_address(services, unlock, answer.check.code_key, answer.check.campaign_ends_unix);
  reply_body["unlock"] = to_json(unlock);
  HttpReply reply = json_reply(200, reply_body);
  if (answer.outcome == Outcome::replayed) reply.headers.emplace_back("Idempotent-Replayed", "true");
  return reply;
}

HttpReply handle_code_status(const HttpRequest& request, Services& services,
                             const std::string& code) {
  Caller caller;
  if (auto refused = identify_caller(request, services, caller)) {
    services.metrics.count(refused->status == 401 ? Outcome::unauthorized : Outcome::rate_limited);
    return *refused;
  }
  RedeemAnswer answer = check_code_status(services, caller, code);
  services.metrics.count(answer.outcome);
  if (answer.outcome == Outcome::status_ok) {
    nlohmann::json body = {{"status", "redeemable"}};
    if (!caller.anonymous()) {
      body["code_key"] = answer.check.code_key;
      body["campaign"] = answer.check.campaign_id;
      body["uses"] = answer.redemption.use_number;
      body["uses_allowed"] = std::max(1, answer.check.uses_allowed);
    }
    return json_reply(200, body);
  }
  if (answer.outcome != Outcome::rate_limited && answer.outcome != Outcome::breaker_open)
    log_outcome(services, caller, answer, "status");
  if (answer.outcome == Outcome::already_redeemed && !caller.anonymous()) {
    nlohmann::json body = {{"status", "redeemed"},
                           {"code_key", answer.check.code_key},
                           {"campaign", answer.check.campaign_id},
                           {"uses_allowed", std::max(1, answer.check.uses_allowed)}};
    body.update(redemption_json(answer.redemption));
    return json_reply(200, body);
  }
  return failure_reply(caller, answer);
}

HttpReply handle_download(const HttpRequest& request, Services& services,
                          const std::string& pack, const std::string& platform,
                          const std::string& file) {
  // Refusals are logged within the failure budget; forged paths and tokens
  // (not expired ones, which honest customers meet) count against the client.
  auto refuse = [&](int status, std::string_view code, std::string_view message) {
    services.metrics.count(Outcome::download_refused);
    const std::int64_t now = services.now_ms() / 1000;
    const std::string key = "client:" + request.client;
    if (code == "bad_token" || code == "bad_path") {
      if (int wait = services.limiter.retry_after(key, now); wait > 0) {
        RedeemAnswer limited;
        limited.outcome = Outcome::rate_limited;
        limited.retry_after_seconds = wait;
        return limit_reply(limited);
      }
      services.limiter.record_refusal(key, now);
    }
    write_failure(services, nullptr, "download_refused",
                  {{"reason", std::string(code)}, {"client", request.client}});
    return json_error(status, code, message);
  };
  if (!is_safe_segment(pack) || !is_safe_segment(platform) || !is_safe_segment(file))
    return refuse(400, "bad_path",
                  "download path must be /v1/downloads/<pack>/<platform>/<file> with plain "
                  "names (letters, digits, '.', '_', '-'; no leading dot)");
  const std::string path = pack + "/" + platform + "/" + file;
  std::string token = request.query_value("token");
  if (token.empty())
    return refuse(403, "missing_token", "download needs the ?token=... from a redemption answer");
  switch (services.tokens.check(path, token, services.now_ms() / 1000)) {
    case TokenCheck::valid: break;
    case TokenCheck::expired:
      return refuse(403, "token_expired",
                    "download link has expired; repeat the redemption with the same "
                    "Idempotency-Key for fresh links");
    case TokenCheck::malformed:
    case TokenCheck::bad_signature:
      return refuse(403, "bad_token", "download token is not valid for this file");
  }
  // "images" is no build folder: the PNG set, one by one (previews) or as
  // the "save the images" ZIP made from it.
  if (platform == "images" && file == pack + "-stickers.zip") {
    auto zip = services.packs.images_zip(pack);
    if (!zip) return refuse(404, "not_found", "file " + quote(path) + " is not available");
    services.metrics.count(Outcome::download);
    HttpReply reply;
    reply.body = *zip;
    reply.content_type = "application/zip";
    reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + "\"");
    reply.headers.emplace_back("Cache-Control", "private, no-store");
    return reply;
  }
  auto resolved = platform == "images" ? services.packs.resolve_image(pack, file)
                                       : services.packs.resolve_download(pack, platform, file);
  if (!resolved) return refuse(404, "not_found", "file " + quote(path) + " is not available");
  if (platform == "images") {
    services.metrics.count(Outcome::download);
    HttpReply reply;
    reply.file = *resolved;
    reply.content_type = "image/png";
    // Previews are shown on the page, not saved: inline, cacheable by this
    // browser only for as long as the link works.
    reply.headers.emplace_back("Cache-Control", "private, max-age=900");
    return reply;
  }
  services.metrics.count(Outcome::download);
  HttpReply reply;
  reply.file = *resolved;
  reply.content_type = file.ends_with(".zip") || file.ends_with(".wastickers")
                           ? "application/zip"
                           : "application/octet-stream";
  reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + "\"");
  reply.headers.emplace_back("Cache-Control", "private, no-store");
  return reply;
}

}  // namespace sf::verifier
