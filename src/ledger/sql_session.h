// ledger (internal): the little a redemption needs from a database
// connection, so the redeem algorithm is written once and runs unchanged on
// SQLite and PostgreSQL. Not part of the public interface.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sf::ledger::detail {

/// A bound parameter: text or a 64-bit integer.
using Param = std::variant<std::string_view, std::int64_t>;
/// A result column as text; nullopt for SQL NULL.
using Value = std::optional<std::string>;
using Row = std::vector<Value>;

/// One SQL statement written with PostgreSQL placeholders ($1, $2, ...).
/// Connections prepare it once and cache it by address, so statements are
/// static objects.
struct Statement {
  const char* name;  // for PostgreSQL's prepared statement name and messages
  const char* sql;
};

class SqlSession {
 public:
  virtual ~SqlSession() = default;
  /// Runs a cached prepared statement to completion and returns every row.
  /// Throws Error(io) with the database's message.
  virtual std::vector<Row> query(const Statement& statement, std::span<const Param> params) = 0;
  /// Runs plain SQL without parameters (BEGIN, SAVEPOINT, schema). Throws Error(io).
  virtual void execute(std::string_view sql) = 0;

  /// A statement whose rows nobody reads. A connection may hold it back and
  /// send it together with the next query or execute (PostgreSQL pipelines
  /// them: fewer round trips per redemption); its failure then surfaces
  /// there. By default it runs at once.
  virtual void query_deferred(const Statement& statement, std::span<const Param> params) {
    query(statement, params);
  }
  /// The same for plain SQL (BEGIN).
  virtual void execute_deferred(std::string_view sql) { execute(sql); }
};

/// Integer value of a column; throws Error(internal) when it is NULL or not a number.
std::int64_t to_int(const Value& value);
/// Text of a column, "" for NULL.
std::string to_text(const Value& value);

}  // namespace sf::ledger::detail
