// ledger (internal): one SQLite connection with a statement cache. The only
// place besides sqlite_connection.cpp that knows SQLite exists is this
// forward declaration.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "ledger/sql_session.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sf::ledger::detail {

class SqliteConnection final : public SqlSession {
 public:
  enum class Role { writer, reader };

  /// Opens `path` with WAL, synchronous=FULL and a busy timeout; the writer
  /// also creates the schema. `create` allows a missing file to be created.
  /// Throws Error(not_found) when the file is missing and `create` is false,
  /// Error(io) naming `label` (the ledger URL) when SQLite refuses it.
  SqliteConnection(const std::filesystem::path& path, std::string label, Role role, bool create);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  std::vector<Row> query(const Statement& statement, std::span<const Param> params) override;
  void execute(std::string_view sql) override;

  /// False when SQLite has ended the transaction itself (e.g. on disk full).
  bool in_transaction() const;

  /// Stops checkpointing inside commits and calls `hook` with the WAL's size
  /// in pages after each commit instead, so a background thread can
  /// checkpoint off the commit path. Writer only.
  void on_wal_commit(std::function<void(int wal_pages)> hook);
  /// Copies committed WAL frames into the database without blocking the
  /// writer or readers. Throws Error(io).
  void checkpoint_passive();

 private:
  struct StatementCloser {
    void operator()(sqlite3_stmt* statement) const;
  };
  using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementCloser>;
  struct DbCloser {
    void operator()(sqlite3* db) const;
  };

  sqlite3_stmt* prepared(const Statement& statement);
  [[noreturn]] void fail(std::string_view what) const;

  std::string label_;
  std::unique_ptr<sqlite3, DbCloser> db_;
  std::unordered_map<const Statement*, StatementPtr> cache_;
  std::unordered_map<std::string, StatementPtr> plain_cache_;  // BEGIN, SAVEPOINT, ...
  std::function<void(int)> wal_hook_;
};

}  // namespace sf::ledger::detail
