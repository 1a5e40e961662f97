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

/// One campaign's totals over every store and day.
struct CampaignTotals {
  std::string campaign_id, trigger;
  std::optional<std::int64_t> issued;  // from the campaigns file; nullopt when not given
  std::int64_t redeemed = 0, attempts = 0, failed_attempts = 0;
};

/// Sums `rows` per campaign and adds campaigns known only from `issued`
/// (issued codes, none redeemed yet). `issued` holds (campaign id, trigger,
/// issued count). Never throws.
std::vector<CampaignTotals> campaign_totals(
    std::span<const ReportRow> rows,
    std::span<const std::tuple<std::string, std::string, std::int64_t>> issued);

/// Both tables as aligned text; "(anonymous)" for the empty store and
/// "(unparsed)" for attempts whose code did not parse.
void write_report_text(std::ostream& out, std::span<const CampaignTotals> totals,
                       std::span<const ReportRow> rows);

/// RFC 4180 CSV: header, then one "*"-store "*"-day total line per campaign,
/// then the detail rows. Cells starting with = + - @ get a leading ' so a
/// spreadsheet never runs them as formulas.
std::string report_csv(std::span<const CampaignTotals> totals, std::span<const ReportRow> rows);

}  // namespace sf::ledger
