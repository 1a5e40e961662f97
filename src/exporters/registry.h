// exporters: the explicit list of platforms (no self-registration: stable
// order, nothing dropped by the linker). Adding a platform = one row here.
#pragma once

#include <span>
#include <string_view>

#include "exporters/exporter.h"

namespace sf::exporters {

/// Every platform, in the order of pack::known_platforms().
std::span<const Exporter* const> all_exporters();

/// The exporter for `id`. Throws Error(bad_input) "unknown platform 'x'; did
/// you mean 'y'?" (or the list of ids when nothing is close).
const Exporter& find_exporter(std::string_view id);

// One factory per platform file (platforms/<id>.cpp).
const Exporter& telegram_exporter();
const Exporter& whatsapp_exporter();
const Exporter& signal_exporter();
const Exporter& imessage_exporter();
const Exporter& line_exporter();
const Exporter& discord_exporter();
const Exporter& viber_exporter();
const Exporter& wechat_exporter();
const Exporter& kik_exporter();

}  // namespace sf::exporters
