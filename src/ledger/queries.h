// ledger (internal): the redemption algorithm and the read queries, written
// once against SqlSession. Callers own the transaction around them.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/ledger.h"
#include "ledger/sql_session.h"

namespace sf::ledger::detail {

/// Throws Error(bad_input) for a request no database should see (empty
/// code key, uses_allowed < 1, negative cap, oversized fields).
void validate(const RedeemRequest& request);

/// Redeems inside the caller's open transaction: idempotency claim, one
/// conditional INSERT/UPSERT on the code, campaign cap, the use row, the
/// idempotency answer and the audit row. Uses savepoint "sf_use". Throws
/// Error(io) on database failure; the caller then rolls back its part.
RedeemOutcome redeem_in_transaction(SqlSession& session, const RedeemRequest& request);

/// Inserts one audit row (inside whatever transaction is open).
void insert_attempt(SqlSession& session, const Attempt& attempt);

std::optional<Redemption> find_latest_use(SqlSession& session, std::string_view code_key);
std::vector<Attempt> select_attempts(SqlSession& session, std::string_view code_key);
std::vector<ReportRow> select_report(SqlSession& session);
std::int64_t delete_idempotency_before(SqlSession& session, std::int64_t before_unix_ms);

/// "2026-11-29" for a count of days since 1970-01-01 (UTC).
std::string format_day(std::int64_t days_since_epoch);

}  // namespace sf::ledger::detail
