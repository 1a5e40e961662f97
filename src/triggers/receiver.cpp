#include "triggers/receiver.h"

#include <algorithm>
#include <array>
#include <map>
#include <sstream>

#include "base/error.h"
#include "base/text.h"
#include "codes/campaign_book.h"
#include "triggers/receiver_state.h"
#include "verifier/config.h"
#include "verifier/json_text.h"

namespace sf::triggers {
namespace {

using verifier::HttpReply;
using verifier::HttpRequest;
using verifier::Services;

ReceiverFiles load_files(const verifier::Config& config) {
  return ReceiverFiles{MintFiles{codes::Keyring::load(config.keyring),
                                 codes::CampaignBook::load(config.campaigns),
                                 codes::RevocationList::load(config.revocations)},
                       load_trigger_settings(config.triggers, config.public_url)};
}

// "/v1/hooks/stripe/spring" -> {"stripe", "spring"} after `prefix`; false
// for anything with more or fewer segments.
bool two_segments(std::string_view path, std::string_view prefix, std::string& first,
                  std::string& second) {
  if (!path.starts_with(prefix)) return false;
  path.remove_prefix(prefix.size());
  std::size_t slash = path.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == path.size()) return false;
  if (path.find('/', slash + 1) != std::string_view::npos) return false;
  first = path.substr(0, slash);
  second = path.substr(slash + 1);
  return true;
}

class Receivers final : public verifier::ServiceExtension {
 public:
  Receivers(const verifier::Config& config, ledger::Ledger& ledger)
      : config_(config), ledger_(ledger), context_(load_files(config), config.public_url) {}

  std::optional<HttpReply> handle(const HttpRequest& request, Services& services) override {
    std::string first, second;
    const bool post = request.method == "POST";
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (two_segments(request.path, "/v1/hooks/", first, second)) {
      if (post || (get && first == "mailchimp"))
        return handle_hook(request, services, context_, first, second);
      return allow_only("POST");
    }
    if (request.path.starts_with("/v1/till/")) {
      std::string campaign = request.path.substr(9);
      if (campaign.empty() || campaign.find('/') != std::string::npos) return std::nullopt;
      if (!post) return allow_only("POST");
      return handle_till(request, services, context_, campaign);
    }
    if (two_segments(request.path, "/c/", first, second)) {
      if (!get) return allow_only("GET");
      return handle_claim(request, services, context_, first, second);
    }
    return std::nullopt;
  }

  void reload() override { context_.files.replace(load_files(config_)); }

  std::string metrics() override { return context_.counters.render() + ledger_figures(); }

  std::size_t max_body_bytes() const override {
    return context_.files.current()->settings.max_body_bytes;
  }

  bool wants_all_headers(std::string_view path) const override {
    return path.starts_with("/v1/hooks/");
  }

 private:
  static HttpReply allow_only(std::string_view method) {
    HttpReply reply = verifier::json_error(405, "method_not_allowed",
                                           "this path accepts only " + std::string(method));
    reply.headers.emplace_back("Allow", std::string(method));
    return reply;
  }

  // Issued per campaign, source and UTC day (the last 7 days), and the
  // issued-to-redeemed conversion per campaign and source, from the ledger.
  std::string ledger_figures() {
    std::vector<ledger::IssuanceRow> rows;
    try {
      rows = ledger_.issuance_report();
    } catch (const std::exception&) {
      return "";  // the ledger's own health shows in /readyz
    }
    std::ostringstream out;
    out << "# HELP stickerforge_online_codes_issued Codes minted by the receivers per UTC day.\n"
           "# TYPE stickerforge_online_codes_issued gauge\n";
    std::map<std::pair<std::string, std::string>, std::array<std::int64_t, 3>> totals;
    std::vector<std::string> days;
    for (const ledger::IssuanceRow& r : rows) days.push_back(r.day);
    std::sort(days.begin(), days.end());
    const std::string since = days.size() > 7 ? days[days.size() - 7] : "";
    for (const ledger::IssuanceRow& r : rows) {
      auto& t = totals[{r.campaign_id, r.source}];
      t[0] += r.issued;
      t[1] += r.revoked;
      t[2] += r.redeemed;
      if (r.day >= since)
        out << "stickerforge_online_codes_issued{campaign=\"" << r.campaign_id << "\",source=\""
            << r.source << "\",day=\"" << r.day << "\"} " << r.issued << "\n";
    }
    out << "# HELP stickerforge_online_codes Codes minted by the receivers, revoked and redeemed.\n"
           "# TYPE stickerforge_online_codes gauge\n";
    for (const auto& [key, t] : totals)
      for (int i = 0; i < 3; ++i)
        out << "stickerforge_online_codes{campaign=\"" << key.first << "\",source=\"" << key.second
            << "\",state=\"" << (i == 0 ? "issued" : i == 1 ? "revoked" : "redeemed") << "\"} "
            << t[i] << "\n";
    out << "# HELP stickerforge_online_conversion Share of minted codes redeemed.\n"
           "# TYPE stickerforge_online_conversion gauge\n";
    for (const auto& [key, t] : totals)
      out << "stickerforge_online_conversion{campaign=\"" << key.first << "\",source=\""
          << key.second << "\"} " << (t[0] ? double(t[2]) / double(t[0]) : 0.0) << "\n";
    return out.str();
  }

  verifier::Config config_;
  ledger::Ledger& ledger_;
  ReceiverContext context_;
};

}  // namespace

void TriggerCounters::count(std::string_view source, std::string_view outcome) {
  std::lock_guard lock(mutex_);
  ++counts_[{std::string(source), std::string(outcome)}];
}

std::string TriggerCounters::render() const {
  std::ostringstream out;
  out << "# HELP stickerforge_trigger_deliveries_total Webhook and till requests by source and "
         "what they came to.\n# TYPE stickerforge_trigger_deliveries_total counter\n";
  std::lock_guard lock(mutex_);
  for (const auto& [key, count] : counts_)
    out << "stickerforge_trigger_deliveries_total{source=\"" << key.first << "\",outcome=\""
        << key.second << "\"} " << count << "\n";
  return out.str();
}

std::string link_for_code(const TriggerSettings& settings, std::string_view code) {
  std::string out = settings.link_base;
  std::size_t at = out.find("{code}");
  if (at != std::string::npos) return out.replace(at, 6, code);
  return out + std::string(code);
}

HttpReply json_reply(int status, const nlohmann::json& body) {
  HttpReply reply;
  reply.status = status;
  reply.body = verifier::dump_json(body);
  return reply;
}

std::unique_ptr<verifier::ServiceExtension> make_receivers(const verifier::Config& config,
                                                          verifier::Services& services) {
  if (config.triggers.empty()) return nullptr;
  auto receivers = std::make_unique<Receivers>(config, services.ledger);
  services.log.write("info", "triggers_loaded", {{"file", config.triggers.string()}});
  return receivers;
}

}  // namespace sf::triggers
