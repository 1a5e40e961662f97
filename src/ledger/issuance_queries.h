// ledger (internal): the online issuance algorithm and its reads, written
// once against SqlSession like the redemption in queries.h. Callers own the
// transaction around them.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/issuance.h"
#include "ledger/sql_session.h"

namespace sf::ledger::detail {

/// Throws Error(bad_input) for a request no database should see.
void validate(const IssueRequest& request);

/// Issues inside the caller's open transaction (savepoint "sf_issue").
IssueOutcome issue_in_transaction(SqlSession& session, const IssueRequest& request);
std::optional<Issuance> select_issuance(SqlSession& session, std::string_view campaign_id,
                                        std::string_view source, std::string_view event_key);
std::optional<Issuance> select_claim(SqlSession& session, std::string_view campaign_id,
                                     std::string_view source, std::string_view claim_key);
RevokeStatus revoke_in_transaction(SqlSession& session, const RevokeRequest& request);
bool code_revoked(SqlSession& session, std::string_view code_key);
std::vector<IssuanceRow> select_issuance_report(SqlSession& session);

}  // namespace sf::ledger::detail
