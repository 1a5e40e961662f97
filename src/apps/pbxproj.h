// apps: our own Xcode project writer (project.pbxproj, the old-style
// OpenStep plist Xcode reads). Object ids are derived from names, so the same
// project description always gives byte-identical output.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sf::apps {

/// One native target (an app or an app extension).
struct XcodeTarget {
  std::string name;            // target and product name, e.g. "Fergie Keyboard"
  std::string product_type;    // "com.apple.product-type.application", ...
  bool is_extension = false;   // product is "<name>.appex", embedded by an app
  std::string bundle_id;
  std::string info_plist;      // path relative to the project folder
  std::string entitlements;    // optional, relative path
  std::string app_icon;        // ASSETCATALOG_COMPILER_APPICON_NAME, optional
  std::vector<std::string> sources;    // .swift files, relative paths
  std::vector<std::string> resources;  // files or folder references (.xcassets, ...)
  std::vector<std::string> embeds;     // names of extension targets to embed
  std::vector<std::pair<std::string, std::string>> settings;  // extra build settings
};

struct XcodeProject {
  std::string name;                       // "<name>.xcodeproj"
  std::string deployment_target = "15.0"; // iOS
  std::vector<XcodeTarget> targets;
};

/// An app target as every generated project lays it out: Info.plist in
/// `App/`, the icon from the asset catalog set `app_icon`.
XcodeTarget ios_app_target(const std::string& name, const std::string& bundle_id,
                           const std::string& app_icon = "AppIcon",
                           const std::string& product_type = "com.apple.product-type.application");

/// An extension target in its own folder `name/` (Info.plist there), with
/// the bundle id `<app_bundle_id>.<name>` that iOS requires of extensions.
XcodeTarget ios_extension_target(const std::string& name, const std::string& product_type,
                                 const std::string& app_bundle_id);

/// The text of `<name>.xcodeproj/project.pbxproj`. Every path a target
/// names becomes a file reference inside groups mirroring its folders.
/// Throws Error(internal) when a target embeds an unknown target.
std::string render_pbxproj(const XcodeProject& project);

/// 24 upper-case hex digits derived from `key` (stable across runs).
std::string xcode_object_id(const std::string& key);

/// `value` as a pbxproj string: bare when Xcode would write it bare,
/// otherwise quoted with escapes.
std::string pbx_quote(const std::string& value);

}  // namespace sf::apps
