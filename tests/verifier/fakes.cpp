#include "verifier/fakes.h"

#include "base/error.h"
#include "verifier/store_keys.h"

namespace sf::test {

ledger::RedeemOutcome FakeLedger::redeem(const ledger::RedeemRequest& request) {
  std::lock_guard lock(mutex_);
  if (fail_) throw io_error("fake ledger is down");
  const std::string scope = request.store + "\n" + request.idempotency_key;
  if (!request.idempotency_key.empty()) {
    auto it = idempotency_.find(scope);
    if (it != idempotency_.end()) {
      if (it->second.first != request.request_fingerprint)
        return {ledger::RedeemStatus::idempotency_conflict, false, {}};
      ledger::RedeemOutcome replay = it->second.second;
      replay.replayed = true;
      return replay;
    }
  }
  auto& uses = uses_[request.code_key];
  ledger::RedeemOutcome outcome;
  std::int64_t campaign_uses = 0;
  for (const auto& [key, redemptions] : uses_)
    for (const auto& r : redemptions) campaign_uses += r.campaign_id == request.campaign_id;
  if (int(uses.size()) < request.uses_allowed && request.campaign_cap > 0 &&
      campaign_uses >= request.campaign_cap) {
    attempts_.push_back({request.code_key, request.campaign_id, request.trigger, request.store,
                         request.client, "cap_reached", request.now_unix_ms});
    return {ledger::RedeemStatus::cap_reached, false, {}};
  }
  if (int(uses.size()) >= request.uses_allowed) {
    outcome = {ledger::RedeemStatus::already_redeemed, false, uses.back()};
  } else {
    ledger::Redemption redemption{request.code_key, request.campaign_id, request.pack_id,
                                  request.trigger,  request.store,       int(uses.size()) + 1,
                                  request.now_unix_ms};
    uses.push_back(redemption);
    outcome = {ledger::RedeemStatus::redeemed, false, redemption};
  }
  if (!request.idempotency_key.empty())
    idempotency_[scope] = {request.request_fingerprint, outcome};
  attempts_.push_back({request.code_key, request.campaign_id, request.trigger, request.store,
                       request.client, std::string(ledger::to_string(outcome.status)),
                       request.now_unix_ms});
  return outcome;
}

std::optional<ledger::Redemption> FakeLedger::find(std::string_view code_key) {
  std::lock_guard lock(mutex_);
  auto it = uses_.find(std::string(code_key));
  if (it == uses_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

void FakeLedger::record_attempt(const ledger::Attempt& attempt) {
  std::lock_guard lock(mutex_);
  attempts_.push_back(attempt);
}

std::vector<ledger::Attempt> FakeLedger::attempts_for(std::string_view code_key) {
  std::lock_guard lock(mutex_);
  std::vector<ledger::Attempt> out;
  for (const auto& attempt : attempts_)
    if (attempt.code_key == code_key) out.push_back(attempt);
  return out;
}

std::size_t FakeLedger::redemption_count() {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& [key, uses] : uses_) n += uses.size();
  return n;
}

std::size_t FakeLedger::attempt_count() {
  std::lock_guard lock(mutex_);
  return attempts_.size();
}

std::vector<ledger::Attempt> FakeLedger::all_attempts() {
  std::lock_guard lock(mutex_);
  return attempts_;
}

verifier::CodeChecker fake_checker() {
  return [](std::string_view code, std::int64_t) {
    verifier::CodeCheck check;
    std::string text(code);
    auto valid = [&](int uses) {
      check.verdict = verifier::CodeVerdict::valid;
      check.code_key = "1/42/" + text;
      check.campaign_id = "spring";
      check.pack_id = "fergie";
      check.trigger = "survey";
      check.uses_allowed = uses;
      return check;
    };
    if (text.starts_with("GOOD-") && text.size() == 9) return valid(1);
    if (text == "MULTI-1") return valid(3);
    if (text == "CAP-1" || text == "CAP-2") {
      valid(1);
      check.campaign_id = "capped";
      check.campaign_cap = 1;
      return check;
    }
    if (text.starts_with("ENDING-")) {
      valid(1);
      check.campaign_ends_unix = 1'800'000'000 + 2 * 86400;  // two days after the fake clock
      return check;
    }
    if (text == "UNBUILT") {
      valid(1);
      check.pack_id = "not-built-yet";
      return check;
    }
    if (text == "OLD") {
      check.verdict = verifier::CodeVerdict::expired;
      check.code_key = "1/42/OLD";
      check.campaign_id = "spring";
      check.detail = "campaign 'spring' of code OLD ended at 2026-01-01";
      check.campaign_ends_unix = 1'767'225'600;  // 2026-01-01
      return check;
    }
    if (text == "SOON") {
      check.verdict = verifier::CodeVerdict::not_yet_valid;
      check.campaign_starts_unix = 1'900'000'000;
    }
    else if (text == "REVOKED") check.verdict = verifier::CodeVerdict::revoked;
    else if (text == "FORGED") check.verdict = verifier::CodeVerdict::unknown;
    else check.verdict = verifier::CodeVerdict::mistyped;
    check.detail = "fake detail for " + text;
    return check;
  };
}

void write_fake_packs(const std::filesystem::path& dir) {
  write_file(dir / "fergie" / "report.json",
             R"({"pack": {"id": "fergie", "title": "Fergie the Ember"}, "files": [
               {"platform": "telegram", "role": "archive", "path": "telegram/fergie-telegram.zip"},
               {"platform": "whatsapp", "role": "archive", "path": "whatsapp/fergie.wastickers"},
               {"platform": "whatsapp", "role": "sticker", "path": "whatsapp/01.webp"}]})");
  write_file(dir / "fergie" / "telegram" / "fergie-telegram.zip", "PK-telegram-bundle");
  write_file(dir / "fergie" / "whatsapp" / "fergie.wastickers", "PK-whatsapp-bundle");
  write_file(dir / "fergie" / "whatsapp" / "01.webp", "RIFF-sticker");
  write_file(dir / "fergie" / "signal" / "manifest.proto", "proto");
  // A plain PNG set (Viber's): the previews and the "save the images" ZIP.
  write_file(dir / "fergie" / "viber" / "stickers" / "01.png", "PNG-one");
  write_file(dir / "fergie" / "viber" / "stickers" / "02.png", "PNG-two");
  write_file(dir / "fergie" / "add_links.json",
             R"j({"telegram": "https://t.me/addstickers/fergie_by_acmebot",
                 "signal": "https://signal.art/addstickers/#pack_id=abc&pack_key=def",
                 "whatsapp": "javascript:alert(1)"})j");
  write_file(dir / "secret.txt", "outside any pack");
}

TestService::TestService(verifier::LimiterSettings limits, verifier::ServiceSettings settings) {
  write_fake_packs(dir / "packs");
  verifier::StoreKeys keys({{"berlin-01", verifier::store_key_digest(kStoreKey)}});
  Bytes secret(32, 7);
  services = std::make_unique<verifier::Services>(
      fake_checker(), ledger, keys, limits, dir / "packs", secret, std::move(settings),
      [this](std::string_view line) { log_lines.emplace_back(line); });
  services->now_ms = [this] { return now_ms; };
}

verifier::HttpRequest json_post(const std::string& path, const std::string& body,
                                const std::string& idempotency_key, const std::string& store_key) {
  verifier::HttpRequest request;
  request.method = "POST";
  request.path = path;
  request.body = body;
  request.client = "192.0.2.7";
  request.headers.emplace_back("Content-Type", "application/json");
  if (!idempotency_key.empty()) request.headers.emplace_back("Idempotency-Key", idempotency_key);
  if (!store_key.empty()) request.headers.emplace_back("Authorization", "Bearer " + store_key);
  return request;
}

verifier::HttpRequest get(const std::string& path, const std::string& store_key) {
  verifier::HttpRequest request;
  request.method = "GET";
  auto q = path.find('?');
  request.path = path.substr(0, q);
  if (q != std::string::npos) {
    std::string query = path.substr(q + 1);
    auto eq = query.find('=');
    request.query.emplace_back(query.substr(0, eq), eq == std::string::npos ? "" : query.substr(eq + 1));
  }
  request.client = "192.0.2.7";
  if (!store_key.empty()) request.headers.emplace_back("Authorization", "Bearer " + store_key);
  return request;
}

}  // namespace sf::test
