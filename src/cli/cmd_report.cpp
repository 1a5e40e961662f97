// `stickerforge report --ledger URL [--campaigns FILE] [--revocations FILE]
// [--csv FILE]`: per campaign the codes issued, codes redeemed and uses (apart:
// a code may have several uses), codes revoked and the cap left; then codes,
// uses and attempts per campaign, trigger, store and day, from the ledger.
#include <cxxopts.hpp>
#include <cstdio>
#include <tuple>

#include "base/error.h"
#include "base/files.h"
#include "base/text.h"
#include "cli/commands.h"
#include "cli/parse_options.h"
#include "codes/campaign_book.h"
#include "codes/revocations.h"
#include "ledger/ledger.h"
#include "ledger/report_table.h"

namespace sf::cli {

int cmd_report(CommandContext& context) {
  cxxopts::Options options(context.program,
                           "Print issued and redeemed codes per campaign, trigger, store and day");
  options.add_options()
      ("ledger", "the verifier's ledger: sqlite:PATH or postgresql://...",
       cxxopts::value<std::string>())
      ("campaigns", "campaigns file, for the issued counts and caps", cxxopts::value<std::string>())
      ("revocations", "revocation list, for the revoked counts (needs --campaigns)",
       cxxopts::value<std::string>())
      ("campaign", "only this campaign", cxxopts::value<std::string>())
      ("csv", "also write the report as CSV to FILE (totals have store and day '*')",
       cxxopts::value<std::string>())
      ("h,help", "show this help");
  std::optional<cxxopts::ParseResult> parsed = parse_options(options, context);
  if (!parsed) return Exit::ok;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.unmatched().empty()) {
    throw bad_input("report: unexpected argument " + quote(args.unmatched().front()) +
                    "; usage: stickerforge report --ledger URL [--campaigns FILE] "
                    "[--revocations FILE] [--campaign ID] [--csv FILE]");
  }
  if (!args.count("ledger")) {
    throw bad_input("report: no ledger given; expected --ledger sqlite:PATH or --ledger postgresql://...");
  }

  // Read the campaigns file first: a bad file is reported before touching the database.
  if (args.count("revocations") && !args.count("campaigns"))
    throw bad_input("report: --revocations needs --campaigns (revoked serials are counted "
                    "against the codes issued)");
  std::vector<ledger::CampaignFacts> issued;
  if (args.count("campaigns")) {
    const auto book = codes::CampaignBook::load(args["campaigns"].as<std::string>());
    std::optional<codes::RevocationList> revocations;
    if (args.count("revocations"))
      revocations = codes::RevocationList::load(args["revocations"].as<std::string>());
    for (const codes::CampaignRecord& record : book.records()) {
      ledger::CampaignFacts facts;
      facts.campaign_id = record.campaign.id;
      facts.trigger = record.campaign.trigger;
      facts.issued = static_cast<std::int64_t>(record.issued());
      if (revocations) facts.revoked = static_cast<std::int64_t>(codes::revoked_issued(record, *revocations));
      facts.cap = record.campaign.cap;
      issued.push_back(std::move(facts));
    }
  }
  // Never create a ledger just to report on it: a typo in the path is an error.
  auto ledger = ledger::open_ledger(args["ledger"].as<std::string>(), false);
  std::vector<ledger::ReportRow> rows = ledger->report();

  if (args.count("campaign")) {
    const std::string only = args["campaign"].as<std::string>();
    std::erase_if(rows, [&](const ledger::ReportRow& r) { return r.campaign_id != only; });
    std::erase_if(issued, [&](const auto& entry) { return entry.campaign_id != only; });
    if (rows.empty() && issued.empty()) {
      throw not_found("report: campaign " + quote(only) + " has no codes issued, redeemed or tried");
    }
  }
  const auto totals = ledger::campaign_totals(rows, issued);
  // The file first: if it cannot be written, the command fails before
  // printing a report that looks like success.
  if (args.count("csv")) write_file_atomic(args["csv"].as<std::string>(), ledger::report_csv(totals, rows));
  ledger::write_report_text(context.out, totals, rows);
  // Codes minted by the trigger receivers (docs/triggers.md): per campaign,
  // source and day of issue, and how many of them were redeemed since.
  std::vector<ledger::IssuanceRow> online = ledger->issuance_report();
  if (args.count("campaign")) {
    const std::string only = args["campaign"].as<std::string>();
    std::erase_if(online, [&](const ledger::IssuanceRow& r) { return r.campaign_id != only; });
  }
  if (!online.empty()) {
    context.out << "\ncodes issued online, per campaign, source and day:\n";
    context.out << "campaign             source        day          issued  revoked  redeemed  conversion\n";
    for (const ledger::IssuanceRow& r : online) {
      char line[256];
      std::snprintf(line, sizeof line, "%-20s %-13s %-10s %8lld %8lld %9lld %10.1f%%\n",
                    r.campaign_id.c_str(), r.source.c_str(), r.day.c_str(),
                    static_cast<long long>(r.issued), static_cast<long long>(r.revoked),
                    static_cast<long long>(r.redeemed),
                    r.issued ? 100.0 * double(r.redeemed) / double(r.issued) : 0.0);
      context.out << line;
    }
  }
  if (args.count("csv")) context.err << "report written to " << args["csv"].as<std::string>() << "\n";
  return Exit::ok;
}

}  // namespace sf::cli
