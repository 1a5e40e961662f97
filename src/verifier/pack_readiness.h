// verifier: is every live campaign's pack built? A code is worth nothing to a
// customer if the verifier redeems it and has nothing to hand out, so the
// service refuses to start (and a SIGHUP reload refuses a campaigns file)
// until each campaign that has not ended has `<packs>/<pack_id>/report.json`.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sf::verifier {

/// One line per campaign of `campaigns` that has not ended at `now_unix` and
/// whose pack has no build under `packs`, saying which command builds it.
/// Throws what CampaignBook::load throws for a bad campaigns file.
std::vector<std::string> unbuilt_packs(const std::filesystem::path& campaigns,
                                       const std::filesystem::path& packs, std::int64_t now_unix);

/// Throws Error(bad_input) listing unbuilt_packs() when there are any.
void require_built_packs(const std::filesystem::path& campaigns, const std::filesystem::path& packs,
                         std::int64_t now_unix);

}  // namespace sf::verifier
