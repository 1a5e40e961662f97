// codes (internal): the "online" object of a campaign in the campaigns file,
// read and written. Kept beside campaign_book.cpp so the campaign loader
// stays about campaigns.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "base/problems.h"
#include "codes/campaign_book.h"

namespace sf::codes {

/// Reads `entry["online"]` into `record.online`, adding a problem (naming
/// `where` and the field) for each bad value. Checks each range against the
/// record's slots: a range must lie inside serials the slot has handed out
/// (`used`), so `codes issue` never reaches it, and ranges must not overlap.
void read_online(const nlohmann::json& entry, const std::string& where, CampaignRecord& record,
                 Problems& problems);

/// The "online" object, or null when the campaign has no online settings.
nlohmann::json online_json(const OnlineSettings& online);

}  // namespace sf::codes
