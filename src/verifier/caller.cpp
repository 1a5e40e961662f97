#include "verifier/caller.h"

#include "verifier/failure_log.h"

namespace sf::verifier {

std::optional<HttpReply> identify_caller(const HttpRequest& request, Services& services,
                                         Caller& caller) {
  caller.client = request.client;
  if (!request.has_header("Authorization")) return std::nullopt;
  const std::int64_t now_ms = services.now_ms();
  const std::string key = request.bearer_token();
  // The real key is checked before any limit, so wrong keys sent from a
  // store's address (an old tablet, a guesser on its network) never lock it
  // out. Checking costs one SHA-256; store keys are 256-bit random, so the
  // limit below protects the disk and the log, not the keys.
  std::optional<std::string> store;
  if (!key.empty()) store = services.store_keys.current()->authenticate(key);
  if (store) {
    caller.store = *store;
    return std::nullopt;
  }
  // Wrong keys of every spelling share one window per address: a guesser
  // cannot escape it by varying the key.
  const std::string auth_key = "auth:" + request.client;
  if (int wait = services.limiter.retry_after(auth_key, now_ms / 1000); wait > 0) {
    RedeemAnswer answer;
    answer.outcome = Outcome::rate_limited;
    answer.retry_after_seconds = wait;
    return limit_reply(answer);
  }
  services.limiter.record_refusal(auth_key, now_ms / 1000);
  ledger::Attempt attempt;
  attempt.client = request.client;
  attempt.outcome = "bad_store_key";
  attempt.at_unix_ms = now_ms;
  write_failure(services, &attempt, "bad_store_key", {{"client", request.client}});
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
