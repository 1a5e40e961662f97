// stickerforge campaign: define reward campaigns (pack, trigger, dates,
// limits). Changing dates or limits never requires reissuing codes, because
// codes carry only the campaign's number.
#include <cxxopts.hpp>
#include <iomanip>
#include <ostream>

#include "base/error.h"
#include "base/text.h"
#include "cli/commands.h"
#include "cli/parse_options.h"
#include "codes/campaign_book.h"
#include "codes/file_lock.h"
#include "codes/time_text.h"

namespace sf::cli {
namespace {

constexpr std::string_view kUsage =
    "usage: stickerforge campaign add --campaigns FILE --id ID --pack PACK_ID\n"
    "           --trigger survey|subscription|purchase|manual [--name TEXT] [--packs DIR]\n"
    "           [--starts DATE] [--ends DATE] [--uses-per-code N] [--cap N] [BRAND]\n"
    "       stickerforge campaign list --campaigns FILE\n"
    "       stickerforge campaign set --campaigns FILE --id ID [--name TEXT] [--pack PACK_ID] [--packs DIR]\n"
    "           [--starts DATE|none] [--ends DATE|none] [--uses-per-code N] [--cap N] [BRAND]\n"
    "BRAND (each optional; 'none' clears it): --brand-name TEXT, --brand-logo FILE (PNG or\n"
    "SVG, stored relative to the campaigns file), --brand-primary '#RRGGBB',\n"
    "--brand-background '#RRGGBB', --brand-text '#RRGGBB', --support-url URL, --privacy-url URL\n"
    "--packs DIR (default: packs/ beside the campaigns file) is where the verifier finds the\n"
    "built pack; a warning says when PACK_ID is not built there yet.\n"
    "DATE is YYYY-MM-DD (a UTC day; --ends includes all of it), YYYY-MM-DDTHH:MM:SSZ (UTC)\n"
    "or YYYY-MM-DDTHH:MM:SS+02:00 (a local time with its UTC offset). Stored in UTC.\n";

std::int64_t parse_number(const std::string& text, const std::string& option, std::int64_t min,
                          std::int64_t max) {
  std::size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || value < min || value > max)
    throw bad_input("--" + option + " " + quote(text) + " is invalid; expected a whole number from " +
                    std::to_string(min) + " to " + std::to_string(max));
  return value;
}

std::int64_t parse_date_option(const cxxopts::ParseResult& result, const char* option,
                               codes::DateEdge edge) {
  std::string text = result[option].as<std::string>();
  if (text == "none" || text.empty()) return 0;
  return codes::parse_utc(text, edge, std::string("--") + option);
}

std::string brand_option(const cxxopts::ParseResult& result, const char* option) {
  std::string text = result[option].as<std::string>();
  return text == "none" ? "" : text;
}

// A colour as typed, upper-cased when it is one (validate() names bad ones).
std::string color_option(const cxxopts::ParseResult& result, const char* option) {
  std::string text = brand_option(result, option);
  std::string normal = codes::normalize_color(text);
  return normal.empty() ? text : normal;
}

// The brand options; the logo is stored relative to the campaigns file, as
// the loader resolves it.
void apply_brand(const cxxopts::ParseResult& result, const std::filesystem::path& campaigns,
                 codes::Brand& brand) {
  if (result.count("brand-name")) brand.name = brand_option(result, "brand-name");
  if (result.count("brand-logo")) {
    std::string typed = brand_option(result, "brand-logo");
    if (typed.empty()) {
      brand.logo.clear();
      brand.logo_file.clear();
    } else {
      brand.logo_file = std::filesystem::absolute(typed).lexically_normal();
      brand.logo = brand.logo_file
                       .lexically_relative(std::filesystem::absolute(campaigns).parent_path())
                       .generic_string();
    }
  }
  if (result.count("brand-primary")) brand.colors.primary = color_option(result, "brand-primary");
  if (result.count("brand-background"))
    brand.colors.background = color_option(result, "brand-background");
  if (result.count("brand-text")) brand.colors.text = color_option(result, "brand-text");
  if (result.count("support-url")) brand.support_url = brand_option(result, "support-url");
  if (result.count("privacy-url")) brand.privacy_url = brand_option(result, "privacy-url");
}

// Applies the options both add and set accept.
void apply_settings(const cxxopts::ParseResult& result, codes::Campaign& c) {
  if (result.count("name")) c.name = result["name"].as<std::string>();
  if (result.count("pack")) c.pack_id = result["pack"].as<std::string>();
  if (result.count("trigger")) c.trigger = result["trigger"].as<std::string>();
  if (result.count("starts")) c.starts_unix = parse_date_option(result, "starts", codes::DateEdge::start_of_day);
  if (result.count("ends")) c.ends_unix = parse_date_option(result, "ends", codes::DateEdge::end_of_day);
  if (result.count("uses-per-code"))
    c.uses_per_code = static_cast<int>(parse_number(result["uses-per-code"].as<std::string>(), "uses-per-code", 1, 1000000));
  if (result.count("cap")) c.cap = parse_number(result["cap"].as<std::string>(), "cap", 0, 1'000'000'000'000);
}

// Dates echoed as typed: an end of "2026-05-31" is stored as the first second
// of June 1st, and shown again as 2026-05-31.
std::string start_text(std::int64_t unix_seconds) {
  return unix_seconds ? codes::format_start(unix_seconds) : "open";
}
std::string end_text(std::int64_t unix_seconds) {
  return unix_seconds ? codes::format_end(unix_seconds) + (unix_seconds % 86400 ? "" : " (inclusive)")
                      : "open";
}
std::string dates_text(const codes::Campaign& c) {
  if (!c.starts_unix && !c.ends_unix) return "no start or end date";
  return start_text(c.starts_unix) + " to " + end_text(c.ends_unix);
}

// The verifier refuses to start while a campaign's pack is not built, so say
// it now, while the marketer is still at the keyboard (a warning: the build
// may well come later or live on another machine).
void warn_unbuilt_pack(const cxxopts::ParseResult& result, const std::filesystem::path& campaigns,
                       const codes::Campaign& c, std::ostream& err) {
  std::filesystem::path packs = result.count("packs")
                                    ? std::filesystem::path(result["packs"].as<std::string>())
                                    : campaigns.parent_path() / "packs";
  std::filesystem::path dir = packs / c.pack_id;
  std::error_code ec;
  if (std::filesystem::is_regular_file(dir / "report.json", ec)) return;
  err << "stickerforge: warning: pack " << quote(c.pack_id) << " is not built in "
      << quote(packs.string()) << " (no " << (dir / "report.json").string()
      << "); the verifier will not start until it is: stickerforge build PACK.json --out "
      << dir.string() << "\n";
}

void require(const cxxopts::ParseResult& result, const char* option, std::string_view what) {
  if (!result.count(option))
    throw bad_input("no " + std::string(what) + " given; expected --" + option + "\n" + std::string(kUsage));
}

}  // namespace

int cmd_campaign(CommandContext& context) {
  if (context.args.empty() || wants_help(context)) {
    (context.args.empty() ? context.err : context.out) << kUsage;
    return context.args.empty() ? Exit::usage : Exit::ok;
  }
  cxxopts::Options options("stickerforge campaign", "reward campaigns");
  options.add_options()
      ("campaigns", "campaigns file", cxxopts::value<std::string>())
      ("id", "campaign id", cxxopts::value<std::string>())
      ("name", "display name", cxxopts::value<std::string>())
      ("pack", "sticker pack id", cxxopts::value<std::string>())
      ("trigger", "survey|subscription|purchase|manual", cxxopts::value<std::string>())
      ("starts", "first day (UTC)", cxxopts::value<std::string>())
      ("ends", "last day (UTC, inclusive)", cxxopts::value<std::string>())
      ("uses-per-code", "redemptions per code", cxxopts::value<std::string>())
      ("cap", "total redemptions (0 = none)", cxxopts::value<std::string>())
      ("brand-name", "brand name", cxxopts::value<std::string>())
      ("brand-logo", "brand logo (PNG or SVG)", cxxopts::value<std::string>())
      ("brand-primary", "primary colour #RRGGBB", cxxopts::value<std::string>())
      ("brand-background", "background colour #RRGGBB", cxxopts::value<std::string>())
      ("brand-text", "text colour #RRGGBB", cxxopts::value<std::string>())
      ("support-url", "customer support link", cxxopts::value<std::string>())
      ("privacy-url", "privacy notice link", cxxopts::value<std::string>())
      ("packs", "folder of built packs (for a warning)", cxxopts::value<std::string>());
  std::vector<const char*> argv = {"stickerforge campaign"};
  for (std::size_t i = 1; i < context.args.size(); ++i) argv.push_back(context.args[i].c_str());
  auto result = options.parse(static_cast<int>(argv.size()), argv.data());
  if (!result.unmatched().empty())
    throw bad_input("campaign: unexpected argument " + quote(result.unmatched()[0]));
  const std::string& sub = context.args[0];
  require(result, "campaigns", "campaigns file");
  std::filesystem::path path = result["campaigns"].as<std::string>();

  if (sub == "list") {
    auto book = codes::CampaignBook::load(path);
    context.out << std::left << std::setw(20) << "id" << std::setw(13) << "trigger" << std::setw(16)
                << "pack" << std::setw(24) << "starts" << std::setw(24) << "ends" << std::setw(6)
                << "uses" << std::setw(8) << "cap" << "issued\n";
    for (const auto& record : book.records()) {
      const auto& c = record.campaign;
      context.out << std::setw(20) << c.id << std::setw(13) << c.trigger << std::setw(16) << c.pack_id
                  << std::setw(24) << start_text(c.starts_unix) << std::setw(24)
                  << end_text(c.ends_unix) << std::setw(6) << c.uses_per_code << std::setw(8)
                  << (c.cap ? std::to_string(c.cap) : "-") << record.issued() << "\n";
    }
    return Exit::ok;
  }
  if (sub == "add") {
    require(result, "id", "campaign id");
    require(result, "pack", "pack id");
    require(result, "trigger", "trigger");
    codes::Campaign campaign;
    campaign.id = result["id"].as<std::string>();
    apply_settings(result, campaign);
    apply_brand(result, path, campaign.brand);
    codes::CampaignBook::validate(campaign);
    codes::FileLock lock(path);
    auto book = codes::CampaignBook::load_or_empty(path);
    book.add(campaign);
    book.save(path);
    warn_unbuilt_pack(result, path, campaign, context.err);
    context.out << "campaign " << quote(campaign.id) << " added (pack " << quote(campaign.pack_id)
                << ", trigger " << campaign.trigger << ", " << dates_text(campaign) << ")\n";
    return Exit::ok;
  }
  if (sub == "set") {
    require(result, "id", "campaign id");
    if (result.count("trigger"))
      throw bad_input("--trigger cannot change: codes were issued for it; add a new campaign instead");
    codes::FileLock lock(path);
    auto book = codes::CampaignBook::load(path);
    auto& record = book.get(result["id"].as<std::string>());
    codes::Campaign changed = record.campaign;
    apply_settings(result, changed);
    apply_brand(result, path, changed.brand);
    codes::CampaignBook::validate(changed);
    record.campaign = changed;
    book.save(path);
    if (result.count("pack") || result.count("packs")) warn_unbuilt_pack(result, path, changed, context.err);
    context.out << "campaign " << quote(changed.id) << " updated: " << dates_text(changed) << ", " << changed.uses_per_code
                << " use(s) per code, cap " << (changed.cap ? std::to_string(changed.cap) : "none")
                << "\n";
    return Exit::ok;
  }
  std::vector<std::string_view> subs = {"add", "list", "set"};
  throw bad_input("campaign: unknown action " + quote(sub) + ";" + did_you_mean(sub, subs) + "\n" +
                  std::string(kUsage));
}

}  // namespace sf::cli
