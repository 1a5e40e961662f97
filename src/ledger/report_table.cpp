#include "ledger/report_table.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>
#include <tuple>

namespace sf::ledger {
namespace {

std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", 100.0 * static_cast<double>(part) /
                                                 static_cast<double>(whole));
  return text;
}

std::string shown_campaign(const std::string& id) { return id.empty() ? "(unparsed)" : id; }
std::string shown_store(const std::string& store) { return store.empty() ? "(anonymous)" : store; }

// Prints rows of cells with each column as wide as its widest cell; numbers
// (columns >= first_numeric) are right-aligned.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& table,
                 std::size_t first_numeric) {
  std::vector<std::size_t> widths;
  for (const auto& row : table) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  for (const auto& row : table) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string pad(widths[c] - row[c].size(), ' ');
      if (c > 0) line += "  ";
      line += c >= first_numeric ? pad + row[c] : row[c] + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

std::string csv_cell(const std::string& value) {
  std::string cell = value;
  if (!cell.empty() && std::string_view("=+-@").find(cell.front()) != std::string_view::npos) {
    cell.insert(cell.begin(), '\'');
  }
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::vector<CampaignTotals> campaign_totals(std::span<const ReportRow> rows,
                                            std::span<const CampaignFacts> facts) {
  std::map<std::string, CampaignTotals> by_id;
  std::map<std::string, std::int64_t> caps;
  for (const CampaignFacts& f : facts) {
    CampaignTotals& t = by_id[f.campaign_id];
    t.campaign_id = f.campaign_id;
    t.trigger = f.trigger;
    t.issued = f.issued;
    t.revoked = f.revoked;
    if (f.cap > 0) caps[f.campaign_id] = f.cap;
  }
  for (const ReportRow& row : rows) {
    CampaignTotals& t = by_id[row.campaign_id];
    t.campaign_id = row.campaign_id;
    if (t.trigger.empty()) t.trigger = row.trigger;
    t.codes_redeemed += row.codes_redeemed;
    t.redeemed += row.redeemed;
    t.attempts += row.attempts;
    t.failed_attempts += row.failed_attempts;
  }
  std::vector<CampaignTotals> out;
  for (auto& [id, totals] : by_id) {
    if (auto cap = caps.find(id); cap != caps.end())
      totals.cap_left = std::max<std::int64_t>(0, cap->second - totals.redeemed);
    out.push_back(std::move(totals));
  }
  return out;
}

void write_report_text(std::ostream& out, std::span<const CampaignTotals> totals,
                       std::span<const ReportRow> rows) {
  if (totals.empty()) {
    out << "no redemptions or attempts recorded yet\n";
    return;
  }
  // Codes and uses apart: a two-use campaign's 4 codes redeemed twice each
  // are 4 codes redeemed (100%) and 8 uses, never "8 redeemed of 4".
  std::vector<std::vector<std::string>> summary = {
      {"campaign", "trigger", "issued", "redeemed", "redeemed %", "uses", "revoked", "cap left",
       "attempts", "failed"}};
  auto optional_number = [](const std::optional<std::int64_t>& value) {
    return value ? std::to_string(*value) : std::string("-");
  };
  for (const CampaignTotals& t : totals) {
    summary.push_back({shown_campaign(t.campaign_id), t.trigger.empty() ? "-" : t.trigger,
                       optional_number(t.issued), std::to_string(t.codes_redeemed),
                       t.issued ? percent(t.codes_redeemed, *t.issued) : "-",
                       std::to_string(t.redeemed), optional_number(t.revoked),
                       optional_number(t.cap_left), std::to_string(t.attempts),
                       std::to_string(t.failed_attempts)});
  }
  print_table(out, summary, 2);
  if (rows.empty()) return;
  out << "\n";
  std::vector<std::vector<std::string>> detail = {
      {"campaign", "trigger", "store", "day", "redeemed", "uses", "attempts", "failed"}};
  for (const ReportRow& r : rows) {
    detail.push_back({shown_campaign(r.campaign_id), r.trigger.empty() ? "-" : r.trigger,
                      shown_store(r.store), r.day, std::to_string(r.codes_redeemed),
                      std::to_string(r.redeemed), std::to_string(r.attempts),
                      std::to_string(r.failed_attempts)});
  }
  print_table(out, detail, 4);
}

std::string report_csv(std::span<const CampaignTotals> totals, std::span<const ReportRow> rows) {
  std::string csv =
      "campaign,trigger,store,day,issued,codes_redeemed,uses,revoked,cap_left,attempts,"
      "failed_attempts\r\n";
  auto line = [&](std::initializer_list<std::string> cells) {
    bool first = true;
    for (const std::string& cell : cells) {
      if (!first) csv += ',';
      csv += csv_cell(cell);
      first = false;
    }
    csv += "\r\n";
  };
  for (const CampaignTotals& t : totals) {
    line({t.campaign_id, t.trigger, "*", "*", t.issued ? std::to_string(*t.issued) : "",
          std::to_string(t.codes_redeemed), std::to_string(t.redeemed),
          t.revoked ? std::to_string(*t.revoked) : "", t.cap_left ? std::to_string(*t.cap_left) : "",
          std::to_string(t.attempts), std::to_string(t.failed_attempts)});
  }
  for (const ReportRow& r : rows) {
    line({r.campaign_id, r.trigger, r.store, r.day, "", std::to_string(r.codes_redeemed),
          std::to_string(r.redeemed), "", "", std::to_string(r.attempts),
          std::to_string(r.failed_attempts)});
  }
  return csv;
}

}  // namespace sf::ledger
