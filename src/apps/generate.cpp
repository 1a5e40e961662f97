#include <algorithm>
#include <cctype>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "apps/apps.h"
#include "apps/built_pack.h"
#include "apps/bundle_id.h"
#include "apps/generators.h"
#include "base/error.h"
#include "base/files.h"
#include "base/text.h"

namespace fs = std::filesystem;

namespace sf::apps {
namespace {

struct KindInfo {
  AppKind kind;
  std::string_view name;
  Ecosystem ecosystem;
  std::vector<std::string> platforms;
  void (*generate)(GenerationContext&);
};

// Explicit table: one row per kind (name, platform, what it is built from).
const std::vector<KindInfo>& kinds() {
  static const std::vector<KindInfo> table = {
      {AppKind::imessage, "imessage", Ecosystem::apple, {"imessage"}, generate_imessage},
      {AppKind::whatsapp_android, "whatsapp-android", Ecosystem::android, {"whatsapp"},
       generate_whatsapp_android},
      // The iMessage build supplies the 1024-px App Store icon.
      {AppKind::whatsapp_ios, "whatsapp-ios", Ecosystem::apple, {"whatsapp", "imessage"},
       generate_whatsapp_ios},
      // WEBP stickers (converted to PNG on the phone when an editor wants PNG)
      // and the 96-px tray as launcher icon.
      {AppKind::android_keyboard, "android-keyboard", Ecosystem::android, {"whatsapp"},
       generate_android_keyboard},
      {AppKind::ios_keyboard, "ios-keyboard", Ecosystem::apple, {"imessage"},
       generate_ios_keyboard},
  };
  return table;
}

const KindInfo& info(AppKind kind) {
  for (const KindInfo& row : kinds())
    if (row.kind == kind) return row;
  throw internal_error("app kind without a table row");
}

// "Fergie the Ember" -> "FergieTheEmber": Xcode target and Swift module names.
std::string project_name_for(const std::string& title) {
  std::string name;
  bool upper = true;
  for (unsigned char c : title) {
    if (std::isalnum(c) && c < 0x80) {
      name += upper ? static_cast<char>(std::toupper(c)) : static_cast<char>(c);
      upper = false;
    } else {
      upper = true;
    }
  }
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) name = "Stickers" + name;
  if (name.size() > 40) name.resize(40);
  return name;
}

fs::path default_template_root() {
  if (const char* env = std::getenv("SF_TEMPLATE_DIR"); env && *env) return env;
  return SF_DEFAULT_TEMPLATE_DIR;
}

Placeholders common_values(const pack::Pack& pack, const AppOptions& options) {
  std::string package_path = options.bundle_id;
  std::replace(package_path.begin(), package_path.end(), '.', '/');
  std::string verifier_url = options.verifier_url.value_or("");
  while (verifier_url.ends_with('/')) verifier_url.pop_back();  // code appends "/v1/..."
  Placeholders values = {
      {"app_name", pack.title},
      {"publisher", pack.author},
      {"pack_id", pack.id},
      {"description", pack.description},
      {"bundle_id", options.bundle_id},
      {"package_path", package_path},
      {"project_name", project_name_for(pack.title)},
      {"verifier_url", verifier_url},
      {"redemption_required", options.verifier_url ? "true" : "false"},
      {"share_link", pack.links.website},
      {"website", pack.links.website},
      {"privacy_policy", pack.links.privacy},
      {"ios_app_store_link", pack.links.ios_app_store},
      {"android_play_store_link", pack.links.android_play_store},
      {"sticker_count", std::to_string(pack.stickers.size())},
      {"app_group", "group." + options.bundle_id},
  };
  return values;
}

}  // namespace

const std::vector<std::string_view>& app_kind_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> list;
    for (const KindInfo& row : kinds()) list.push_back(row.name);
    return list;
  }();
  return names;
}

std::string_view app_kind_name(AppKind kind) { return info(kind).name; }

AppKind parse_app_kind(std::string_view name) {
  for (const KindInfo& row : kinds())
    if (row.name == name) return row.kind;
  std::vector<std::string> names(app_kind_names().begin(), app_kind_names().end());
  throw bad_input("unknown app kind " + quote(name) + ";" + did_you_mean(name, app_kind_names()) +
                  " expected one of: " + join(names, ", "));
}

std::vector<std::string> platforms_for(AppKind kind) { return info(kind).platforms; }

void validate_options(const AppOptions& options) {
  const KindInfo& kind = info(options.kind);
  check_bundle_id(options.bundle_id, kind.ecosystem);
  if (kind.kind == AppKind::whatsapp_ios &&
      options.bundle_id.find("WA.WAStickersThirdParty") != std::string::npos)
    throw bad_input("bundle id " + quote(options.bundle_id) +
                    " contains 'WA.WAStickersThirdParty', the id of WhatsApp's sample app; "
                    "WhatsApp refuses packs from it: use your own reverse-DNS id");
  if (options.verifier_url) {
    const std::string& url = *options.verifier_url;
    bool ok = url.starts_with("https://") && url.size() > 8 &&
              url.find_first_of(" \t\n\"'<>\\{}") == std::string::npos;
    if (!ok)
      throw bad_input("verifier URL " + quote(url) +
                      " is not valid; expected an https:// URL of the stickerforge verifier "
                      "(like 'https://rewards.example.com'): iOS and Android block plain http");
  }
  if (options.out_dir.empty()) throw bad_input("output folder is empty; expected --out DIR");
  std::error_code ec;
  if (fs::exists(options.out_dir, ec) && !options.force)
    throw bad_input("output folder " + quote(options.out_dir.string()) +
                    " already exists; pass --force to replace it");
  if (fs::exists(options.out_dir, ec) && !fs::is_directory(options.out_dir, ec))
    throw bad_input("output " + quote(options.out_dir.string()) +
                    " is a file, not a folder; expected a folder to create");
}

static AppResult generate_into(const pack::Pack& pack, const fs::path& build_dir,
                        const AppOptions& options, const fs::path& out_dir);

AppResult generate_app_from_build(const pack::Pack& pack, const fs::path& build_dir,
                                  const AppOptions& options) {
  validate_options(options);
  fs::path out_dir = fs::absolute(options.out_dir).lexically_normal();
  if (out_dir.filename().empty()) out_dir = out_dir.parent_path();
  fs::path created = create_parent_of(out_dir);
  try {
    return generate_into(pack, build_dir, options, out_dir);
  } catch (...) {
    remove_if_empty(created);  // bad input changes nothing, not even folders
    throw;
  }
}

static AppResult generate_into(const pack::Pack& pack, const fs::path& build_dir,
                        const AppOptions& options, const fs::path& out_dir) {
  // Build the whole project next to its destination, then rename: a failure
  // at any step leaves the old folder (or nothing) in place.
  TempDirGuard staging(make_sibling_temp_dir(out_dir));
  ProjectFiles files(staging.path());
  fs::path template_root =
      options.template_dir.empty() ? default_template_root() : options.template_dir;
  GenerationContext context{pack,
                            options,
                            build_dir,
                            template_root / std::string(app_kind_name(options.kind)),
                            common_values(pack, options),
                            files};
  info(options.kind).generate(context);
  replace_dir(staging.path(), out_dir);
  staging.release();
  return {out_dir, files.files()};
}

fs::path create_parent_of(const fs::path& out_dir) {
  fs::path created;
  for (fs::path dir = out_dir.parent_path(); !dir.empty() && !fs::exists(dir);
       dir = dir.parent_path()) {
    created = dir;
    if (dir == dir.parent_path()) break;
  }
  std::error_code ec;
  fs::create_directories(out_dir.parent_path(), ec);
  if (ec)
    throw io_error("cannot create folder " + quote(out_dir.parent_path().string()) + ": " +
                   ec.message());
  return created;
}

void remove_if_empty(const fs::path& created) {
  if (created.empty()) return;
  std::error_code ec;
  // Removes the chain of empty folders we made; stops at anything non-empty.
  for (const auto& entry : fs::recursive_directory_iterator(created, ec))
    if (!entry.is_directory()) return;
  fs::remove_all(created, ec);
}

std::string app_icon_contents_json(const std::string& file_name) {
  nlohmann::ordered_json contents = {
      {"images",
       {{{"filename", file_name}, {"idiom", "universal"}, {"platform", "ios"}, {"size", "1024x1024"}}}},
      {"info", {{"author", "xcode"}, {"version", 1}}}};
  return contents.dump(2) + "\n";
}

std::string catalog_info_json() {
  nlohmann::ordered_json contents = {{"info", {{"author", "xcode"}, {"version", 1}}}};
  return contents.dump(2) + "\n";
}

void copy_whatsapp_assets(GenerationContext& c, const WhatsappBuild& build,
                          const std::string& folder) {
  c.files.copy(folder + "/contents.json", build.contents_json);
  for (const WhatsappPack& pack : build.packs) {
    std::string dir = folder + "/" + pack.identifier + "/";
    c.files.copy(dir + pack.tray_file, build.dir / pack.identifier / pack.tray_file);
    for (const WhatsappSticker& sticker : pack.stickers)
      c.files.copy(dir + sticker.file, build.dir / pack.identifier / sticker.file);
  }
}

std::string bundled_stickers_json(const std::vector<BundledSticker>& stickers) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const BundledSticker& s : stickers)
    list.push_back({{"file", s.file}, {"label", s.label}, {"emojis", s.emojis}});
  return list.dump(2) + "\n";
}

}  // namespace sf::apps
