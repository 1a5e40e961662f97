// apps (internal): pieces shared by the Android generators.
#pragma once

#include <filesystem>

#include "apps/generators.h"

namespace sf::apps {

/// Adds the Android-only placeholders (the INTERNET permission line).
void add_android_values(GenerationContext& context);

/// Copies the 96x96 tray PNG as the xhdpi launcher icon.
void add_launcher_icon(GenerationContext& context, const std::filesystem::path& tray_png);

}  // namespace sf::apps
