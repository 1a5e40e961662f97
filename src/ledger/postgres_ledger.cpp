#include "ledger/postgres_ledger.h"

#include "base/error.h"
#include "base/text.h"
#include "ledger/postgres_connection.h"
#include "ledger/issuance_queries.h"
#include "ledger/queries.h"
#include "ledger/retention.h"

namespace sf::ledger::detail {
namespace {

// Enough for the verifier's thread pool; several instances share the
// server's max_connections.
constexpr int kMaxConnections = 16;
constexpr std::size_t kMaxQueuedAttempts = 100000;

constexpr const char* kSchema = R"sql(
SELECT pg_advisory_xact_lock(7346259001);
CREATE TABLE IF NOT EXISTS sf_code_uses (
  code_key TEXT PRIMARY KEY, uses INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sf_redemption_uses (
  code_key TEXT NOT NULL, use_number INTEGER NOT NULL, campaign_id TEXT NOT NULL,
  pack_id TEXT NOT NULL, trigger_kind TEXT NOT NULL, store TEXT NOT NULL,
  at_ms BIGINT NOT NULL, PRIMARY KEY (code_key, use_number));
CREATE TABLE IF NOT EXISTS sf_campaign_usage (
  campaign_id TEXT PRIMARY KEY, used BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS sf_idempotency (
  store TEXT NOT NULL, idem_key TEXT NOT NULL, fingerprint TEXT NOT NULL,
  created_ms BIGINT NOT NULL, status TEXT, code_key TEXT, use_number INTEGER,
  PRIMARY KEY (store, idem_key));
CREATE INDEX IF NOT EXISTS sf_idempotency_created ON sf_idempotency (created_ms);
CREATE TABLE IF NOT EXISTS sf_attempts (
  id BIGSERIAL PRIMARY KEY, code_key TEXT NOT NULL, campaign_id TEXT NOT NULL,
  trigger_kind TEXT NOT NULL, store TEXT NOT NULL, client TEXT NOT NULL,
  outcome TEXT NOT NULL, at_ms BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS sf_online_serials (
  campaign_id TEXT PRIMARY KEY, next_index BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS sf_issuances (
  campaign_id TEXT NOT NULL, source TEXT NOT NULL, event_key TEXT NOT NULL,
  email_hash TEXT NOT NULL, serial_index BIGINT NOT NULL, code_key TEXT NOT NULL,
  created_ms BIGINT NOT NULL, revoked_ms BIGINT NOT NULL, same_person INTEGER NOT NULL,
  claim_key TEXT NOT NULL, PRIMARY KEY (campaign_id, source, event_key));
CREATE INDEX IF NOT EXISTS sf_issuances_claim ON sf_issuances (campaign_id, source, claim_key);
CREATE TABLE IF NOT EXISTS sf_issuance_emails (
  campaign_id TEXT NOT NULL, email_hash TEXT NOT NULL, source TEXT NOT NULL,
  event_key TEXT NOT NULL, PRIMARY KEY (campaign_id, email_hash));
CREATE TABLE IF NOT EXISTS sf_code_revocations (
  code_key TEXT PRIMARY KEY, reason TEXT NOT NULL, at_ms BIGINT NOT NULL);
)sql";

// Runs `work` in one transaction; rolls back when it throws. BEGIN travels
// with the first statement and COMMIT with the last deferred ones.
template <typename Work>
auto in_transaction(PostgresConnection& db, const char* begin, Work&& work) {
  db.execute_deferred(begin);
  try {
    auto result = work();
    db.execute("COMMIT");
    return result;
  } catch (...) {
    db.discard_deferred();
    try {
      db.execute("ROLLBACK");
    } catch (const std::exception&) {
      // Connection lost: the server has rolled back already.
    }
    throw;
  }
}

}  // namespace

// Returns its connection to the pool when the scope ends, or drops it when
// the server went away, so the next caller opens a fresh one.
class PostgresLedger::Lease {
 public:
  explicit Lease(PostgresLedger& owner) : owner_(owner), connection_(owner.acquire()) {}
  ~Lease() { owner_.release(std::move(connection_)); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  PostgresConnection& operator*() { return *connection_; }

 private:
  PostgresLedger& owner_;
  std::unique_ptr<PostgresConnection> connection_;
};

PostgresLedger::PostgresLedger(std::string url) : url_(std::move(url)), label_(redact_url(url_)) {
  {
    // Several statements in one string: the simple protocol, not a pipeline.
    Lease db(*this);
    (*db).execute("BEGIN");
    try {
      (*db).execute(kSchema);
      (*db).execute("COMMIT");
    } catch (...) {
      try {
        (*db).execute("ROLLBACK");
      } catch (const std::exception&) {
      }
      throw;
    }
  }
  audit_thread_ = std::thread([this] { audit_loop(); });
}

PostgresLedger::~PostgresLedger() {
  {
    std::lock_guard lock(audit_mutex_);
    stopping_ = true;
  }
  wake_audit_.notify_all();
  if (audit_thread_.joinable()) audit_thread_.join();
}

std::unique_ptr<PostgresConnection> PostgresLedger::acquire() {
  {
    std::unique_lock lock(pool_mutex_);
    pool_has_room_.wait(lock,
                        [&] { return !idle_.empty() || open_connections_ < kMaxConnections; });
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
    ++open_connections_;
  }
  try {
    return std::make_unique<PostgresConnection>(url_, label_);
  } catch (...) {
    {
      std::lock_guard lock(pool_mutex_);
      --open_connections_;
    }
    pool_has_room_.notify_one();
    throw;
  }
}

void PostgresLedger::release(std::unique_ptr<PostgresConnection> connection) {
  {
    std::lock_guard lock(pool_mutex_);
    if (connection && connection->healthy()) {
      idle_.push_back(std::move(connection));
    } else {
      --open_connections_;
    }
  }
  pool_has_room_.notify_one();
}

RedeemOutcome PostgresLedger::redeem(const RedeemRequest& request) {
  validate(request);
  Lease db(*this);
  // READ COMMITTED is enough: ON CONFLICT and the conditional UPDATEs wait
  // for a concurrent writer of the same row and re-check against its result.
  RedeemOutcome out = in_transaction(*db, "BEGIN", [&] {
    return redeem_in_transaction(*db, request);
  });
  std::int64_t last = last_prune_ms_.load();
  if (prune_due(last, request.now_unix_ms) &&
      last_prune_ms_.compare_exchange_strong(last, request.now_unix_ms)) {
    try {
      delete_idempotency_before(*db, request.now_unix_ms - kIdempotencyRetentionMs);
    } catch (const std::exception&) {
      // Pruning is housekeeping; the redemption is already committed.
    }
  }
  return out;
}

std::optional<Redemption> PostgresLedger::find(std::string_view code_key) {
  Lease db(*this);
  return find_latest_use(*db, code_key);
}

void PostgresLedger::record_attempt(const Attempt& attempt) {
  {
    std::unique_lock lock(audit_mutex_);
    audit_has_room_.wait(lock, [&] { return queued_attempts_.size() < kMaxQueuedAttempts; });
    queued_attempts_.push_back(attempt);
  }
  wake_audit_.notify_one();
}

void PostgresLedger::flush() {
  std::promise<void> done;
  auto committed = done.get_future();
  {
    std::lock_guard lock(audit_mutex_);
    queued_flushes_.push_back(std::move(done));
  }
  wake_audit_.notify_one();
  committed.get();
}

void PostgresLedger::audit_loop() {
  while (true) {
    std::vector<Attempt> attempts;
    std::vector<std::promise<void>> flushes;
    {
      std::unique_lock lock(audit_mutex_);
      wake_audit_.wait(lock, [&] {
        return stopping_ || !queued_attempts_.empty() || !queued_flushes_.empty();
      });
      if (stopping_ && queued_attempts_.empty() && queued_flushes_.empty()) return;
      attempts.swap(queued_attempts_);
      flushes.swap(queued_flushes_);
    }
    audit_has_room_.notify_all();
    std::exception_ptr error;
    if (!attempts.empty()) {
      try {
        Lease db(*this);
        in_transaction(*db, "BEGIN", [&] {
          for (const Attempt& attempt : attempts) insert_attempt(*db, attempt);
          return 0;
        });
      } catch (const std::exception&) {
        error = std::current_exception();
      }
    }
    for (auto& done : flushes) {
      if (error) {
        done.set_exception(error);
      } else {
        done.set_value();
      }
    }
  }
}

std::vector<Attempt> PostgresLedger::attempts_for(std::string_view code_key) {
  Lease db(*this);
  return select_attempts(*db, code_key);
}

std::vector<ReportRow> PostgresLedger::report() {
  Lease db(*this);
  // One snapshot for both groupings.
  return in_transaction(*db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                        [&] { return select_report(*db); });
}

std::int64_t PostgresLedger::prune_idempotency(std::int64_t before_unix_ms) {
  Lease db(*this);
  return delete_idempotency_before(*db, before_unix_ms);
}

bool PostgresLedger::ready() {
  try {
    static constexpr Statement kPing{"ping", "SELECT 1"};
    Lease db(*this);
    return (*db).query(kPing, {}).size() == 1;
  } catch (const std::exception&) {
    return false;
  }
}

IssueOutcome PostgresLedger::issue(const IssueRequest& request) {
  validate(request);
  Lease db(*this);
  // READ COMMITTED: the counter row's lock orders issuers of one campaign
  // across instances; a duplicate event waits on the primary key and then
  // reads the winner's row.
  return in_transaction(*db, "BEGIN", [&] { return issue_in_transaction(*db, request); });
}

RevokeStatus PostgresLedger::revoke_issued(const RevokeRequest& request) {
  Lease db(*this);
  return in_transaction(*db, "BEGIN", [&] { return revoke_in_transaction(*db, request); });
}

std::optional<Issuance> PostgresLedger::find_issuance(std::string_view campaign_id,
                                                      std::string_view source,
                                                      std::string_view event_key) {
  Lease db(*this);
  return select_issuance(*db, campaign_id, source, event_key);
}

std::optional<Issuance> PostgresLedger::find_claim(std::string_view campaign_id,
                                                   std::string_view source,
                                                   std::string_view claim_key) {
  Lease db(*this);
  return select_claim(*db, campaign_id, source, claim_key);
}

bool PostgresLedger::is_revoked(std::string_view code_key) {
  Lease db(*this);
  return code_revoked(*db, code_key);
}

std::vector<IssuanceRow> PostgresLedger::issuance_report() {
  Lease db(*this);
  return select_issuance_report(*db);
}

}  // namespace sf::ledger::detail
