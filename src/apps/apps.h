// apps: ready-to-open Xcode and Android Studio projects generated from a
// built pack (issue 6): an iMessage sticker app, WhatsApp sticker apps for
// Android and iOS, and custom keyboards for both. Templates live in
// templates/<kind>/ and carry no brand; this module fills them, adds the
// built stickers and writes the project files (our own project.pbxproj).
// Depends on exporters (to build the pack), pack and base; no library type
// appears in this header.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pack/pack.h"

namespace sf::apps {

/// The five projects `stickerforge app --kind` can generate.
enum class AppKind { imessage, whatsapp_android, whatsapp_ios, android_keyboard, ios_keyboard };

/// Command-line names of every kind, in display order ("imessage", ...).
const std::vector<std::string_view>& app_kind_names();
std::string_view app_kind_name(AppKind kind);

/// Parses a command-line kind name. Throws Error(bad_input) naming the value,
/// listing the kinds and suggesting the nearest one.
AppKind parse_app_kind(std::string_view name);

/// Exporter platforms whose output the kind's project is made from
/// (e.g. "imessage" for the sticker catalog and icon set).
std::vector<std::string> platforms_for(AppKind kind);

struct AppOptions {
  AppKind kind = AppKind::imessage;
  std::filesystem::path out_dir;     // the project folder to create
  std::string bundle_id;             // reverse-DNS; Android package name too
  std::optional<std::string> verifier_url;  // enables the "redeem your code" screen
  bool force = false;                // replace an existing out_dir
  /// Folder holding templates/<kind>/; empty means the built-in default
  /// (SF_TEMPLATE_DIR in the environment, else the source tree's templates/).
  std::filesystem::path template_dir;
};

/// What was generated, for the command's summary line.
struct AppResult {
  std::filesystem::path out_dir;
  std::vector<std::string> files;  // relative paths, sorted
};

/// Checks everything about `options` that needs no build: bundle id (for the
/// kind's platform), verifier URL, output folder (exists without force).
/// Throws Error(bad_input) saying the rule that was broken.
void validate_options(const AppOptions& options);

/// Generates the project from an already built pack: `build_dir` is the
/// output folder of `stickerforge build` holding the folders of
/// platforms_for(kind). Writes into a temporary sibling of out_dir and
/// renames it into place, so a failure leaves nothing behind. Throws
/// Error(bad_input) for bad options or a build that lacks what the kind
/// needs (file named), Error(io) when writing fails.
AppResult generate_app_from_build(const pack::Pack& pack,
                                  const std::filesystem::path& build_dir,
                                  const AppOptions& options);

/// Builds the platforms the kind needs into a temporary folder, then
/// generates the project as generate_app_from_build does.
AppResult generate_app(const pack::Pack& pack, const AppOptions& options);

}  // namespace sf::apps
