#include "ledger/issuance_queries.h"

#include <algorithm>
#include <tuple>

#include "base/error.h"
#include "base/text.h"
#include "ledger/queries.h"

namespace sf::ledger::detail {
namespace {

// One statement takes the next serial: the counter row's lock serialises
// issuers of one campaign (also across PostgreSQL instances) and the WHERE
// refuses a serial past the limit. The event row is inserted after it; a
// duplicate event conflicts on the primary key and its savepoint is rolled
// back, returning the serial it had taken.
constexpr Statement kTakeSerial{
    "take_online_serial",
    "INSERT INTO sf_online_serials (campaign_id, next_index) VALUES ($1, 1) "
    "ON CONFLICT (campaign_id) DO UPDATE SET next_index = sf_online_serials.next_index + 1 "
    "WHERE sf_online_serials.next_index < $2 RETURNING next_index"};
constexpr Statement kInsertIssuance{
    "insert_issuance",
    "INSERT INTO sf_issuances (campaign_id, source, event_key, email_hash, serial_index, "
    "code_key, created_ms, revoked_ms, same_person, claim_key) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9) "
    "ON CONFLICT (campaign_id, source, event_key) DO NOTHING RETURNING created_ms"};
constexpr Statement kSelectIssuance{
    "select_issuance",
    "SELECT campaign_id, source, event_key, email_hash, code_key, serial_index, created_ms, "
    "revoked_ms, same_person, claim_key FROM sf_issuances "
    "WHERE campaign_id = $1 AND source = $2 AND event_key = $3"};
constexpr Statement kSelectClaim{
    "select_issuance_claim",
    "SELECT campaign_id, source, event_key, email_hash, code_key, serial_index, created_ms, "
    "revoked_ms, same_person, claim_key FROM sf_issuances "
    "WHERE campaign_id = $1 AND source = $2 AND claim_key = $3 AND claim_key <> '' LIMIT 1"};
constexpr Statement kClaimEmail{
    "claim_issuance_email",
    "INSERT INTO sf_issuance_emails (campaign_id, email_hash, source, event_key) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT (campaign_id, email_hash) DO NOTHING RETURNING 1"};
constexpr Statement kSelectEmail{
    "select_issuance_email",
    "SELECT source, event_key FROM sf_issuance_emails WHERE campaign_id = $1 AND email_hash = $2"};
constexpr Statement kHasUse{
    "code_has_use", "SELECT 1 FROM sf_redemption_uses WHERE code_key = $1 LIMIT 1"};
constexpr Statement kInsertRevocation{
    "insert_code_revocation",
    "INSERT INTO sf_code_revocations (code_key, reason, at_ms) VALUES ($1, $2, $3) "
    "ON CONFLICT (code_key) DO NOTHING"};
constexpr Statement kMarkRevoked{
    "mark_issuance_revoked",
    "UPDATE sf_issuances SET revoked_ms = $4 "
    "WHERE campaign_id = $1 AND source = $2 AND event_key = $3"};
constexpr Statement kCodeRevoked{
    "code_revoked", "SELECT 1 FROM sf_code_revocations WHERE code_key = $1"};
constexpr Statement kIssuanceReport{
    "issuance_report",
    "SELECT i.campaign_id, i.source, i.created_ms / 86400000, count(*), "
    "sum(CASE WHEN i.revoked_ms > 0 THEN 1 ELSE 0 END), "
    "sum(CASE WHEN EXISTS (SELECT 1 FROM sf_redemption_uses u WHERE u.code_key = i.code_key "
    "AND u.use_number = 1) THEN 1 ELSE 0 END) "
    "FROM sf_issuances i WHERE i.same_person = 0 "
    "GROUP BY i.campaign_id, i.source, i.created_ms / 86400000"};

Issuance to_issuance(const Row& row) {
  Issuance i;
  i.campaign_id = to_text(row.at(0));
  i.source = to_text(row.at(1));
  i.event_key = to_text(row.at(2));
  i.email_hash = to_text(row.at(3));
  i.code_key = to_text(row.at(4));
  i.serial_index = to_int(row.at(5));
  i.created_ms = to_int(row.at(6));
  i.revoked_ms = to_int(row.at(7));
  i.same_person = to_int(row.at(8)) != 0;
  i.claim_key = to_text(row.at(9));
  return i;
}

Issuance must_select(SqlSession& session, std::string_view campaign, std::string_view source,
                     std::string_view event) {
  auto found = select_issuance(session, campaign, source, event);
  if (!found)
    throw internal_error("ledger: issuance of " + quote(event) + " is missing from sf_issuances");
  return *found;
}

std::int64_t total_of(const std::vector<SerialBlock>& blocks) {
  std::int64_t total = 0;
  for (const SerialBlock& b : blocks) total += b.count;
  return total;
}

std::string code_key_at(const std::vector<SerialBlock>& blocks, std::int64_t index) {
  for (const SerialBlock& b : blocks) {
    if (index < b.count) return b.key_prefix + std::to_string(b.first + index);
    index -= b.count;
  }
  throw internal_error("ledger: online serial " + std::to_string(index) + " is past the blocks");
}

void check_length(std::string_view field, std::string_view value) {
  if (value.size() > 255)
    throw bad_input("issue request: " + std::string(field) + " is " +
                    std::to_string(value.size()) + " bytes; expected at most 255");
}

}  // namespace

void validate(const IssueRequest& r) {
  if (r.campaign_id.empty() || r.source.empty() || r.event_key.empty())
    throw bad_input("issue request: campaign, source and event key must not be empty");
  check_length("campaign", r.campaign_id);
  check_length("source", r.source);
  check_length("event key", r.event_key);
  check_length("e-mail hash", r.email_hash);
  check_length("claim key", r.claim_key);
  if (r.blocks.empty() || total_of(r.blocks) <= 0)
    throw bad_input("issue request: campaign " + quote(r.campaign_id) +
                    " has no online serials; reserve some with 'codes reserve-online'");
  if (r.limit < 0) throw bad_input("issue request: limit is negative");
}

IssueOutcome issue_in_transaction(SqlSession& session, const IssueRequest& r) {
  IssueOutcome out;
  if (auto found = select_issuance(session, r.campaign_id, r.source, r.event_key)) {
    // Retries and duplicates (the common repeat) cost one read.
    out.status = IssueStatus::existing;
    out.issuance = *found;
    return out;
  }
  const std::int64_t total = total_of(r.blocks);
  const std::int64_t limit = r.limit > 0 ? std::min(r.limit, total) : total;
  const bool by_person = r.one_per_email && !r.email_hash.empty();
  session.execute("SAVEPOINT sf_issue");
  {
    const Param take[] = {r.campaign_id, limit};
    auto taken = session.query(kTakeSerial, take);
    if (taken.empty()) {
      session.execute("ROLLBACK TO SAVEPOINT sf_issue");
      session.execute("RELEASE SAVEPOINT sf_issue");
      out.status = IssueStatus::exhausted;
      return out;
    }
    Issuance& i = out.issuance;
    i = Issuance{r.campaign_id, r.source, r.event_key, r.email_hash, r.claim_key, "",
                 to_int(taken.front().at(0)) - 1, r.now_unix_ms, 0, false};
    i.code_key = code_key_at(r.blocks, i.serial_index);
    const Param row[] = {i.campaign_id,  i.source,   i.event_key,  i.email_hash, i.serial_index,
                         i.code_key,     i.created_ms, std::int64_t{0}, i.claim_key};
    bool claimed = !session.query(kInsertIssuance, row).empty();
    bool person_free = true;
    if (claimed && by_person) {
      const Param email[] = {r.campaign_id, r.email_hash, r.source, r.event_key};
      person_free = !session.query(kClaimEmail, email).empty();
    }
    if (claimed && person_free) {
      session.execute("RELEASE SAVEPOINT sf_issue");
      out.status = IssueStatus::issued;
      return out;
    }
    // A duplicate that raced us (PostgreSQL), or a person holding a code:
    // give back the serial and answer the existing code.
    session.execute("ROLLBACK TO SAVEPOINT sf_issue");
    session.execute("RELEASE SAVEPOINT sf_issue");
  }
  if (auto found = select_issuance(session, r.campaign_id, r.source, r.event_key)) {
    out.status = IssueStatus::existing;
    out.issuance = *found;
    return out;
  }
  const Param email[] = {r.campaign_id, r.email_hash};
  auto person = session.query(kSelectEmail, email);
  if (person.empty()) throw internal_error("ledger: issuance e-mail claim vanished");
  Issuance earlier = must_select(session, r.campaign_id, to_text(person.front().at(0)),
                                 to_text(person.front().at(1)));
  Issuance& i = out.issuance;
  i = Issuance{r.campaign_id,      r.source,              r.event_key,   r.email_hash, r.claim_key,
               earlier.code_key,   earlier.serial_index, r.now_unix_ms, 0,            true};
  const Param row[] = {i.campaign_id, i.source,     i.event_key,     i.email_hash, i.serial_index,
                       i.code_key,    i.created_ms, std::int64_t{1}, i.claim_key};
  if (session.query(kInsertIssuance, row).empty()) {
    out.status = IssueStatus::existing;
    out.issuance = must_select(session, r.campaign_id, r.source, r.event_key);
    return out;
  }
  out.status = IssueStatus::same_person;
  return out;
}

std::optional<Issuance> select_issuance(SqlSession& session, std::string_view campaign_id,
                                        std::string_view source, std::string_view event_key) {
  const Param key[] = {campaign_id, source, event_key};
  auto rows = session.query(kSelectIssuance, key);
  if (rows.empty()) return std::nullopt;
  return to_issuance(rows.front());
}

std::optional<Issuance> select_claim(SqlSession& session, std::string_view campaign_id,
                                     std::string_view source, std::string_view claim_key) {
  const Param key[] = {campaign_id, source, claim_key};
  auto rows = session.query(kSelectClaim, key);
  if (rows.empty()) return std::nullopt;
  return to_issuance(rows.front());
}

RevokeStatus revoke_in_transaction(SqlSession& session, const RevokeRequest& r) {
  auto found = select_issuance(session, r.campaign_id, r.source, r.event_key);
  if (!found) return RevokeStatus::not_found;
  if (found->revoked_ms > 0) return RevokeStatus::already_revoked;
  if (found->same_person) return RevokeStatus::shared;
  const Param code[] = {found->code_key};
  if (!session.query(kHasUse, code).empty()) return RevokeStatus::already_redeemed;
  const Param revocation[] = {found->code_key, r.reason, r.now_unix_ms};
  session.query(kInsertRevocation, revocation);
  const Param mark[] = {r.campaign_id, r.source, r.event_key, std::max<std::int64_t>(1, r.now_unix_ms)};
  session.query(kMarkRevoked, mark);
  return RevokeStatus::revoked;
}

bool code_revoked(SqlSession& session, std::string_view code_key) {
  const Param code[] = {code_key};
  return !session.query(kCodeRevoked, code).empty();
}

std::vector<IssuanceRow> select_issuance_report(SqlSession& session) {
  std::vector<IssuanceRow> out;
  for (const Row& row : session.query(kIssuanceReport, {})) {
    out.push_back(IssuanceRow{to_text(row.at(0)), to_text(row.at(1)),
                              format_day(to_int(row.at(2))), to_int(row.at(3)),
                              to_int(row.at(4)), to_int(row.at(5))});
  }
  std::sort(out.begin(), out.end(), [](const IssuanceRow& a, const IssuanceRow& b) {
    return std::tie(a.campaign_id, a.source, a.day) < std::tie(b.campaign_id, b.source, b.day);
  });
  return out;
}

}  // namespace sf::ledger::detail
