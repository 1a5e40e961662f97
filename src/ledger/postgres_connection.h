// ledger (internal): one libpq connection with prepared statements cached
// per connection.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "ledger/sql_session.h"

struct pg_conn;

namespace sf::ledger::detail {

class PostgresConnection final : public SqlSession {
 public:
  /// Connects; throws Error(io) naming `label` (the URL without password)
  /// and libpq's reason.
  PostgresConnection(const std::string& url, std::string label);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  std::vector<Row> query(const Statement& statement, std::span<const Param> params) override;
  void execute(std::string_view sql) override;

  /// Held back and pipelined with the next query/execute: the statements of
  /// a redemption that return nothing travel with the COMMIT.
  void query_deferred(const Statement& statement, std::span<const Param> params) override;
  void execute_deferred(std::string_view sql) override;
  /// Forgets deferred statements (before a ROLLBACK).
  void discard_deferred() { deferred_.clear(); }

  /// False once the server connection is lost (or a pipeline went wrong);
  /// the pool then drops it.
  bool healthy() const;

 private:
  struct Closer {
    void operator()(pg_conn* conn) const;
  };

  // A statement waiting to be pipelined: a prepared one with its parameters
  // as text, or plain SQL (statement == nullptr).
  struct Deferred {
    const Statement* statement;
    std::string sql;
    std::vector<std::string> params;
  };

  void prepare(const Statement& statement);
  std::vector<Row> run_pipeline(const Deferred& last);

  std::string label_;
  std::unique_ptr<pg_conn, Closer> conn_;
  std::unordered_set<const Statement*> prepared_;
  std::vector<Deferred> deferred_;
  bool broken_ = false;
};

}  // namespace sf::ledger::detail
