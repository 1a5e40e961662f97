#include "verifier/caller.h"

namespace sf::verifier {

std::optional<HttpReply> identify_caller(const HttpRequest& request, Services& services,
                                         Caller& caller) {
  caller.client = request.client;
  if (!request.has_header("Authorization")) return std::nullopt;
  const std::int64_t now_ms = services.now_ms();
  // Wrong store keys count under their own key, so customers failing codes
  // on a store's shared network do not lock the store out, and vice versa.
  const std::string auth_key = "auth:" + request.client;
  if (int wait = services.limiter.retry_after(auth_key, now_ms / 1000); wait > 0) {
    RedeemAnswer answer;
    answer.outcome = Outcome::rate_limited;
    answer.retry_after_seconds = wait;
    return limit_reply(answer);
  }
  std::optional<std::string> store;
  if (std::string key = request.bearer_token(); !key.empty())
    store = services.store_keys.current()->authenticate(key);
  if (store) {
    caller.store = *store;
    return std::nullopt;
  }
  services.limiter.record_failure(auth_key, now_ms / 1000);
  ledger::Attempt attempt;
  attempt.client = request.client;
  attempt.outcome = "bad_store_key";
  attempt.at_unix_ms = now_ms;
  services.ledger.record_attempt(attempt);
  services.log.write("warn", "bad_store_key", {{"client", request.client}});
  HttpReply reply = json_error(401, "bad_store_key",
                               "Authorization header is not 'Bearer <store key>' with a key this "
                               "verifier knows; leave the header out to redeem anonymously");
  reply.headers.emplace_back("WWW-Authenticate", "Bearer");
  return reply;
}

HttpReply limit_reply(const RedeemAnswer& answer) {
  HttpReply reply;
  if (answer.outcome == Outcome::breaker_open) {
    reply = json_error(503, "anonymous_redemption_paused",
                       "too many failed attempts reached this service; anonymous redemption "
                       "is paused for a while. A store can still redeem the code for you");
  } else {
    reply = json_error(429, "too_many_failed_attempts",
                       "too many failed attempts from this client; wait before trying again");
  }
  reply.headers.emplace_back("Retry-After", std::to_string(answer.retry_after_seconds));
  return reply;
}

}  // namespace sf::verifier
