#include "ledger/postgres_connection.h"

#include <libpq-fe.h>

#include "base/error.h"
#include "base/text.h"

namespace sf::ledger::detail {
namespace {

// libpq messages end with a newline; ours are one line.
std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return text;
}

struct ResultCloser {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultCloser>;

}  // namespace

void PostgresConnection::Closer::operator()(pg_conn* conn) const { PQfinish(conn); }

PostgresConnection::PostgresConnection(const std::string& url, std::string label)
    : label_(std::move(label)), conn_(PQconnectdb(url.c_str())) {
  if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
    throw io_error("ledger " + quote(label_) + ": cannot connect: " +
                   trimmed(conn_ ? PQerrorMessage(conn_.get()) : "out of memory"));
  }
  // Schema creation's "already exists, skipping" notices are not for users.
  PQsetNoticeProcessor(conn_.get(), [](void*, const char*) {}, nullptr);
}

PostgresConnection::~PostgresConnection() = default;

bool PostgresConnection::healthy() const { return PQstatus(conn_.get()) == CONNECTION_OK; }

std::vector<Row> PostgresConnection::query(const Statement& statement,
                                           std::span<const Param> params) {
  if (!prepared_.contains(&statement)) {
    ResultPtr result(PQprepare(conn_.get(), statement.name, statement.sql, 0, nullptr));
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
      throw io_error("ledger " + quote(label_) + ": preparing " + statement.name + ": " +
                     trimmed(PQerrorMessage(conn_.get())));
    }
    prepared_.insert(&statement);
  }
  // Everything travels as text; the server casts to the column types.
  std::vector<std::string> numbers(params.size());
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (const auto* text = std::get_if<std::string_view>(&params[i])) {
      numbers[i].assign(text->data() ? text->data() : "", text->size());
    } else {
      numbers[i] = std::to_string(std::get<std::int64_t>(params[i]));
    }
    values[i] = numbers[i].c_str();
    lengths[i] = static_cast<int>(numbers[i].size());
  }
  ResultPtr result(PQexecPrepared(conn_.get(), statement.name, static_cast<int>(params.size()),
                                  values.data(), lengths.data(), nullptr, 0));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    throw io_error("ledger " + quote(label_) + ": " + statement.name + ": " +
                   trimmed(PQresultErrorMessage(result.get())));
  }
  std::vector<Row> rows;
  const int count = PQntuples(result.get());
  const int columns = PQnfields(result.get());
  rows.reserve(static_cast<std::size_t>(count));
  for (int r = 0; r < count; ++r) {
    Row row(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(result.get(), r, c)) continue;
      row[static_cast<std::size_t>(c)] =
          std::string(PQgetvalue(result.get(), r, c), PQgetlength(result.get(), r, c));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void PostgresConnection::execute(std::string_view sql) {
  const std::string text(sql);
  ResultPtr result(PQexec(conn_.get(), text.c_str()));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw io_error("ledger " + quote(label_) + ": " +
                   trimmed(PQresultErrorMessage(result.get())));
  }
}

}  // namespace sf::ledger::detail
