#include "ledger/queries.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <tuple>

#include "base/error.h"
#include "base/text.h"

namespace sf::ledger::detail {
namespace {

// Every statement is written once, with PostgreSQL placeholders; the SQLite
// connection rewrites $N to ?N. Both databases implement ON CONFLICT and
// RETURNING (SQLite since 3.35), which is what makes single use a decision
// of the database rather than of our code.

constexpr Statement kClaimIdempotency{
    "claim_idempotency",
    "INSERT INTO sf_idempotency (store, idem_key, fingerprint, created_ms) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT (store, idem_key) DO NOTHING RETURNING created_ms"};
constexpr Statement kSelectIdempotency{
    "select_idempotency",
    "SELECT fingerprint, status, code_key, use_number FROM sf_idempotency "
    "WHERE store = $1 AND idem_key = $2"};
constexpr Statement kAnswerIdempotency{
    "answer_idempotency",
    "UPDATE sf_idempotency SET status = $3, code_key = $4, use_number = $5 "
    "WHERE store = $1 AND idem_key = $2"};
// Single use: the use row's primary key (code_key, use_number) arbitrates;
// no row back means someone else won.
constexpr Statement kInsertFirstUse{
    "insert_first_use",
    "INSERT INTO sf_redemption_uses "
    "(code_key, use_number, campaign_id, pack_id, trigger_kind, store, at_ms) "
    "VALUES ($1, 1, $2, $3, $4, $5, $6) ON CONFLICT (code_key, use_number) DO NOTHING "
    "RETURNING use_number"};
// Several uses: a counter row per code, started from the uses already
// recorded (the campaign may have allowed one use before), then one
// conditional UPDATE whose row lock serialises racers and whose WHERE
// refuses the use past the limit.
constexpr Statement kSeedCodeUses{
    "seed_code_uses",
    "INSERT INTO sf_code_uses (code_key, uses) "
    "SELECT CAST($1 AS TEXT), count(*) FROM sf_redemption_uses WHERE code_key = $1 "
    "ON CONFLICT (code_key) DO NOTHING"};
constexpr Statement kTakeCodeUse{
    "take_code_use",
    "UPDATE sf_code_uses SET uses = uses + 1 WHERE code_key = $1 AND uses < $2 RETURNING uses"};
// The cap counter exists only for capped campaigns; it starts from the uses
// already recorded, so a cap added later still counts earlier redemptions.
constexpr Statement kSeedCampaignUsage{
    "seed_campaign_usage",
    "INSERT INTO sf_campaign_usage (campaign_id, used) "
    "SELECT CAST($1 AS TEXT), count(*) FROM sf_redemption_uses WHERE campaign_id = $1 "
    "ON CONFLICT (campaign_id) DO NOTHING"};
// The seed scans every use, so it runs only while the counter is missing
// (a race between two seeders is settled by ON CONFLICT).
constexpr Statement kHasCampaignUsage{
    "has_campaign_usage", "SELECT 1 FROM sf_campaign_usage WHERE campaign_id = $1"};
constexpr Statement kTakeCampaignSlot{
    "take_campaign_slot",
    "UPDATE sf_campaign_usage SET used = used + 1 WHERE campaign_id = $1 AND used < $2 "
    "RETURNING used"};
constexpr Statement kInsertUseRow{
    "insert_use_row",
    "INSERT INTO sf_redemption_uses "
    "(code_key, use_number, campaign_id, pack_id, trigger_kind, store, at_ms) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr Statement kSelectUse{
    "select_use",
    "SELECT code_key, use_number, campaign_id, pack_id, trigger_kind, store, at_ms "
    "FROM sf_redemption_uses WHERE code_key = $1 AND use_number = $2"};
constexpr Statement kSelectLatestUse{
    "select_latest_use",
    "SELECT code_key, use_number, campaign_id, pack_id, trigger_kind, store, at_ms "
    "FROM sf_redemption_uses WHERE code_key = $1 ORDER BY use_number DESC LIMIT 1"};
constexpr Statement kInsertAttempt{
    "insert_attempt",
    "INSERT INTO sf_attempts (code_key, campaign_id, trigger_kind, store, client, outcome, at_ms) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr Statement kSelectAttempts{
    "select_attempts",
    "SELECT code_key, campaign_id, trigger_kind, store, client, outcome, at_ms "
    "FROM sf_attempts WHERE code_key = $1 ORDER BY id"};
constexpr Statement kReportUses{
    "report_uses",
    "SELECT campaign_id, trigger_kind, store, at_ms / 86400000, count(*), "
    "sum(CASE WHEN use_number = 1 THEN 1 ELSE 0 END) "
    "FROM sf_redemption_uses GROUP BY campaign_id, trigger_kind, store, at_ms / 86400000"};
constexpr Statement kReportAttempts{
    "report_attempts",
    "SELECT campaign_id, trigger_kind, store, at_ms / 86400000, count(*), "
    "sum(CASE WHEN outcome IN ('redeemed', 'replayed') THEN 0 ELSE 1 END) "
    "FROM sf_attempts GROUP BY campaign_id, trigger_kind, store, at_ms / 86400000"};
constexpr Statement kPruneIdempotency{
    "prune_idempotency", "DELETE FROM sf_idempotency WHERE created_ms < $1 RETURNING 1"};

constexpr std::size_t kMaxKeyBytes = 255;  // Stripe's idempotency key limit; plenty for code keys

Redemption to_redemption(const Row& row) {
  Redemption r;
  r.code_key = to_text(row.at(0));
  r.use_number = static_cast<int>(to_int(row.at(1)));
  r.campaign_id = to_text(row.at(2));
  r.pack_id = to_text(row.at(3));
  r.trigger = to_text(row.at(4));
  r.store = to_text(row.at(5));
  r.at_unix_ms = to_int(row.at(6));
  return r;
}

std::optional<RedeemStatus> status_from_text(std::string_view text) {
  for (RedeemStatus s : {RedeemStatus::redeemed, RedeemStatus::already_redeemed,
                         RedeemStatus::cap_reached, RedeemStatus::idempotency_conflict,
                         RedeemStatus::revoked}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

Redemption select_use(SqlSession& session, std::string_view code_key, std::int64_t use_number) {
  const Param params[] = {code_key, use_number};
  auto rows = session.query(kSelectUse, params);
  if (rows.empty()) {
    throw internal_error("ledger: use " + std::to_string(use_number) + " of code " +
                         quote(code_key) + " is missing from sf_redemption_uses");
  }
  return to_redemption(rows.front());
}

// The answer stored under an idempotency key, as the first request got it.
RedeemOutcome stored_answer(SqlSession& session, const Row& row) {
  RedeemOutcome out;
  auto status = status_from_text(to_text(row.at(1)));
  if (!status) throw internal_error("ledger: idempotency record has no answer");
  out.status = *status;
  out.replayed = true;
  const std::string code_key = to_text(row.at(2));
  const std::int64_t use_number = row.at(3) ? to_int(row.at(3)) : 0;
  if (!code_key.empty() && use_number > 0) out.redemption = select_use(session, code_key, use_number);
  return out;
}

void audit(SqlSession& session, const RedeemRequest& request, std::string_view outcome) {
  insert_attempt(session, Attempt{request.code_key, request.campaign_id, request.trigger,
                                  request.store, request.client, std::string(outcome),
                                  request.now_unix_ms});
}

// Takes one use of the code, or says why not. With a campaign cap it runs
// inside savepoint sf_use, so a refused cap undoes the use it had taken.
RedeemOutcome take_use(SqlSession& session, const RedeemRequest& request) {
  RedeemOutcome out;
  if (request.revocable) {
    static constexpr Statement kRevoked{
        "redeem_code_revoked", "SELECT 1 FROM sf_code_revocations WHERE code_key = $1"};
    const Param code[] = {request.code_key};
    if (!session.query(kRevoked, code).empty()) {
      out.status = RedeemStatus::revoked;
      return out;
    }
  }
  const bool capped = request.campaign_cap > 0;
  if (capped) {
    session.execute("SAVEPOINT sf_use");
    // Seed before this use exists, so the count is of earlier uses only.
    const Param campaign[] = {request.campaign_id};
    if (session.query(kHasCampaignUsage, campaign).empty()) {
      session.query(kSeedCampaignUsage, campaign);
    }
  }
  std::vector<Row> won;
  if (request.uses_allowed == 1) {
    const Param params[] = {request.code_key, request.campaign_id, request.pack_id,
                            request.trigger,  request.store,       request.now_unix_ms};
    won = session.query(kInsertFirstUse, params);
  } else {
    const Param seed[] = {request.code_key};
    session.query(kSeedCodeUses, seed);
    const Param take[] = {request.code_key, std::int64_t{request.uses_allowed}};
    won = session.query(kTakeCodeUse, take);
  }
  if (won.empty()) {
    if (capped) session.execute("RELEASE SAVEPOINT sf_use");
    out.status = RedeemStatus::already_redeemed;
    if (auto latest = find_latest_use(session, request.code_key)) out.redemption = *latest;
    return out;
  }
  if (capped) {
    const Param take[] = {request.campaign_id, request.campaign_cap};
    if (session.query(kTakeCampaignSlot, take).empty()) {
      session.execute("ROLLBACK TO SAVEPOINT sf_use");
      session.execute("RELEASE SAVEPOINT sf_use");
      out.status = RedeemStatus::cap_reached;
      return out;
    }
  }
  Redemption& r = out.redemption;
  r = Redemption{request.code_key, request.campaign_id, request.pack_id, request.trigger,
                 request.store, static_cast<int>(to_int(won.front().at(0))),
                 request.now_unix_ms};
  if (request.uses_allowed > 1) {
    const Param use[] = {r.code_key, std::int64_t{r.use_number}, r.campaign_id, r.pack_id,
                         r.trigger, r.store, r.at_unix_ms};
    session.query(kInsertUseRow, use);
  }
  if (capped) session.execute("RELEASE SAVEPOINT sf_use");
  out.status = RedeemStatus::redeemed;
  return out;
}

void check_length(std::string_view field, std::string_view value, std::size_t max_bytes) {
  if (value.size() > max_bytes) {
    throw bad_input("redeem request: " + std::string(field) + " is " +
                    std::to_string(value.size()) + " bytes; expected at most " +
                    std::to_string(max_bytes));
  }
}

}  // namespace

std::int64_t to_int(const Value& value) {
  if (!value) throw internal_error("ledger: expected a number, got NULL");
  try {
    std::size_t used = 0;
    std::int64_t n = std::stoll(*value, &used);
    if (used == value->size()) return n;
  } catch (const std::exception&) {
  }
  throw internal_error("ledger: expected a number, got " + quote(*value));
}

std::string to_text(const Value& value) { return value ? *value : std::string(); }

void validate(const RedeemRequest& request) {
  if (request.code_key.empty()) {
    throw bad_input("redeem request: code key is empty; expected the code's ledger key");
  }
  check_length("code key", request.code_key, kMaxKeyBytes);
  check_length("idempotency key", request.idempotency_key, kMaxKeyBytes);
  check_length("request fingerprint", request.request_fingerprint, 1024);
  for (std::string_view field : {std::string_view(request.campaign_id), std::string_view(request.pack_id),
                                 std::string_view(request.trigger), std::string_view(request.store),
                                 std::string_view(request.client)}) {
    check_length("text field", field, 1024);
  }
  if (request.uses_allowed < 1) {
    throw bad_input("redeem request: uses allowed is " + std::to_string(request.uses_allowed) +
                    "; expected 1 or more");
  }
  if (request.campaign_cap < 0) {
    throw bad_input("redeem request: campaign cap is " + std::to_string(request.campaign_cap) +
                    "; expected 0 (no cap) or more");
  }
}

RedeemOutcome redeem_in_transaction(SqlSession& session, const RedeemRequest& request) {
  const bool idempotent = !request.idempotency_key.empty();
  if (idempotent) {
    // Claim the key first: a concurrent request with the same key waits on
    // this row (PostgreSQL) or runs after us (SQLite's single writer), then
    // reads our answer.
    const Param claim[] = {request.store, request.idempotency_key, request.request_fingerprint,
                           request.now_unix_ms};
    if (session.query(kClaimIdempotency, claim).empty()) {
      const Param key[] = {request.store, request.idempotency_key};
      auto rows = session.query(kSelectIdempotency, key);
      if (rows.empty()) throw internal_error("ledger: idempotency record vanished");
      if (to_text(rows.front().at(0)) != request.request_fingerprint) {
        audit(session, request, to_string(RedeemStatus::idempotency_conflict));
        return RedeemOutcome{RedeemStatus::idempotency_conflict, false, {}};
      }
      RedeemOutcome replay = stored_answer(session, rows.front());
      audit(session, request, "replayed");
      return replay;
    }
  }
  RedeemOutcome out = take_use(session, request);
  if (idempotent) {
    const bool has_use = !out.redemption.code_key.empty();
    const Param answer[] = {
        request.store,
        request.idempotency_key,
        to_string(out.status),
        has_use ? Param{std::string_view(out.redemption.code_key)} : Param{std::string_view()},
        std::int64_t{has_use ? out.redemption.use_number : 0}};
    session.query_deferred(kAnswerIdempotency, answer);
  }
  audit(session, request, to_string(out.status));
  return out;
}

void insert_attempt(SqlSession& session, const Attempt& a) {
  const Param params[] = {a.code_key, a.campaign_id, a.trigger, a.store,
                          a.client,   a.outcome,     a.at_unix_ms};
  // Nothing reads its result: it may travel with the COMMIT.
  session.query_deferred(kInsertAttempt, params);
}

std::optional<Redemption> find_latest_use(SqlSession& session, std::string_view code_key) {
  const Param params[] = {code_key};
  auto rows = session.query(kSelectLatestUse, params);
  if (rows.empty()) return std::nullopt;
  return to_redemption(rows.front());
}

std::vector<Attempt> select_attempts(SqlSession& session, std::string_view code_key) {
  const Param params[] = {code_key};
  std::vector<Attempt> out;
  for (const Row& row : session.query(kSelectAttempts, params)) {
    out.push_back(Attempt{to_text(row.at(0)), to_text(row.at(1)), to_text(row.at(2)),
                          to_text(row.at(3)), to_text(row.at(4)), to_text(row.at(5)),
                          to_int(row.at(6))});
  }
  return out;
}

std::vector<ReportRow> select_report(SqlSession& session) {
  // Merge the two groupings in a sorted map: a day can have attempts and no
  // redemption, or (for rows written before auditing) the other way round.
  using Key = std::tuple<std::string, std::string, std::string, std::int64_t>;
  std::map<Key, ReportRow> rows;
  auto row_for = [&](const Row& r) -> ReportRow& {
    Key key{to_text(r.at(0)), to_text(r.at(1)), to_text(r.at(2)), to_int(r.at(3))};
    ReportRow& row = rows[key];
    row.campaign_id = std::get<0>(key);
    row.trigger = std::get<1>(key);
    row.store = std::get<2>(key);
    row.day = format_day(std::get<3>(key));
    return row;
  };
  for (const Row& r : session.query(kReportUses, {})) {
    ReportRow& row = row_for(r);
    row.redeemed = to_int(r.at(4));
    row.codes_redeemed = to_int(r.at(5));
  }
  for (const Row& r : session.query(kReportAttempts, {})) {
    ReportRow& row = row_for(r);
    row.attempts = to_int(r.at(4));
    row.failed_attempts = to_int(r.at(5));
  }
  std::vector<ReportRow> out;
  out.reserve(rows.size());
  for (auto& [key, row] : rows) out.push_back(std::move(row));
  return out;
}

std::int64_t delete_idempotency_before(SqlSession& session, std::int64_t before_unix_ms) {
  const Param params[] = {before_unix_ms};
  return static_cast<std::int64_t>(session.query(kPruneIdempotency, params).size());
}

std::string format_day(std::int64_t days_since_epoch) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{days{days_since_epoch}}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

}  // namespace sf::ledger::detail
