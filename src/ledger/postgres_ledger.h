// ledger (internal): the PostgreSQL ledger for several verifier instances
// sharing one database. Each redemption is one transaction on a pooled
// connection; PostgreSQL's own commit grouping and row locks do the rest.
// Audit rows are batched by a background thread like SQLite's.
#pragma once

#include <atomic>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ledger/ledger.h"

namespace sf::ledger::detail {

class PostgresConnection;

class PostgresLedger final : public Ledger {
 public:
  /// Connects and creates the schema idempotently (under an advisory lock,
  /// so instances starting together do not race). Throws Error(io).
  explicit PostgresLedger(std::string url);
  ~PostgresLedger() override;

  RedeemOutcome redeem(const RedeemRequest& request) override;
  std::optional<Redemption> find(std::string_view code_key) override;
  void record_attempt(const Attempt& attempt) override;
  void flush() override;
  std::vector<Attempt> attempts_for(std::string_view code_key) override;
  std::vector<ReportRow> report() override;
  std::int64_t prune_idempotency(std::int64_t before_unix_ms) override;
  bool ready() override;
  IssueOutcome issue(const IssueRequest& request) override;
  std::optional<Issuance> find_issuance(std::string_view campaign_id, std::string_view source,
                                        std::string_view event_key) override;
  std::optional<Issuance> find_claim(std::string_view campaign_id, std::string_view source,
                                     std::string_view claim_key) override;
  RevokeStatus revoke_issued(const RevokeRequest& request) override;
  bool is_revoked(std::string_view code_key) override;
  std::vector<IssuanceRow> issuance_report() override;

 private:
  class Lease;
  std::unique_ptr<PostgresConnection> acquire();
  void release(std::unique_ptr<PostgresConnection> connection);
  void audit_loop();

  std::string url_;
  std::string label_;  // url_ without its password

  std::mutex pool_mutex_;
  std::condition_variable pool_has_room_;
  std::vector<std::unique_ptr<PostgresConnection>> idle_;
  int open_connections_ = 0;

  std::mutex audit_mutex_;
  std::condition_variable wake_audit_;
  std::condition_variable audit_has_room_;
  std::vector<Attempt> queued_attempts_;
  std::vector<std::promise<void>> queued_flushes_;
  bool stopping_ = false;

  std::atomic<std::int64_t> last_prune_ms_{0};
  std::thread audit_thread_;  // last: starts after everything above exists
};

}  // namespace sf::ledger::detail
