// stickerforge codes: issue, verify and revoke reward codes. Verification is
// offline (keyring + campaigns + revocation list); the HTTP verifier uses the
// same Checker.
#include <cxxopts.hpp>
#include <ctime>
#include <fstream>
#include <ostream>

#include "base/error.h"
#include "base/text.h"
#include "cli/commands.h"
#include "cli/parse_options.h"
#include "codes/campaign_book.h"
#include "codes/checker.h"
#include "codes/file_lock.h"
#include "codes/issuer.h"
#include "codes/keyring.h"
#include "codes/revocations.h"
#include "codes/sheet.h"
#include "codes/time_text.h"

namespace sf::cli {
namespace {

constexpr std::string_view kUsage =
    "usage: stickerforge codes issue --keyring FILE --campaigns FILE --campaign ID --count N\n"
    "           --out PATH|- [--format csv|jsonl] [--kind typed|link] [--link-base URL]\n"
    "           [--not-after DATE] [--qr DIR] [--qr-format png|svg] [--sheet FILE.html]\n"
    "           [--layout a4|receipt-58|receipt-80] [--force]\n"
    "       stickerforge codes reserve-online --keyring FILE --campaigns FILE --campaign ID\n"
    "           --count N   (serials the service mints codes from, docs/triggers.md)\n"
    "       stickerforge codes verify --keyring FILE --campaigns FILE [--revocations FILE]\n"
    "           [--now DATE] [--from FILE] CODE...\n"
    "--out - writes the codes to standard output. --qr and --sheet need --link-base (the\n"
    "verifier's public address followed by /r/), so every QR opens the redemption page.\n"
    "--force replaces existing outputs and issues past the campaign's cap. --from takes the\n"
    "CSV or JSON lines 'codes issue' wrote, or one code per line.\n"
    "       stickerforge codes revoke --revocations FILE [--reason TEXT]\n"
    "           (--key-id K | --campaign ID [--serials FIRST-LAST] |\n"
    "            --code CODE --keyring FILE --campaigns FILE)\n";

void require(const cxxopts::ParseResult& result, const char* option, std::string_view what) {
  if (!result.count(option))
    throw bad_input("no " + std::string(what) + " given; expected --" + option + "\n" + std::string(kUsage));
}

std::uint64_t parse_unsigned(std::string_view text, std::string_view what, std::string_view expected) {
  std::uint64_t value = 0;
  bool ok = !text.empty() && text.size() <= 19;
  for (char c : text) {
    if (c < '0' || c > '9') ok = false;
    else value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!ok) throw bad_input(std::string(what) + " " + quote(text) + " is not a number; expected " + std::string(expected));
  return value;
}

// The codes of a file: the CSV or JSON lines 'codes issue' wrote (the code
// column or field), or one code per line.
std::vector<std::string> read_codes_file(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw not_found("codes file " + quote(path) + " cannot be read");
  std::vector<std::string> codes;
  std::size_t number = 0;
  for (std::string line; std::getline(file, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (number == 1 && line.starts_with("code,")) continue;  // the CSV header
    if (line.starts_with("{")) {
      auto at = line.find("\"code\":\"");
      auto end = at == std::string::npos ? at : line.find('"', at + 8);
      if (end == std::string::npos)
        throw bad_input(path + ":" + std::to_string(number) +
                        ": a JSON line without a \"code\" string; expected what 'codes issue "
                        "--format jsonl' writes");
      codes.push_back(line.substr(at + 8, end - at - 8));
      continue;
    }
    codes.push_back(line.substr(0, line.find(',')));
  }
  return codes;
}

int codes_issue(CommandContext& context, const cxxopts::ParseResult& result) {
  require(result, "keyring", "keyring");
  require(result, "campaigns", "campaigns file");
  require(result, "campaign", "campaign id");
  require(result, "count", "count");
  require(result, "out", "output file");
  codes::IssueRequest request;
  request.keyring = result["keyring"].as<std::string>();
  request.campaigns = result["campaigns"].as<std::string>();
  request.campaign_id = result["campaign"].as<std::string>();
  request.count = parse_unsigned(result["count"].as<std::string>(), "--count", "1 to 100000000");
  request.out = result["out"].as<std::string>();
  if (request.out == "-") request.out_stream = &context.out;
  std::string format = result["format"].as<std::string>();
  if (format == "csv") request.format = codes::IssueRequest::Format::csv;
  else if (format == "jsonl") request.format = codes::IssueRequest::Format::jsonl;
  else throw bad_input("--format " + quote(format) + " is unknown; expected csv or jsonl");
  std::string kind = result["kind"].as<std::string>();
  if (kind == "typed") request.kind = codes::IssueRequest::Kind::typed;
  else if (kind == "link") request.kind = codes::IssueRequest::Kind::link;
  else throw bad_input("--kind " + quote(kind) + " is unknown; expected typed or link");
  if (result.count("link-base")) {
    request.link_base = result["link-base"].as<std::string>();
    if (request.link_base.rfind("https://", 0) != 0 && request.link_base.rfind("http://", 0) != 0)
      throw bad_input("--link-base " + quote(request.link_base) + " is not a URL; expected https://...");
  }
  if (result.count("not-after")) {
    if (request.kind != codes::IssueRequest::Kind::link)
      throw bad_input("--not-after applies to link codes only; typed codes expire with their campaign");
    request.link_not_after = codes::parse_utc(result["not-after"].as<std::string>(),
                                              codes::DateEdge::end_of_day, "--not-after") - 1;
  }
  if (result.count("qr")) request.qr_dir = result["qr"].as<std::string>();
  std::string qr_format = result["qr-format"].as<std::string>();
  if (qr_format == "png") request.qr_format = codes::IssueRequest::QrFormat::png;
  else if (qr_format == "svg") request.qr_format = codes::IssueRequest::QrFormat::svg;
  else throw bad_input("--qr-format " + quote(qr_format) + " is unknown; expected png or svg");
  if (result.count("sheet")) request.sheet = result["sheet"].as<std::string>();
  std::string layout = result["layout"].as<std::string>();
  if (auto parsed = codes::parse_card_layout(layout)) request.layout = *parsed;
  else throw bad_input("--layout " + quote(layout) + " is unknown; expected a4, receipt-58 or receipt-80");
  if (result.count("layout") && request.sheet.empty())
    throw bad_input("--layout applies to the printable cards; expected --sheet FILE.html with it");
  request.force = result["force"].as<bool>();
  auto summary = codes::issue_codes(request, std::time(nullptr));
  // With --out - the codes own standard output; the summary goes beside them.
  std::ostream& said = request.out == "-" ? context.err : context.out;
  said << summary.count << " " << kind << " codes of campaign " << quote(request.campaign_id)
              << " (key " << summary.key_id << ", serials " << summary.first_serial << "-"
              << summary.last_serial << ") written to "
       << (request.out == "-" ? std::string("standard output") : quote(request.out.string()));
  if (!request.qr_dir.empty()) said << ", QR images in " << quote(request.qr_dir.string());
  if (!request.sheet.empty()) said << ", printable cards " << quote(request.sheet.string());
  said << "\n";
  return Exit::ok;
}

int codes_reserve_online(CommandContext& context, const cxxopts::ParseResult& result) {
  require(result, "keyring", "keyring");
  require(result, "campaigns", "campaigns file");
  require(result, "campaign", "campaign id");
  require(result, "count", "count");
  if (!result.unmatched().empty())
    throw bad_input("codes reserve-online: unexpected argument " + quote(result.unmatched()[0]));
  const std::string campaign = result["campaign"].as<std::string>();
  auto summary = codes::reserve_online_serials(
      result["keyring"].as<std::string>(), result["campaigns"].as<std::string>(), campaign,
      parse_unsigned(result["count"].as<std::string>(), "--count", "1 to 100000000"),
      std::time(nullptr));
  context.out << summary.count << " serials of campaign " << quote(campaign) << " (key "
              << summary.key_id << ", serials " << summary.first_serial << "-"
              << summary.last_serial << ") reserved for online issuance\n";
  return Exit::ok;
}

int codes_verify(CommandContext& context, const cxxopts::ParseResult& result) {
  require(result, "keyring", "keyring");
  require(result, "campaigns", "campaigns file");
  std::vector<std::string> inputs = result.unmatched();
  for (const std::string& input : inputs)
    if (input.rfind("--", 0) == 0) throw bad_input("codes verify: unknown option " + quote(input));
  if (result.count("from")) {
    auto from = read_codes_file(result["from"].as<std::string>());
    inputs.insert(inputs.end(), from.begin(), from.end());
  }
  if (inputs.empty()) throw bad_input("no codes given; expected CODE... or --from FILE");
  std::string revocations = result.count("revocations") ? result["revocations"].as<std::string>() : "";
  auto checker = codes::Checker::load(result["keyring"].as<std::string>(),
                                      result["campaigns"].as<std::string>(), revocations);
  std::int64_t now = std::time(nullptr);
  if (result.count("now"))
    now = codes::parse_utc(result["now"].as<std::string>(), codes::DateEdge::start_of_day, "--now");
  std::size_t invalid = 0;
  for (const std::string& input : inputs) {
    auto check = checker.check(input, now);
    std::string shown = input.size() > 40 ? input.substr(0, 24) + "..." : input;
    context.out << shown << ": " << codes::verdict_name(check.verdict);
    if (check.verdict == codes::Verdict::valid) {
      context.out << " (campaign " << quote(check.campaign->id) << ", pack " << quote(check.campaign->pack_id)
                  << ", serial " << check.id->serial << ", key " << check.id->key_id << ")";
    } else {
      ++invalid;
      context.out << ": " << check.detail;
    }
    context.out << "\n";
  }
  if (inputs.size() > 1)
    context.out << inputs.size() - invalid << " of " << inputs.size() << " codes valid\n";
  return invalid == 0 ? Exit::ok : Exit::failure;
}

int codes_revoke(CommandContext& context, const cxxopts::ParseResult& result) {
  require(result, "revocations", "revocation list");
  if (!result.unmatched().empty())
    throw bad_input("codes revoke: unexpected argument " + quote(result.unmatched()[0]));
  int ways = static_cast<int>(result.count("key-id") > 0) + static_cast<int>(result.count("campaign") > 0) +
             static_cast<int>(result.count("code") > 0);
  if (ways != 1)
    throw bad_input("codes revoke needs exactly one of --code, --campaign or --key-id\n" + std::string(kUsage));
  codes::Revocation revocation;
  revocation.reason = result.count("reason") ? result["reason"].as<std::string>() : "";
  revocation.revoked_unix = std::time(nullptr);
  if (result.count("key-id")) {
    revocation.kind = codes::Revocation::Kind::key;
    revocation.key_id = static_cast<std::uint32_t>(
        parse_unsigned(result["key-id"].as<std::string>(), "--key-id", "1 to 31"));
    if (revocation.key_id < 1 || revocation.key_id > 31)
      throw bad_input("--key-id " + std::to_string(revocation.key_id) + " is out of range; expected 1 to 31");
  } else if (result.count("campaign")) {
    revocation.campaign_id = result["campaign"].as<std::string>();
    revocation.kind = codes::Revocation::Kind::campaign;
    if (result.count("serials")) {
      std::string range = result["serials"].as<std::string>();
      std::size_t dash = range.find('-');
      std::string first = range.substr(0, dash);
      std::string last = dash == std::string::npos ? first : range.substr(dash + 1);
      revocation.kind = codes::Revocation::Kind::serials;
      revocation.first_serial = parse_unsigned(first, "--serials start", "FIRST-LAST, e.g. 100-199");
      revocation.last_serial = parse_unsigned(last, "--serials end", "FIRST-LAST, e.g. 100-199");
      if (revocation.last_serial < revocation.first_serial)
        throw bad_input("--serials " + quote(range) + " ends before it starts; expected FIRST-LAST with FIRST <= LAST");
    }
    if (result.count("campaigns")) {
      auto book = codes::CampaignBook::load(result["campaigns"].as<std::string>());
      book.get(revocation.campaign_id);  // did-you-mean on a typo
    }
  } else {
    require(result, "keyring", "keyring (needed to check the code)");
    require(result, "campaigns", "campaigns file (needed to check the code)");
    auto checker = codes::Checker::load(result["keyring"].as<std::string>(),
                                        result["campaigns"].as<std::string>(), {});
    std::string code = result["code"].as<std::string>();
    auto check = checker.check(code, std::time(nullptr));
    if (!check.id || check.id->campaign_id.empty())
      throw bad_input("code " + quote(code) + " cannot be revoked: " + std::string(codes::verdict_name(check.verdict)) +
                      ": " + check.detail);
    revocation.kind = codes::Revocation::Kind::serials;
    revocation.campaign_id = check.id->campaign_id;
    revocation.first_serial = revocation.last_serial = check.id->serial;
  }
  std::filesystem::path path = result["revocations"].as<std::string>();
  codes::FileLock lock(path);
  auto list = codes::RevocationList::load(path);
  list.add(revocation);
  list.save(path);
  context.out << "revoked " << revocation.describe() << " in " << quote(path.string()) << "\n";
  return Exit::ok;
}

}  // namespace

int cmd_codes(CommandContext& context) {
  if (context.args.empty() || wants_help(context)) {
    (context.args.empty() ? context.err : context.out) << kUsage;
    return context.args.empty() ? Exit::usage : Exit::ok;
  }
  const std::string& sub = context.args[0];
  cxxopts::Options options("stickerforge codes", "reward codes");
  options.add_options()
      ("keyring", "keyring file", cxxopts::value<std::string>())
      ("campaigns", "campaigns file", cxxopts::value<std::string>())
      ("revocations", "revocation list file", cxxopts::value<std::string>())
      ("campaign", "campaign id", cxxopts::value<std::string>())
      ("count", "how many codes", cxxopts::value<std::string>())
      ("out", "output file", cxxopts::value<std::string>())
      ("format", "csv or jsonl", cxxopts::value<std::string>()->default_value("csv"))
      ("kind", "typed or link", cxxopts::value<std::string>()->default_value("typed"))
      ("link-base", "URL the code or token is appended to", cxxopts::value<std::string>())
      ("not-after", "link tokens: last valid day", cxxopts::value<std::string>())
      ("qr", "folder of QR images", cxxopts::value<std::string>())
      ("qr-format", "png or svg", cxxopts::value<std::string>()->default_value("png"))
      ("sheet", "printable HTML cards", cxxopts::value<std::string>())
      ("layout", "a4, receipt-58 or receipt-80", cxxopts::value<std::string>()->default_value("a4"))
      ("force", "replace existing outputs", cxxopts::value<bool>()->default_value("false"))
      ("now", "judge dates at this time (testing)", cxxopts::value<std::string>())
      ("from", "file of codes, one per line", cxxopts::value<std::string>())
      ("code", "code to revoke", cxxopts::value<std::string>())
      ("serials", "serial range FIRST-LAST", cxxopts::value<std::string>())
      ("key-id", "key id to revoke", cxxopts::value<std::string>())
      ("reason", "why (kept in the list)", cxxopts::value<std::string>());
  // Codes and tokens never start with '-', so a leading dash is always an option.
  std::vector<const char*> argv = {"stickerforge codes"};
  for (std::size_t i = 1; i < context.args.size(); ++i) argv.push_back(context.args[i].c_str());
  auto result = options.parse(static_cast<int>(argv.size()), argv.data());
  if (sub == "issue") {
    if (!result.unmatched().empty())
      throw bad_input("codes issue: unexpected argument " + quote(result.unmatched()[0]));
    return codes_issue(context, result);
  }
  if (sub == "reserve-online") return codes_reserve_online(context, result);
  if (sub == "verify") return codes_verify(context, result);
  if (sub == "revoke") return codes_revoke(context, result);
  std::vector<std::string_view> subs = {"issue", "reserve-online", "verify", "revoke"};
  throw bad_input("codes: unknown action " + quote(sub) + ";" + did_you_mean(sub, subs) + "\n" +
                  std::string(kUsage));
}

}  // namespace sf::cli
