// Test fakes for the verifier's handlers: an in-memory ledger with the
// real contract (single use, idempotency, audit) and a code checker that
// knows a few codes by name, plus a Services builder with a fixed clock.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "support/temp_dir.h"
#include "verifier/http_types.h"
#include "verifier/services.h"

namespace sf::test {

class FakeLedger : public ledger::Ledger {
 public:
  ledger::RedeemOutcome redeem(const ledger::RedeemRequest& request) override;
  std::optional<ledger::Redemption> find(std::string_view code_key) override;
  void record_attempt(const ledger::Attempt& attempt) override;
  void flush() override {}
  std::vector<ledger::Attempt> attempts_for(std::string_view code_key) override;
  std::vector<ledger::ReportRow> report() override { return {}; }
  std::int64_t prune_idempotency(std::int64_t) override { return 0; }
  bool ready() override { return ready_; }
  // Online issuance is tested against the real ledgers (tests/ledger,
  // tests/triggers); the handlers these fakes serve never call it.
  ledger::IssueOutcome issue(const ledger::IssueRequest&) override {
    throw std::logic_error("FakeLedger does not issue codes");
  }
  std::optional<ledger::Issuance> find_issuance(std::string_view, std::string_view,
                                                std::string_view) override {
    return std::nullopt;
  }
  std::optional<ledger::Issuance> find_claim(std::string_view, std::string_view,
                                             std::string_view) override {
    return std::nullopt;
  }
  ledger::RevokeStatus revoke_issued(const ledger::RevokeRequest&) override {
    return ledger::RevokeStatus::not_found;
  }
  bool is_revoked(std::string_view) override { return false; }
  std::vector<ledger::IssuanceRow> issuance_report() override { return {}; }

  std::size_t redemption_count();
  std::size_t attempt_count();
  std::vector<ledger::Attempt> all_attempts();
  bool ready_ = true;
  bool fail_ = false;  // redeem() throws Error(io), like a broken database

 private:
  std::mutex mutex_;
  std::map<std::string, std::vector<ledger::Redemption>> uses_;
  std::map<std::string, std::pair<std::string, ledger::RedeemOutcome>> idempotency_;
  std::vector<ledger::Attempt> attempts_;
};

/// Codes the fake checker knows: "GOOD-0001".."GOOD-0099" valid (pack
/// "fergie", single use), "MULTI-1" valid with 3 uses, "TYPO" mistyped,
/// "FORGED" unknown, "OLD" expired, "SOON" not yet valid, "REVOKED" revoked,
/// "CAP-1"/"CAP-2" valid in campaign "capped" (cap 1), "ENDING-<n>" valid in
/// a campaign ending two days after the fake clock.
verifier::CodeChecker fake_checker();

/// A packs folder with one built pack "fergie" (report.json, telegram and
/// whatsapp archives, an add link) under `dir`.
void write_fake_packs(const std::filesystem::path& dir);

/// Services over a FakeLedger with a fixed clock (now_ms), the fake checker,
/// one store "berlin-01" whose key is kStoreKey, and fake packs.
struct TestService {
  explicit TestService(verifier::LimiterSettings limits = {},
                       verifier::ServiceSettings settings = {});
  TempDir dir;
  FakeLedger ledger;
  std::int64_t now_ms = 1'800'000'000'000;
  std::vector<std::string> log_lines;
  std::unique_ptr<verifier::Services> services;
};

inline constexpr const char* kStoreKey = "sk_test_berlin_key_0123456789";

/// Request builders.
verifier::HttpRequest json_post(const std::string& path, const std::string& body,
                                const std::string& idempotency_key = "",
                                const std::string& store_key = "");
verifier::HttpRequest get(const std::string& path, const std::string& store_key = "");

}  // namespace sf::test
