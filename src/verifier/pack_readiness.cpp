#include "verifier/pack_readiness.h"

#include "base/error.h"
#include "base/text.h"
#include "codes/campaign_book.h"

namespace sf::verifier {

std::vector<std::string> unbuilt_packs(const std::filesystem::path& campaigns,
                                       const std::filesystem::path& packs, std::int64_t now_unix) {
  std::vector<std::string> out;
  const auto book = codes::CampaignBook::load(campaigns);
  for (const codes::CampaignRecord& record : book.records()) {
    const codes::Campaign& c = record.campaign;
    if (c.ends_unix && c.ends_unix <= now_unix) continue;  // over: nothing left to hand out
    std::error_code ec;
    const auto dir = packs / c.pack_id;
    if (std::filesystem::is_regular_file(dir / "report.json", ec)) continue;
    out.push_back("campaign " + quote(c.id) + " unlocks pack " + quote(c.pack_id) + ", but " +
                  quote(dir.string()) + " has no build (no report.json); expected " +
                  "'stickerforge build PACK.json --out " + dir.string() + "'");
  }
  return out;
}

void require_built_packs(const std::filesystem::path& campaigns, const std::filesystem::path& packs,
                         std::int64_t now_unix) {
  auto missing = unbuilt_packs(campaigns, packs, now_unix);
  if (missing.empty()) return;
  std::string text = std::to_string(missing.size()) +
                     (missing.size() == 1 ? " campaign has" : " campaigns have") +
                     " no pack to hand out; no code is redeemed until it is built:";
  for (const std::string& line : missing) text += "\n  " + line;
  throw bad_input(text);
}

}  // namespace sf::verifier
