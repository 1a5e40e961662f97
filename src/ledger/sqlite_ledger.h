// ledger (internal): the embedded SQLite ledger. One writer thread owns the
// only write connection and commits every redemption queued meanwhile in one
// transaction (group commit): each caller returns after the fsync of the
// commit holding its row. Reads use a pool of WAL reader connections.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "ledger/ledger.h"

namespace sf::ledger::detail {

class SqliteConnection;

class SqliteLedger final : public Ledger {
 public:
  /// Opens or creates the file; throws as SqliteConnection does.
  SqliteLedger(const std::filesystem::path& path, std::string url, bool create);
  /// Commits everything queued, then stops the writer.
  ~SqliteLedger() override;

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
  struct RedeemJob {
    const RedeemRequest* request;
    std::promise<RedeemOutcome> promise;
  };
  struct Task {
    std::function<std::int64_t(SqliteConnection&)> work;
    std::promise<std::int64_t> promise;
  };
  struct Batch {
    std::vector<RedeemJob*> redeems;
    std::vector<Attempt> attempts;
    std::vector<Task> tasks;
    std::vector<std::promise<void>> flushes;
  };

  void writer_loop();
  void checkpoint_loop();
  void commit(Batch& batch);
  std::int64_t run_on_writer(std::function<std::int64_t(SqliteConnection&)> work);
  template <typename Result>
  Result with_reader(const std::function<Result(SqliteConnection&)>& work);

  std::filesystem::path path_;
  std::string url_;
  std::unique_ptr<SqliteConnection> writer_;

  std::mutex mutex_;
  std::condition_variable wake_writer_;
  std::condition_variable queue_has_room_;
  Batch queued_;
  bool stopping_ = false;
  std::int64_t latest_request_ms_ = 0;  // writer thread only
  std::int64_t last_prune_ms_ = 0;      // writer thread only

  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;

  // Checkpoints run on their own connection and thread: inside a commit they
  // would add their fsyncs to the redemptions waiting on it.
  std::mutex checkpoint_mutex_;
  std::condition_variable wake_checkpointer_;
  bool checkpoint_wanted_ = false;
  bool checkpoint_stopping_ = false;
  std::thread checkpoint_thread_;

  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace sf::ledger::detail
