// apps (internal): pieces shared by the Android generators.
#pragma once

#include <filesystem>

#include "apps/generators.h"

namespace sf::apps {

/// Renders the kind's project templates and the shared redemption code,
/// with the Android-only placeholders (the INTERNET permission line) added.
void render_android_project(GenerationContext& context);

/// Copies the 96x96 tray PNG as the xhdpi launcher icon.
void add_launcher_icon(GenerationContext& context, const std::filesystem::path& tray_png);

}  // namespace sf::apps
