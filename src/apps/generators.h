// apps (internal): one generator per kind. Each renders its templates and
// adds what comes from the build; generate.cpp does validation, staging and
// the final rename.
#pragma once

#include <filesystem>
#include <string>

#include "apps/apps.h"
#include "apps/project_files.h"
#include "apps/template_filler.h"

namespace sf::apps {

struct GenerationContext {
  const pack::Pack& pack;
  const AppOptions& options;
  std::filesystem::path build_dir;     // output of `stickerforge build`
  std::filesystem::path template_dir;  // templates/<kind>
  /// templates/shared/<name>: files several kinds ship unchanged (the code
  /// that calls the verifier), kept once so the copies cannot drift.
  std::filesystem::path shared_templates(std::string_view name) const {
    return template_dir.parent_path() / "shared" / name;
  }
  Placeholders values;                 // common placeholders (see generate.cpp)
  ProjectFiles& files;
};

/// Each writes one kind's project into context.files. They throw
/// Error(bad_input) when the build lacks what the kind needs (file named).
void generate_imessage(GenerationContext& context);
void generate_whatsapp_android(GenerationContext& context);
void generate_whatsapp_ios(GenerationContext& context);
void generate_android_keyboard(GenerationContext& context);
void generate_ios_keyboard(GenerationContext& context);

/// The asset catalog Contents.json of a single-size (1024 px) iOS app icon.
std::string app_icon_contents_json(const std::string& file_name);

/// `{"info":{"author":"xcode","version":1}}` for catalog folders.
std::string catalog_info_json();

struct WhatsappBuild;
/// Copies the WhatsApp build's assets folder (contents.json, and each pack's
/// tray and stickers in their pack folder) to `folder` of the project, the
/// layout WhatsApp's sample apps read.
void copy_whatsapp_assets(GenerationContext& context, const WhatsappBuild& build,
                          const std::string& folder);

/// Creates the folder that will hold `out_dir` and returns the topmost
/// folder it had to create (empty when it existed), so a failed generation
/// can remove what it made. Throws Error(io) when it cannot be created.
std::filesystem::path create_parent_of(const std::filesystem::path& out_dir);

/// Removes `created` (from create_parent_of) if it is still empty.
void remove_if_empty(const std::filesystem::path& created);

/// "stickers.json" listing bundled sticker files for the generated code:
/// [{"file":..., "label":..., "emojis":[...]}] in pack order.
struct BundledSticker {
  std::string file, label;
  std::vector<std::string> emojis;
};
std::string bundled_stickers_json(const std::vector<BundledSticker>& stickers);

}  // namespace sf::apps
