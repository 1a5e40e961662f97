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

bool PostgresConnection::healthy() const {
  return !broken_ && PQstatus(conn_.get()) == CONNECTION_OK;
}

void PostgresConnection::prepare(const Statement& statement) {
  if (prepared_.contains(&statement)) return;
  ResultPtr result(PQprepare(conn_.get(), statement.name, statement.sql, 0, nullptr));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    throw io_error("ledger " + quote(label_) + ": preparing " + statement.name + ": " +
                   trimmed(PQerrorMessage(conn_.get())));
  }
  prepared_.insert(&statement);
}

namespace {

// Everything travels as text; the server casts to the column types.
std::vector<std::string> as_text(std::span<const Param> params) {
  std::vector<std::string> out(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (const auto* text = std::get_if<std::string_view>(&params[i])) {
      out[i].assign(text->data() ? text->data() : "", text->size());
    } else {
      out[i] = std::to_string(std::get<std::int64_t>(params[i]));
    }
  }
  return out;
}

std::vector<Row> rows_of(const PGresult* result) {
  std::vector<Row> rows;
  const int count = PQntuples(result);
  const int columns = PQnfields(result);
  rows.reserve(static_cast<std::size_t>(count));
  for (int r = 0; r < count; ++r) {
    Row row(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(result, r, c)) continue;
      row[static_cast<std::size_t>(c)] =
          std::string(PQgetvalue(result, r, c), PQgetlength(result, r, c));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

struct TextParams {
  std::vector<const char*> values;
  std::vector<int> lengths;
  explicit TextParams(const std::vector<std::string>& params) {
    for (const std::string& p : params) {
      values.push_back(p.c_str());
      lengths.push_back(static_cast<int>(p.size()));
    }
  }
};

}  // namespace

std::vector<Row> PostgresConnection::query(const Statement& statement,
                                           std::span<const Param> params) {
  prepare(statement);
  Deferred current{&statement, {}, as_text(params)};
  if (!deferred_.empty()) return run_pipeline(current);
  TextParams text(current.params);
  ResultPtr result(PQexecPrepared(conn_.get(), statement.name,
                                  static_cast<int>(text.values.size()), text.values.data(),
                                  text.lengths.data(), nullptr, 0));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    throw io_error("ledger " + quote(label_) + ": " + statement.name + ": " +
                   trimmed(PQresultErrorMessage(result.get())));
  }
  return rows_of(result.get());
}

void PostgresConnection::execute(std::string_view sql) {
  if (!deferred_.empty()) {
    run_pipeline(Deferred{nullptr, std::string(sql), {}});
    return;
  }
  const std::string text(sql);
  ResultPtr result(PQexec(conn_.get(), text.c_str()));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw io_error("ledger " + quote(label_) + ": " +
                   trimmed(PQresultErrorMessage(result.get())));
  }
}

void PostgresConnection::query_deferred(const Statement& statement,
                                        std::span<const Param> params) {
  prepare(statement);
  deferred_.push_back(Deferred{&statement, {}, as_text(params)});
}

void PostgresConnection::execute_deferred(std::string_view sql) {
  deferred_.push_back(Deferred{nullptr, std::string(sql), {}});
}

// Sends the deferred statements and `last` in one pipeline (one round trip)
// and returns the rows of `last`. The first failure is thrown after the
// pipeline is drained; statements after it were skipped by the server.
std::vector<Row> PostgresConnection::run_pipeline(const Deferred& last) {
  std::vector<Deferred> batch;
  batch.swap(deferred_);
  batch.push_back(last);
  PGconn* conn = conn_.get();
  auto lost = [&](const std::string& what) {
    broken_ = true;  // state unknown: the pool drops this connection
    return io_error("ledger " + quote(label_) + ": " + what + ": " +
                    trimmed(PQerrorMessage(conn)));
  };
  if (PQenterPipelineMode(conn) != 1) throw lost("cannot pipeline");
  for (const Deferred& d : batch) {
    TextParams text(d.params);
    const int sent =
        d.statement
            ? PQsendQueryPrepared(conn, d.statement->name, static_cast<int>(text.values.size()),
                                  text.values.data(), text.lengths.data(), nullptr, 0)
            : PQsendQueryParams(conn, d.sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
    if (sent != 1) throw lost("sending a pipelined statement");
  }
  if (PQpipelineSync(conn) != 1) throw lost("ending a pipeline");

  std::string first_error;
  std::vector<Row> rows;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    while (PGresult* raw = PQgetResult(conn)) {
      ResultPtr result(raw);
      const auto status = PQresultStatus(raw);
      if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
        if (i + 1 == batch.size()) rows = rows_of(raw);
      } else if (status != PGRES_PIPELINE_ABORTED && first_error.empty()) {
        first_error = std::string(batch[i].statement ? batch[i].statement->name : batch[i].sql) +
                      ": " + trimmed(PQresultErrorMessage(raw));
      }
    }
    if (PQstatus(conn) != CONNECTION_OK) throw lost("connection lost in a pipeline");
  }
  ResultPtr sync(PQgetResult(conn));
  if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC || PQexitPipelineMode(conn) != 1) {
    throw lost("pipeline out of step");
  }
  if (!first_error.empty()) throw io_error("ledger " + quote(label_) + ": " + first_error);
  return rows;
}

}  // namespace sf::ledger::detail
