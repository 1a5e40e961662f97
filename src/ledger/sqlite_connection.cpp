#include "ledger/sqlite_connection.h"

#include <sqlite3.h>

#include <algorithm>
#include <system_error>

#include "base/error.h"
#include "base/text.h"

namespace sf::ledger::detail {
namespace {

// WITHOUT ROWID keeps each keyed table a single b-tree (one write per row).
// Single-use codes touch two random leaves per redemption (the use row and
// the idempotency key); the audit table is append-only and unindexed.
// Column names avoid SQL keywords ("trigger") so one statement text serves
// both databases.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS sf_code_uses (
  code_key TEXT PRIMARY KEY, uses INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sf_redemption_uses (
  code_key TEXT NOT NULL, use_number INTEGER NOT NULL, campaign_id TEXT NOT NULL,
  pack_id TEXT NOT NULL, trigger_kind TEXT NOT NULL, store TEXT NOT NULL,
  at_ms INTEGER NOT NULL, PRIMARY KEY (code_key, use_number)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sf_campaign_usage (
  campaign_id TEXT PRIMARY KEY, used INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sf_idempotency (
  store TEXT NOT NULL, idem_key TEXT NOT NULL, fingerprint TEXT NOT NULL,
  created_ms INTEGER NOT NULL, status TEXT, code_key TEXT, use_number INTEGER,
  PRIMARY KEY (store, idem_key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sf_idempotency_created ON sf_idempotency (created_ms);
CREATE TABLE IF NOT EXISTS sf_attempts (
  id INTEGER PRIMARY KEY, code_key TEXT NOT NULL, campaign_id TEXT NOT NULL,
  trigger_kind TEXT NOT NULL, store TEXT NOT NULL, client TEXT NOT NULL,
  outcome TEXT NOT NULL, at_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sf_online_serials (
  campaign_id TEXT PRIMARY KEY, next_index INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sf_issuances (
  campaign_id TEXT NOT NULL, source TEXT NOT NULL, event_key TEXT NOT NULL,
  email_hash TEXT NOT NULL, serial_index INTEGER NOT NULL, code_key TEXT NOT NULL,
  created_ms INTEGER NOT NULL, revoked_ms INTEGER NOT NULL, same_person INTEGER NOT NULL,
  claim_key TEXT NOT NULL, PRIMARY KEY (campaign_id, source, event_key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sf_issuances_claim ON sf_issuances (campaign_id, source, claim_key);
CREATE TABLE IF NOT EXISTS sf_issuance_emails (
  campaign_id TEXT NOT NULL, email_hash TEXT NOT NULL, source TEXT NOT NULL,
  event_key TEXT NOT NULL, PRIMARY KEY (campaign_id, email_hash)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sf_code_revocations (
  code_key TEXT PRIMARY KEY, reason TEXT NOT NULL, at_ms INTEGER NOT NULL) WITHOUT ROWID;
)sql";

// SQLite reads ?N as "parameter N", the same meaning as PostgreSQL's $N.
std::string to_sqlite_placeholders(std::string sql) {
  std::replace(sql.begin(), sql.end(), '$', '?');
  return sql;
}

}  // namespace

void SqliteConnection::StatementCloser::operator()(sqlite3_stmt* statement) const {
  sqlite3_finalize(statement);
}
void SqliteConnection::DbCloser::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

SqliteConnection::SqliteConnection(const std::filesystem::path& path, std::string label,
                                   Role role, bool create)
    : label_(std::move(label)) {
  std::error_code ec;
  if (!create && !std::filesystem::exists(path, ec)) {
    throw not_found("ledger " + quote(label_) + ": file " + quote(path.string()) +
                    " does not exist; expected a ledger the verifier has written");
  }
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create && role == Role::writer) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  db_.reset(raw);
  if (rc != SQLITE_OK) fail("cannot open " + quote(path.string()));
  sqlite3_extended_result_codes(raw, 1);
  // Readers wait for the writer's checkpoints rather than fail; the writer
  // waits for another process (e.g. a second verifier) holding the lock.
  sqlite3_busy_timeout(raw, 10000);
  // WAL lets readers run beside the writer; synchronous=FULL syncs the WAL at
  // every commit, so an acknowledged redemption survives power loss.
  // Small pages: a group commit writes every page it touched to the WAL, and
  // redemptions land on random leaves, so commit bytes (and fsync time)
  // scale with the page size. Measured in docs/benchmarks.md. Only takes
  // effect when the file is new.
  if (role == Role::writer) execute("PRAGMA page_size=1024");
  execute("PRAGMA journal_mode=WAL");
  execute("PRAGMA synchronous=FULL");
  if (role == Role::writer && create) {
    execute("BEGIN IMMEDIATE");
    execute(kSchema);
    execute("COMMIT");
  } else if (role == Role::writer) {
    // Opening an existing ledger must not turn some other SQLite file into one.
    static constexpr Statement kHasSchema{
        "has_schema", "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sf_redemption_uses'"};
    if (query(kHasSchema, {}).empty()) {
      throw bad_input("ledger " + quote(label_) + ": " + quote(path.string()) +
                      " is an SQLite file without the stickerforge ledger tables");
    }
  }
}

SqliteConnection::~SqliteConnection() = default;

[[noreturn]] void SqliteConnection::fail(std::string_view what) const {
  const char* message = db_ ? sqlite3_errmsg(db_.get()) : "out of memory";
  throw io_error("ledger " + quote(label_) + ": " + std::string(what) + ": " + message);
}

sqlite3_stmt* SqliteConnection::prepared(const Statement& statement) {
  auto found = cache_.find(&statement);
  if (found != cache_.end()) return found->second.get();
  const std::string sql = to_sqlite_placeholders(statement.sql);
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v3(db_.get(), sql.c_str(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK) {
    fail(std::string("preparing ") + statement.name);
  }
  cache_.emplace(&statement, StatementPtr(raw));
  return raw;
}

std::vector<Row> SqliteConnection::query(const Statement& statement,
                                         std::span<const Param> params) {
  sqlite3_stmt* st = prepared(statement);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    if (const auto* text = std::get_if<std::string_view>(&params[i])) {
      // A null data pointer would bind SQL NULL; "" must stay a string.
      sqlite3_bind_text(st, index, text->data() ? text->data() : "",
                        static_cast<int>(text->size()), SQLITE_STATIC);
    } else {
      sqlite3_bind_int64(st, index, std::get<std::int64_t>(params[i]));
    }
  }
  std::vector<Row> rows;
  const int columns = sqlite3_column_count(st);
  while (true) {
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      // errmsg first: reset would replace it with its own.
      std::string message = sqlite3_errmsg(db_.get());
      sqlite3_reset(st);
      throw io_error("ledger " + quote(label_) + ": " + statement.name + ": " + message);
    }
    Row row(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (sqlite3_column_type(st, c) == SQLITE_NULL) continue;
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
      row[static_cast<std::size_t>(c)] = std::string(text, sqlite3_column_bytes(st, c));
    }
    rows.push_back(std::move(row));
  }
  sqlite3_reset(st);
  return rows;
}

void SqliteConnection::execute(std::string_view sql) {
  const std::string text(sql);
  if (text.find(';') == std::string::npos) {
    // Transaction control runs several times per redemption: prepare it once.
    auto found = plain_cache_.find(text);
    if (found == plain_cache_.end()) {
      sqlite3_stmt* raw = nullptr;
      if (sqlite3_prepare_v3(db_.get(), text.c_str(), static_cast<int>(text.size()),
                             SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK) {
        fail(quote(text));
      }
      found = plain_cache_.emplace(text, StatementPtr(raw)).first;
    }
    sqlite3_stmt* st = found->second.get();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
      std::string message = sqlite3_errmsg(db_.get());
      sqlite3_reset(st);
      throw io_error("ledger " + quote(label_) + ": " + text + ": " + message);
    }
    sqlite3_reset(st);
    return;
  }
  char* message = nullptr;
  if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string detail = message ? message : sqlite3_errmsg(db_.get());
    sqlite3_free(message);
    throw io_error("ledger " + quote(label_) + ": " + detail);
  }
}

bool SqliteConnection::in_transaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }

void SqliteConnection::on_wal_commit(std::function<void(int)> hook) {
  execute("PRAGMA wal_autocheckpoint=0");
  wal_hook_ = std::move(hook);
  sqlite3_wal_hook(
      db_.get(),
      [](void* self, sqlite3*, const char*, int pages) {
        static_cast<SqliteConnection*>(self)->wal_hook_(pages);
        return SQLITE_OK;
      },
      this);
}

void SqliteConnection::checkpoint_passive() {
  if (sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                nullptr) != SQLITE_OK) {
    fail("checkpoint");
  }
}

}  // namespace sf::ledger::detail
