// ledger: presentation of `stickerforge report`: per-campaign totals (with
// issued counts when the caller knows them) and per campaign/trigger/store/
// day rows, as an aligned text table or CSV.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "ledger/ledger.h"

namespace sf::ledger {

/// What the campaigns file (and revocation list) say about a campaign.
struct CampaignFacts {
  std::string campaign_id, trigger;
  std::int64_t issued = 0;
  std::optional<std::int64_t> revoked;  // issued codes revoked; nullopt = list not given
  std::int64_t cap = 0;                 // redemptions allowed; 0 = none
};

/// One campaign's totals over every store and day.
struct CampaignTotals {
  std::string campaign_id, trigger;
  std::optional<std::int64_t> issued;  // from the campaigns file; nullopt when not given
  std::int64_t codes_redeemed = 0;     // codes redeemed at least once
  std::int64_t redeemed = 0;           // uses (a two-use code redeemed twice counts 2)
  std::int64_t attempts = 0, failed_attempts = 0;
  std::optional<std::int64_t> revoked;   // issued codes revoked
  std::optional<std::int64_t> cap_left;  // redemptions the cap still allows; nullopt = no cap
};

/// Sums `rows` per campaign and adds campaigns known only from `facts`
/// (issued codes, none redeemed yet). Never throws.
std::vector<CampaignTotals> campaign_totals(std::span<const ReportRow> rows,
                                            std::span<const CampaignFacts> facts);

/// Both tables as aligned text; "(anonymous)" for the empty store and
/// "(unparsed)" for attempts whose code did not parse.
void write_report_text(std::ostream& out, std::span<const CampaignTotals> totals,
                       std::span<const ReportRow> rows);

/// RFC 4180 CSV: header (campaign, trigger, store, day, issued,
/// codes_redeemed, uses, revoked, cap_left, attempts, failed_attempts), then
/// one "*"-store "*"-day total line per campaign,
/// then the detail rows. Cells starting with = + - @ get a leading ' so a
/// spreadsheet never runs them as formulas.
std::string report_csv(std::span<const CampaignTotals> totals, std::span<const ReportRow> rows);

}  // namespace sf::ledger
