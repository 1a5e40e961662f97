#include "verifier/live_service.h"

#include <chrono>
#include <fstream>

#include "codes/campaign_book.h"
#include "codes/issuer.h"
#include "codes/keyring.h"
#include "verifier/codes_adapter.h"
#include "verifier/fakes.h"
#include "verifier/store_keys.h"

namespace sf::test {

std::vector<std::string> make_codes(const std::filesystem::path& dir, int count, int uses_per_code) {
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  codes::Keyring keyring;
  keyring.add(codes::KeyType::hmac, now);
  keyring.save(dir / "keyring.json");
  codes::CampaignBook book;
  codes::Campaign campaign;
  campaign.id = "spring";
  campaign.name = "Spring survey";
  campaign.pack_id = "fergie";
  campaign.trigger = "survey";
  campaign.uses_per_code = uses_per_code;
  book.add(campaign);
  book.save(dir / "campaigns.json");
  codes::IssueRequest request;
  request.keyring = dir / "keyring.json";
  request.campaigns = dir / "campaigns.json";
  request.campaign_id = "spring";
  request.count = std::uint64_t(count);
  request.out = dir / "codes.csv";
  codes::issue_codes(request, now);
  std::vector<std::string> codes;
  std::ifstream in(dir / "codes.csv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) codes.push_back(line.substr(0, line.find(',')));
  return codes;
}

LiveService::LiveService(int count, std::string ledger_url, bool tls, Tweak tweak) {
  codes_ = make_codes(dir_.path(), count);
  write_fake_packs(dir_ / "packs");
  if (ledger_url.empty()) ledger_url = "sqlite:" + (dir_ / "ledger.db").string();
  ledger_ = ledger::open_ledger(ledger_url);
  verifier::Config config;
  config.listen = "127.0.0.1:0";
  config.threads = 48;
  if (tls) {
    config.tls_cert = dir_ / "cert.pem";
    config.tls_key = dir_ / "key.pem";
    auto made = run_command("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout '" +
                            config.tls_key.string() + "' -out '" + config.tls_cert.string() + "'");
    if (made.status != 0) throw std::runtime_error("openssl could not make a certificate: " + made.output);
  }
  verifier::StoreKeys keys({{"berlin-01", verifier::store_key_digest(store_key())}});
  verifier::LimiterSettings limits{1000, 1000, 1000, 60};
  if (tweak) tweak(config, limits);
  verifier::ServiceSettings settings;
  settings.max_body_bytes = config.max_body_bytes;
  settings.failure_writes_per_minute = config.failure_writes_per_minute;
  services_ = std::make_unique<verifier::Services>(
      verifier::make_code_checker(codes::Checker::load(dir_ / "keyring.json", dir_ / "campaigns.json")),
      *ledger_, keys, limits, dir_ / "packs", Bytes(32, 9), settings,
      [this](std::string_view line) {
        std::lock_guard lock(log_mutex_);
        log_lines_.emplace_back(line);
      });
  server_ = std::make_unique<verifier::HttpServer>(config, *services_);
  thread_ = std::thread([this] { server_->run(); });
}

std::vector<std::string> LiveService::log_lines() {
  std::lock_guard lock(log_mutex_);
  return log_lines_;
}

LiveService::~LiveService() {
  server_->stop();
  thread_.join();
  ledger_->flush();
}

}  // namespace sf::test
