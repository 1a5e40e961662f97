#include "ledger/sqlite_ledger.h"

#include "base/error.h"
#include "base/text.h"
#include "ledger/issuance_queries.h"
#include "ledger/queries.h"
#include "ledger/retention.h"
#include "ledger/sqlite_connection.h"

namespace sf::ledger::detail {
namespace {

// Audit rows wait in memory for the next commit; past this many the caller
// blocks, so a flood of failed attempts cannot grow memory without bound.
constexpr std::size_t kMaxQueuedAttempts = 100000;
// SQLite's own default for when to checkpoint (about 4 MB of WAL).
constexpr int kCheckpointPages = 1000;

}  // namespace

SqliteLedger::SqliteLedger(const std::filesystem::path& path, std::string url, bool create)
    : path_(path),
      url_(std::move(url)),
      writer_(std::make_unique<SqliteConnection>(path, url_, SqliteConnection::Role::writer,
                                                 create)),
      thread_() {
  writer_->on_wal_commit([this](int wal_pages) {
    if (wal_pages < kCheckpointPages) return;
    {
      std::lock_guard lock(checkpoint_mutex_);
      checkpoint_wanted_ = true;
    }
    wake_checkpointer_.notify_one();
  });
  checkpoint_thread_ = std::thread([this] { checkpoint_loop(); });
  thread_ = std::thread([this] { writer_loop(); });
}

SqliteLedger::~SqliteLedger() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_writer_.notify_all();
  thread_.join();
  {
    std::lock_guard lock(checkpoint_mutex_);
    checkpoint_stopping_ = true;
  }
  wake_checkpointer_.notify_all();
  checkpoint_thread_.join();
}

void SqliteLedger::checkpoint_loop() {
  std::unique_ptr<SqliteConnection> db;
  while (true) {
    {
      std::unique_lock lock(checkpoint_mutex_);
      wake_checkpointer_.wait(lock, [&] { return checkpoint_wanted_ || checkpoint_stopping_; });
      if (checkpoint_stopping_) return;
      checkpoint_wanted_ = false;
    }
    try {
      if (!db) {
        db = std::make_unique<SqliteConnection>(path_, url_, SqliteConnection::Role::reader,
                                                false);
      }
      db->checkpoint_passive();
    } catch (const std::exception&) {
      // Retried after the next commit; until then the WAL only grows.
      db.reset();
    }
  }
}

RedeemOutcome SqliteLedger::redeem(const RedeemRequest& request) {
  validate(request);
  RedeemJob job{&request, {}};
  auto answer = job.promise.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw io_error("ledger " + quote(url_) + ": closing; redemption refused");
    queued_.redeems.push_back(&job);
  }
  wake_writer_.notify_one();
  return answer.get();
}

void SqliteLedger::record_attempt(const Attempt& attempt) {
  {
    std::unique_lock lock(mutex_);
    queue_has_room_.wait(lock, [&] { return queued_.attempts.size() < kMaxQueuedAttempts; });
    queued_.attempts.push_back(attempt);
  }
  wake_writer_.notify_one();
}

void SqliteLedger::flush() {
  std::promise<void> done;
  auto committed = done.get_future();
  {
    std::lock_guard lock(mutex_);
    queued_.flushes.push_back(std::move(done));
  }
  wake_writer_.notify_one();
  committed.get();
}

std::int64_t SqliteLedger::run_on_writer(std::function<std::int64_t(SqliteConnection&)> work) {
  Task task{std::move(work), {}};
  auto result = task.promise.get_future();
  {
    std::lock_guard lock(mutex_);
    queued_.tasks.push_back(std::move(task));
  }
  wake_writer_.notify_one();
  return result.get();
}

std::int64_t SqliteLedger::prune_idempotency(std::int64_t before_unix_ms) {
  return run_on_writer([before_unix_ms](SqliteConnection& db) {
    return delete_idempotency_before(db, before_unix_ms);
  });
}

void SqliteLedger::writer_loop() {
  while (true) {
    Batch batch;
    {
      std::unique_lock lock(mutex_);
      wake_writer_.wait(lock, [&] {
        return stopping_ || !queued_.redeems.empty() || !queued_.attempts.empty() ||
               !queued_.tasks.empty() || !queued_.flushes.empty();
      });
      if (stopping_ && queued_.redeems.empty() && queued_.attempts.empty() &&
          queued_.tasks.empty() && queued_.flushes.empty()) {
        return;
      }
      // Everything that arrived while the previous commit was syncing goes
      // into this one transaction: that is the group commit.
      std::swap(batch, queued_);
    }
    queue_has_room_.notify_all();
    commit(batch);
  }
}

void SqliteLedger::commit(Batch& batch) {
  std::vector<std::optional<RedeemOutcome>> outcomes(batch.redeems.size());
  std::vector<std::exception_ptr> errors(batch.redeems.size());
  std::vector<std::int64_t> task_results(batch.tasks.size());
  std::vector<std::exception_ptr> task_errors(batch.tasks.size());
  std::exception_ptr batch_error;
  try {
    writer_->execute("BEGIN IMMEDIATE");
    for (std::size_t i = 0; i < batch.redeems.size(); ++i) {
      const RedeemRequest& request = *batch.redeems[i]->request;
      latest_request_ms_ = std::max(latest_request_ms_, request.now_unix_ms);
      // Each redemption in its own savepoint: one failing statement undoes
      // only that request, the others in the batch still commit.
      writer_->execute("SAVEPOINT sf_job");
      try {
        outcomes[i] = redeem_in_transaction(*writer_, request);
        writer_->execute("RELEASE SAVEPOINT sf_job");
      } catch (const std::exception&) {
        errors[i] = std::current_exception();
        if (!writer_->in_transaction()) throw;  // SQLite rolled everything back
        writer_->execute("ROLLBACK TO SAVEPOINT sf_job");
        writer_->execute("RELEASE SAVEPOINT sf_job");
      }
    }
    for (const Attempt& attempt : batch.attempts) insert_attempt(*writer_, attempt);
    for (std::size_t i = 0; i < batch.tasks.size(); ++i) {
      writer_->execute("SAVEPOINT sf_task");
      try {
        task_results[i] = batch.tasks[i].work(*writer_);
        writer_->execute("RELEASE SAVEPOINT sf_task");
      } catch (const std::exception&) {
        task_errors[i] = std::current_exception();
        if (!writer_->in_transaction()) throw;
        writer_->execute("ROLLBACK TO SAVEPOINT sf_task");
        writer_->execute("RELEASE SAVEPOINT sf_task");
      }
    }
    if (prune_due(last_prune_ms_, latest_request_ms_)) {
      delete_idempotency_before(*writer_, latest_request_ms_ - kIdempotencyRetentionMs);
      last_prune_ms_ = latest_request_ms_;
    }
    writer_->execute("COMMIT");
  } catch (const std::exception&) {
    batch_error = std::current_exception();
    if (writer_->in_transaction()) {
      try {
        writer_->execute("ROLLBACK");
      } catch (const std::exception&) {
        // The connection is unusable either way; the next BEGIN reports it.
      }
    }
  }
  for (std::size_t i = 0; i < batch.redeems.size(); ++i) {
    auto& promise = batch.redeems[i]->promise;
    if (batch_error) {
      promise.set_exception(batch_error);
    } else if (errors[i]) {
      promise.set_exception(errors[i]);
    } else {
      promise.set_value(std::move(*outcomes[i]));
    }
  }
  for (auto& done : batch.flushes) {
    if (batch_error) {
      done.set_exception(batch_error);
    } else {
      done.set_value();
    }
  }
  for (std::size_t i = 0; i < batch.tasks.size(); ++i) {
    auto& promise = batch.tasks[i].promise;
    if (batch_error || task_errors[i]) {
      promise.set_exception(batch_error ? batch_error : task_errors[i]);
    } else {
      promise.set_value(task_results[i]);
    }
  }
}

template <typename Result>
Result SqliteLedger::with_reader(const std::function<Result(SqliteConnection&)>& work) {
  std::unique_ptr<SqliteConnection> reader;
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
  }
  if (!reader) {
    reader = std::make_unique<SqliteConnection>(path_, url_, SqliteConnection::Role::reader,
                                                false);
  }
  Result result = work(*reader);
  std::lock_guard lock(readers_mutex_);
  idle_readers_.push_back(std::move(reader));
  return result;
}

std::optional<Redemption> SqliteLedger::find(std::string_view code_key) {
  return with_reader<std::optional<Redemption>>(
      [&](SqliteConnection& db) { return find_latest_use(db, code_key); });
}

std::vector<Attempt> SqliteLedger::attempts_for(std::string_view code_key) {
  return with_reader<std::vector<Attempt>>(
      [&](SqliteConnection& db) { return select_attempts(db, code_key); });
}

std::vector<ReportRow> SqliteLedger::report() {
  return with_reader<std::vector<ReportRow>>([](SqliteConnection& db) {
    // One read transaction, so both groupings see the same snapshot.
    db.execute("BEGIN");
    try {
      auto rows = select_report(db);
      db.execute("COMMIT");
      return rows;
    } catch (...) {
      db.execute("ROLLBACK");
      throw;
    }
  });
}

bool SqliteLedger::ready() {
  try {
    static constexpr Statement kPing{"ping", "SELECT 1"};
    return with_reader<bool>(
        [](SqliteConnection& db) { return db.query(kPing, {}).size() == 1; });
  } catch (const std::exception&) {
    return false;
  }
}

// Issuance and revocation ride the writer's group commit like redemptions:
// each waits for the fsync of the transaction holding it.
IssueOutcome SqliteLedger::issue(const IssueRequest& request) {
  validate(request);
  IssueOutcome out;
  run_on_writer([&](SqliteConnection& db) {
    out = issue_in_transaction(db, request);
    return std::int64_t{0};
  });
  return out;
}

RevokeStatus SqliteLedger::revoke_issued(const RevokeRequest& request) {
  RevokeStatus status = RevokeStatus::not_found;
  run_on_writer([&](SqliteConnection& db) {
    status = revoke_in_transaction(db, request);
    return std::int64_t{0};
  });
  return status;
}

std::optional<Issuance> SqliteLedger::find_issuance(std::string_view campaign_id,
                                                    std::string_view source,
                                                    std::string_view event_key) {
  return with_reader<std::optional<Issuance>>([&](SqliteConnection& db) {
    return select_issuance(db, campaign_id, source, event_key);
  });
}

std::optional<Issuance> SqliteLedger::find_claim(std::string_view campaign_id,
                                                 std::string_view source,
                                                 std::string_view claim_key) {
  return with_reader<std::optional<Issuance>>([&](SqliteConnection& db) {
    return select_claim(db, campaign_id, source, claim_key);
  });
}

bool SqliteLedger::is_revoked(std::string_view code_key) {
  return with_reader<bool>([&](SqliteConnection& db) { return code_revoked(db, code_key); });
}

std::vector<IssuanceRow> SqliteLedger::issuance_report() {
  return with_reader<std::vector<IssuanceRow>>(
      [](SqliteConnection& db) { return select_issuance_report(db); });
}

}  // namespace sf::ledger::detail
