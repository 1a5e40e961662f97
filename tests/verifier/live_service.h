// A real verifier on a real loopback port for end-to-end tests: real codes
// (a fresh keyring and campaign), a real ledger (SQLite or PostgreSQL), the
// fake packs folder, and an httplib client.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <mutex>
#include <thread>
#include <vector>

#include "ledger/ledger.h"
#include "support/temp_dir.h"
#include "verifier/config.h"
#include "verifier/server.h"
#include "verifier/services.h"

namespace sf::test {

/// Writes a keyring, a campaigns file with campaign "spring" (pack
/// "fergie") and issues `count` typed codes; returns them.
std::vector<std::string> make_codes(const std::filesystem::path& dir, int count,
                                    int uses_per_code = 1);

class LiveService {
 public:
  /// `ledger_url` "" = SQLite in the temp folder. `tls`: serve HTTPS with a
  /// fresh self-signed certificate (made with the openssl command).
  /// `tweak` may change the server's settings and the limits before start.
  using Tweak = std::function<void(verifier::Config&, verifier::LimiterSettings&)>;
  explicit LiveService(int codes, std::string ledger_url = "", bool tls = false, Tweak tweak = {});
  ~LiveService();

  int port() const { return server_->port(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }
  const std::vector<std::string>& codes() const { return codes_; }
  ledger::Ledger& ledger() { return *ledger_; }
  std::string store_key() const { return "sk_live_test_store_key_0001"; }
  const std::filesystem::path& dir() const { return dir_.path(); }
  verifier::Services& services() { return *services_; }
  /// Log lines written so far (the service logs to memory in tests).
  std::vector<std::string> log_lines();

 private:
  TempDir dir_;
  std::vector<std::string> codes_;
  std::mutex log_mutex_;  // before services_: its log writes here until it is gone
  std::vector<std::string> log_lines_;
  std::unique_ptr<ledger::Ledger> ledger_;
  std::unique_ptr<verifier::Services> services_;
  std::unique_ptr<verifier::HttpServer> server_;
  std::thread thread_;
};

}  // namespace sf::test
