// ledger (internal): one libpq connection with prepared statements cached
// per connection.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>

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

  /// False once the server connection is lost; the pool then drops it.
  bool healthy() const;

 private:
  struct Closer {
    void operator()(pg_conn* conn) const;
  };

  std::string label_;
  std::unique_ptr<pg_conn, Closer> conn_;
  std::unordered_set<const Statement*> prepared_;
};

}  // namespace sf::ledger::detail
