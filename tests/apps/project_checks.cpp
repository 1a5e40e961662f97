#include "apps/project_checks.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "apps/bundle_id.h"
#include "apps/images.h"
#include "apps/openstep_plist.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace sf::test {
namespace {

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class Checker {
 public:
  Checker(const fs::path& dir, apps::AppKind kind, const std::string& bundle_id)
      : dir_(dir), kind_(kind), bundle_id_(bundle_id) {}

  ProjectReport run() {
    for (const auto& entry : fs::recursive_directory_iterator(dir_))
      if (entry.is_regular_file()) files_.push_back(entry.path().lexically_relative(dir_).generic_string());
    std::sort(files_.begin(), files_.end());
    report_.files = static_cast<int>(files_.size());
    check_files();
    check_xml();
    check_catalogs();
    for (const std::string& f : files_)
      if (ends_with(f, ".xcodeproj/project.pbxproj")) check_pbxproj(f);
    switch (kind_) {
      case apps::AppKind::imessage: check_imessage(); break;
      case apps::AppKind::whatsapp_ios: check_whatsapp_ios(); break;
      case apps::AppKind::ios_keyboard: check_ios_keyboard(); break;
      case apps::AppKind::whatsapp_android: check_whatsapp_android(); break;
      case apps::AppKind::android_keyboard: check_android_keyboard(); break;
    }
    if (kind_ == apps::AppKind::whatsapp_android || kind_ == apps::AppKind::android_keyboard)
      check_android_common();
    return report_;
  }

 private:
  void problem(const std::string& text) { report_.problems.push_back(text); }
  bool exists(const std::string& relative) const {
    return std::binary_search(files_.begin(), files_.end(), relative) || fs::is_directory(dir_ / relative);
  }
  std::string read(const std::string& relative) const { return slurp(dir_ / relative); }

  // Every text file: no template marker left; JSON parses; plists parse.
  void check_files() {
    static const std::set<std::string> kText = {".swift", ".kt", ".kts", ".xml", ".plist", ".json",
                                                ".md", ".pbxproj", ".entitlements", ".pro", ".properties"};
    for (const std::string& f : files_) {
      std::string ext = fs::path(f).extension().string();
      if (kText.count(ext)) {
        std::string text = read(f);
        if (text.find("{{") != std::string::npos || text.find("}}") != std::string::npos)
          problem(f + ": template marker left");
      }
      if (ext == ".json") {
        ++report_.json;
        if (json::parse(read(f), nullptr, false).is_discarded()) problem(f + ": JSON does not parse");
      }
      if (ext == ".plist" || ext == ".entitlements") {
        ++report_.plists;
        CommandResult r = run_command("plistutil -i " + shell_quote((dir_ / f).string()) + " -o -");
        if (r.status != 0 || r.output.rfind("bplist00", 0) != 0)
          problem(f + ": plistutil cannot read it: " + r.output.substr(0, 200));
      }
      if (ext == ".png" || ext == ".webp") {
        ++report_.images;
        if (!image_size(dir_ / f)) problem(f + ": not a PNG/WebP file");
      }
    }
  }

  void check_xml() {
    std::string command = "xmllint --noout";
    int count = 0;
    for (const std::string& f : files_) {
      std::string ext = fs::path(f).extension().string();
      if (ext == ".xml" || ext == ".plist" || ext == ".entitlements" || ext == ".storyboard") {
        command += ' ';  // (not " " + ...: GCC 12 warns falsely, -Wrestrict)
        command += shell_quote((dir_ / f).string());
        ++count;
      }
    }
    report_.xml = count;
    if (count == 0) return;
    CommandResult r = run_command(command);
    if (r.status != 0) problem("xmllint: " + r.output.substr(0, 400));
  }

  std::optional<std::pair<int, int>> size_of(const std::string& relative) {
    return image_size(dir_ / relative);
  }

  void expect_size(const std::string& relative, int width, int height) {
    auto size = size_of(relative);
    if (!size) {
      problem(relative + ": missing or not an image");
    } else if (size->first != width || size->second != height) {
      problem(relative + ": is " + std::to_string(size->first) + "x" + std::to_string(size->second) +
              "; declared " + std::to_string(width) + "x" + std::to_string(height));
    }
  }

  // Asset catalogs: every image a Contents.json declares exists and has the
  // declared pixel size (points x scale; stickers at the pack's grid size).
  void check_catalogs() {
    for (const std::string& f : files_) {
      if (!ends_with(f, "/Contents.json")) continue;
      std::string folder = fs::path(f).parent_path().generic_string();
      json contents = json::parse(read(f), nullptr, false);
      if (contents.is_discarded()) continue;
      if (ends_with(folder, ".stickersiconset") || ends_with(folder, ".appiconset")) {
        if (!contents.contains("images") || contents["images"].empty()) problem(f + ": no images");
        for (const json& image : contents.value("images", json::array())) {
          std::string file = image.value("filename", "");
          std::string size = image.value("size", "");
          std::string scale = image.value("scale", "1x");
          double w = 0, h = 0;
          if (std::sscanf(size.c_str(), "%lfx%lf", &w, &h) != 2 || file.empty()) {
            problem(f + ": image entry without filename or size");
            continue;
          }
          int factor = scale.empty() ? 1 : scale[0] - '0';
          expect_size(folder + "/" + file, static_cast<int>(w * factor), static_cast<int>(h * factor));
        }
      }
      if (ends_with(folder, ".stickerpack")) {
        std::string grid = contents.value("properties", json::object()).value("grid-size", "");
        int px = grid == "small" ? 300 : grid == "regular" ? 408 : grid == "large" ? 618 : 0;
        if (!px) problem(f + ": grid-size " + grid + " is not small/regular/large");
        for (const json& entry : contents.value("stickers", json::array())) {
          std::string sticker = folder + "/" + entry.value("filename", "");
          json info = json::parse(read(sticker + "/Contents.json"), nullptr, false);
          if (info.is_discarded()) {
            problem(sticker + "/Contents.json: missing or not JSON");
            continue;
          }
          std::vector<std::string> images;
          if (ends_with(sticker, ".stickersequence")) {
            for (const json& frame : info.value("frames", json::array()))
              images.push_back(frame.value("filename", ""));
            if (images.empty()) problem(sticker + ": sequence without frames");
          } else {
            images.push_back(info.value("properties", json::object()).value("filename", ""));
          }
          for (const std::string& image : images) expect_size(sticker + "/" + image, px, px);
        }
      }
    }
  }

  static bool is_object_id(const std::string& text) {
    return text.size() == 24 && std::all_of(text.begin(), text.end(), [](char c) {
             return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
           });
  }

  void collect_ids(const PlistNode& node, std::vector<std::string>& out) {
    if (node.kind == PlistNode::Kind::string) {
      if (is_object_id(node.text)) out.push_back(node.text);
    }
    for (const PlistNode& item : node.items) collect_ids(item, out);
    for (const auto& [key, value] : node.entries) {
      if (is_object_id(key)) out.push_back(key);
      collect_ids(value, out);
    }
  }

  // project.pbxproj: parses; every object id it mentions exists; every file
  // reference resolves (through its groups) to a file or folder on disk;
  // every Swift file is compiled; bundle ids and Info.plist paths are right.
  void check_pbxproj(const std::string& f) {
    ++report_.pbxproj;
    PlistNode root;
    try {
      root = parse_openstep_plist(read(f));
    } catch (const std::exception& e) {
      problem(f + ": " + e.what());
      return;
    }
    const PlistNode* objects = root.find("objects");
    if (!objects || !objects->is_dict()) return problem(f + ": no objects");
    auto object = [&](const std::string& id) { return objects->find(id); };
    if (!object(root.string_at("rootObject"))) problem(f + ": rootObject is not an object");
    std::vector<std::string> ids;
    for (const auto& [id, body] : objects->entries) {
      if (!is_object_id(id)) problem(f + ": object id " + id + " is not 24 hex digits");
      if (body.string_at("isa").empty()) problem(f + ": object " + id + " has no isa");
      collect_ids(body, ids);
    }
    for (const std::string& id : ids)
      if (!object(id)) problem(f + ": reference to missing object " + id);

    fs::path project_dir = fs::path(f).parent_path().parent_path();
    const PlistNode* project = object(root.string_at("rootObject"));
    if (!project) return;
    // Walk groups from the main group, accumulating paths.
    std::map<std::string, std::string> file_paths;  // file ref id -> project-relative path
    std::function<void(const std::string&, const fs::path&)> walk = [&](const std::string& id, const fs::path& base) {
      const PlistNode* node = object(id);
      if (!node) return;
      fs::path here = base;
      if (!node->string_at("path").empty()) here = base / node->string_at("path");
      if (node->string_at("isa") == "PBXGroup") {
        if (const PlistNode* children = node->find("children"))
          for (const PlistNode& child : children->items) walk(child.text, here);
      } else if (node->string_at("isa") == "PBXFileReference" && node->string_at("sourceTree") == "<group>") {
        file_paths[id] = (project_dir / here).lexically_normal().generic_string();
      }
    };
    walk(project->string_at("mainGroup"), "");
    for (const auto& [id, path] : file_paths) {
      ++report_.pbx_file_refs;
      if (!exists(path)) problem(f + ": file reference " + path + " does not exist");
    }
    std::set<std::string> compiled;
    std::set<std::string> product_types;
    for (const auto& [id, body] : objects->entries) {
      if (body.string_at("isa") == "PBXSourcesBuildPhase")
        for (const PlistNode& build : body.find("files")->items)
          if (const PlistNode* b = object(build.text)) compiled.insert(file_paths[b->string_at("fileRef")]);
      if (body.string_at("isa") != "PBXNativeTarget") continue;
      product_types.insert(body.string_at("productType"));
      const PlistNode* list = object(body.string_at("buildConfigurationList"));
      if (!list) continue;
      for (const PlistNode& config_id : list->find("buildConfigurations")->items) {
        const PlistNode* config = object(config_id.text);
        const PlistNode* settings = config ? config->find("buildSettings") : nullptr;
        if (!settings) continue;
        std::string id = settings->string_at("PRODUCT_BUNDLE_IDENTIFIER");
        try {
          apps::check_bundle_id(id, apps::Ecosystem::apple);
        } catch (const std::exception& e) {
          problem(f + ": " + e.what());
        }
        if (id != bundle_id_ && id.rfind(bundle_id_ + ".", 0) != 0)
          problem(f + ": bundle id " + id + " is not " + bundle_id_ + " or inside it");
        for (const char* key : {"INFOPLIST_FILE", "CODE_SIGN_ENTITLEMENTS"}) {
          std::string path = settings->string_at(key);
          if (!path.empty() && !exists((project_dir / path).generic_string()))
            problem(f + ": " + key + " " + path + " does not exist");
        }
        if (settings->string_at("INFOPLIST_FILE").empty()) problem(f + ": a target has no INFOPLIST_FILE");
        std::string icon = settings->string_at("ASSETCATALOG_COMPILER_APPICON_NAME");
        if (!icon.empty()) {
          bool found = false;
          for (const std::string& file : files_)
            found = found || file.find("/" + icon + ".appiconset/") != std::string::npos ||
                    file.find("/" + icon + ".stickersiconset/") != std::string::npos;
          if (!found) problem(f + ": app icon set " + icon + " is not in the project");
        }
      }
    }
    for (const std::string& file : files_)
      if (ends_with(file, ".swift") && !compiled.count(file))
        problem(file + ": Swift file is not compiled by any target");
    expected_product_types(f, product_types);
  }

  void expected_product_types(const std::string& f, const std::set<std::string>& types) {
    std::set<std::string> want;
    bool locked = std::any_of(files_.begin(), files_.end(),
                              [](const std::string& s) { return s.find("MessagesExtension/") == 0; });
    switch (kind_) {
      case apps::AppKind::imessage:
        want = {"com.apple.product-type.application.messages",
                locked ? "com.apple.product-type.app-extension.messages"
                       : "com.apple.product-type.app-extension.messages-sticker-pack"};
        break;
      case apps::AppKind::ios_keyboard:
        want = {"com.apple.product-type.application", "com.apple.product-type.app-extension"};
        break;
      case apps::AppKind::whatsapp_ios:
        want = {"com.apple.product-type.application"};
        break;
      default:
        break;
    }
    if (types != want) problem(f + ": unexpected target product types");
  }

  std::string xpath(const std::string& file, const std::string& expr) {
    CommandResult r = run_command("xmllint --xpath " + shell_quote(expr) + " " + shell_quote((dir_ / file).string()));
    if (r.status != 0) return "";
    while (!r.output.empty() && r.output.back() == '\n') r.output.pop_back();
    return r.output;
  }

  // Android attribute by local name (android:name -> @*[local-name()='name']).
  static std::string attr(const std::string& name) { return "@*[local-name()='" + name + "']"; }

  void expect_xpath(const std::string& file, const std::string& expr, const std::string& want,
                    const std::string& what) {
    std::string got = xpath(file, "string(" + expr + ")");
    if (got != want) problem(file + ": " + what + " is '" + got + "'; expected '" + want + "'");
  }

  void check_android_common() {
    const std::string manifest = "app/src/main/AndroidManifest.xml";
    for (const char* f : {"settings.gradle.kts", "build.gradle.kts", "app/build.gradle.kts", manifest.c_str(),
                          "app/src/main/res/values/strings.xml"})
      if (!exists(f)) problem(std::string(f) + ": missing");
    try {
      apps::check_bundle_id(bundle_id_, apps::Ecosystem::android);
    } catch (const std::exception& e) {
      problem(e.what());
    }
    std::string gradle = read("app/build.gradle.kts");
    if (gradle.find("applicationId = \"" + bundle_id_ + "\"") == std::string::npos)
      problem("app/build.gradle.kts: applicationId is not " + bundle_id_);
    expect_size("app/src/main/res/mipmap-xhdpi/ic_launcher.png", 96, 96);
    // Every resource the manifest and XML resources name exists.
    std::string strings = read("app/src/main/res/values/strings.xml");
    std::regex reference("@(string|xml|mipmap|drawable)/([A-Za-z0-9_]+)");
    for (const std::string& f : files_) {
      if (!ends_with(f, ".xml") && !ends_with(f, ".kt")) continue;
      std::string text = read(f);
      for (std::sregex_iterator it(text.begin(), text.end(), reference), end; it != end; ++it) {
        std::string type = (*it)[1], name = (*it)[2];
        if (type == "string") {
          if (strings.find("name=\"" + name + "\"") == std::string::npos)
            problem(f + ": @string/" + name + " is not in strings.xml");
        } else {
          bool found = std::any_of(files_.begin(), files_.end(), [&](const std::string& r) {
            return r.rfind("app/src/main/res/" + type, 0) == 0 && fs::path(r).stem() == name;
          });
          if (!found) problem(f + ": @" + type + "/" + name + " does not exist");
        }
      }
    }
    // Kotlin: package = application id, path matches, R.string ids exist.
    std::string package_dir = "app/src/main/java/" + std::regex_replace(bundle_id_, std::regex("\\."), "/") + "/";
    int kotlin = 0;
    std::regex r_string("R\\.string\\.([A-Za-z0-9_]+)");
    for (const std::string& f : files_) {
      if (!ends_with(f, ".kt")) continue;
      ++kotlin;
      if (f.rfind(package_dir, 0) != 0) problem(f + ": not in " + package_dir);
      std::string text = read(f);
      if (text.find("package " + bundle_id_ + "\n") == std::string::npos) problem(f + ": package is not " + bundle_id_);
      for (std::sregex_iterator it(text.begin(), text.end(), r_string), end; it != end; ++it)
        if (strings.find("name=\"" + (*it)[1].str() + "\"") == std::string::npos)
          problem(f + ": R.string." + (*it)[1].str() + " is not in strings.xml");
    }
    if (kotlin == 0) problem("no Kotlin sources");
    // Activities and services named in the manifest have a Kotlin file.
    std::string names = xpath(manifest, "//*[local-name()='activity' or local-name()='service' or local-name()='provider']/" + attr("name"));
    std::regex relative_class("\"\\.([A-Za-z0-9_]+)\"");
    for (std::sregex_iterator it(names.begin(), names.end(), relative_class), end; it != end; ++it)
      if (!exists(package_dir + (*it)[1].str() + ".kt")) problem(manifest + ": ." + (*it)[1].str() + " has no Kotlin file");
    bool internet = read(manifest).find("android.permission.INTERNET") != std::string::npos;
    bool locked = read(package_dir + "Redemption.kt").find("REQUIRED = true") != std::string::npos;
    if (internet != locked) problem(manifest + ": INTERNET permission should be present exactly when a verifier is set");
  }

  void check_whatsapp_android() {
    const std::string manifest = "app/src/main/AndroidManifest.xml";
    std::string provider = "//*[local-name()='provider'][" + attr("name") + "='.StickerContentProvider']";
    expect_xpath(manifest, provider + "/" + attr("readPermission"), "com.whatsapp.sticker.READ", "provider readPermission");
    expect_xpath(manifest, provider + "/" + attr("exported"), "true", "provider exported");
    expect_xpath(manifest, provider + "/" + attr("authorities"), "${contentProviderAuthority}", "provider authorities");
    std::string gradle = read("app/build.gradle.kts");
    if (gradle.find("\"" + bundle_id_ + ".stickercontentprovider\"") == std::string::npos)
      problem("app/build.gradle.kts: provider authority does not start with the application id");
    if (gradle.find("noCompress") == std::string::npos) problem("app/build.gradle.kts: webp assets are compressed");
    std::string kotlin = read("app/src/main/java/" + std::regex_replace(bundle_id_, std::regex("\\."), "/") +
                              "/StickerContentProvider.kt");
    for (const char* column : {"sticker_pack_identifier", "sticker_pack_name", "sticker_pack_publisher",
                               "sticker_pack_icon", "android_play_store_link", "ios_app_download_link",
                               "sticker_pack_publisher_email", "sticker_pack_publisher_website",
                               "sticker_pack_privacy_policy_website", "sticker_pack_license_agreement_website",
                               "image_data_version", "whatsapp_will_not_cache_stickers", "animated_sticker_pack",
                               "sticker_file_name", "sticker_emoji", "sticker_accessibility_text",
                               "\"metadata\"", "\"stickers\"", "\"stickers_asset\""})
      if (kotlin.find(column) == std::string::npos) problem("StickerContentProvider.kt: lacks " + std::string(column));
    check_whatsapp_assets("app/src/main/assets/");
  }

  // contents.json of the sample-app layout: every listed file exists with
  // WhatsApp's sizes (512x512 stickers, 96x96 tray).
  void check_whatsapp_assets(const std::string& base) {
    json contents = json::parse(read(base + "contents.json"), nullptr, false);
    if (contents.is_discarded() || !contents.contains("sticker_packs")) return problem(base + "contents.json: unreadable");
    for (const json& pack : contents["sticker_packs"]) {
      std::string id = pack.value("identifier", "");
      expect_size(base + id + "/" + pack.value("tray_image_file", ""), 96, 96);
      int count = 0;
      for (const json& sticker : pack.value("stickers", json::array())) {
        expect_size(base + id + "/" + sticker.value("image_file", ""), 512, 512);
        ++count;
      }
      if (count < 3 || count > 30) problem(base + "contents.json: pack " + id + " has " + std::to_string(count) + " stickers");
    }
  }

  void check_android_keyboard() {
    const std::string manifest = "app/src/main/AndroidManifest.xml";
    std::string service = "//*[local-name()='service'][" + attr("name") + "='.StickerKeyboardService']";
    expect_xpath(manifest, service + "/" + attr("permission"), "android.permission.BIND_INPUT_METHOD", "IME permission");
    expect_xpath(manifest, service + "/*[local-name()='intent-filter']/*[local-name()='action']/" + attr("name"),
                 "android.view.InputMethod", "IME intent action");
    expect_xpath(manifest, service + "/*[local-name()='meta-data']/" + attr("name"), "android.view.im", "IME meta-data");
    expect_xpath(manifest, service + "/*[local-name()='meta-data']/" + attr("resource"), "@xml/method", "IME resource");
    expect_xpath("app/src/main/res/xml/method.xml", "local-name(/*)", "input-method", "method.xml root");
    std::string provider = "//*[local-name()='provider'][" + attr("name") + "='androidx.core.content.FileProvider']";
    expect_xpath(manifest, provider + "/" + attr("exported"), "false", "FileProvider exported");
    expect_xpath(manifest, provider + "/" + attr("grantUriPermissions"), "true", "FileProvider grantUriPermissions");
    expect_xpath(manifest, provider + "/" + attr("authorities"), "${applicationId}.fileprovider", "FileProvider authorities");
    expect_xpath(manifest, provider + "/*[local-name()='meta-data']/" + attr("name"),
                 "android.support.FILE_PROVIDER_PATHS", "FileProvider meta-data");
    expect_xpath(manifest, provider + "/*[local-name()='meta-data']/" + attr("resource"), "@xml/file_paths",
                 "FileProvider paths");
    expect_xpath("app/src/main/res/xml/file_paths.xml", "local-name(/paths/*[1])", "cache-path", "file_paths entry");
    std::string dir = "app/src/main/java/" + std::regex_replace(bundle_id_, std::regex("\\."), "/") + "/";
    std::string sender = read(dir + "StickerSender.kt");
    for (const char* needle : {"InputConnectionCompat.commitContent", "INPUT_CONTENT_GRANT_READ_URI_PERMISSION",
                               "EditorInfoCompat.getContentMimeTypes", "FileProvider.getUriForFile",
                               "\"${context.packageName}.fileprovider\"", "commitText"})
      if (sender.find(needle) == std::string::npos) problem(dir + "StickerSender.kt: lacks " + needle);
    json stickers = json::parse(read("app/src/main/assets/stickers/stickers.json"), nullptr, false);
    if (stickers.is_discarded() || stickers.empty()) return problem("assets/stickers/stickers.json: missing or empty");
    for (const json& s : stickers) expect_size("app/src/main/assets/stickers/" + s.value("file", ""), 512, 512);
  }

  std::string plist_value(const std::string& file, const std::string& path) {
    return xpath(file, "string(" + path + ")");
  }
  static std::string key(const std::string& name) {
    return "/key[.='" + name + "']/following-sibling::*[1]";
  }

  void check_bundled_stickers(const std::string& folder, int px_min) {
    json stickers = json::parse(read(folder + "/stickers.json"), nullptr, false);
    if (stickers.is_discarded() || stickers.empty()) return problem(folder + "/stickers.json: missing or empty");
    for (const json& s : stickers) {
      auto size = size_of(folder + "/" + s.value("file", ""));
      if (!size || size->first != size->second || size->first < px_min)
        problem(folder + "/" + s.value("file", "") + ": missing or not a square sticker");
    }
  }

  void check_imessage() {
    bool locked = exists("MessagesExtension/Info.plist");
    std::string ext = locked ? "MessagesExtension/Info.plist" : "StickerPackExtension/Info.plist";
    if (plist_value(ext, "/plist/dict" + key("NSExtension") + key("NSExtensionPointIdentifier")) !=
        "com.apple.message-payload-provider")
      problem(ext + ": NSExtensionPointIdentifier is not com.apple.message-payload-provider");
    std::string principal = plist_value(ext, "/plist/dict" + key("NSExtension") + key("NSExtensionPrincipalClass"));
    if (principal != (locked ? "$(PRODUCT_MODULE_NAME).MessagesViewController" : "StickerBrowserViewController"))
      problem(ext + ": NSExtensionPrincipalClass is " + principal);
    if (locked) {
      check_bundled_stickers("MessagesExtension/Stickers", 300);
    } else if (!exists("StickerPackExtension/Stickers.xcstickers/Contents.json")) {
      problem("StickerPackExtension/Stickers.xcstickers: missing");
    }
  }

  void check_whatsapp_ios() {
    std::string schemes = plist_value("App/Info.plist", "/plist/dict" + key("LSApplicationQueriesSchemes") + "/string[1]");
    if (schemes != "whatsapp") problem("App/Info.plist: LSApplicationQueriesSchemes lacks whatsapp");
    std::string handoff = read("App/WhatsAppHandoff.swift");
    for (const char* needle : {"\"net.whatsapp.third-party.sticker-pack\"", "whatsapp://stickerPack", ".localOnly: true",
                               "timeIntervalSinceNow: 60", "\"tray_image\"", "\"image_data\""})
      if (handoff.find(needle) == std::string::npos) problem("App/WhatsAppHandoff.swift: lacks " + std::string(needle));
    check_whatsapp_assets("App/Stickers/");
    expect_size("App/Assets.xcassets/AppIcon.appiconset/AppIcon.png", 1024, 1024);
  }

  void check_ios_keyboard() {
    std::string ext = "Keyboard/Info.plist";
    std::string ns = "/plist/dict" + key("NSExtension");
    if (plist_value(ext, ns + key("NSExtensionPointIdentifier")) != "com.apple.keyboard-service")
      problem(ext + ": not a keyboard extension");
    if (xpath(ext, "local-name(" + ns + key("NSExtensionAttributes") + key("RequestsOpenAccess") + ")") != "true")
      problem(ext + ": RequestsOpenAccess is not true");
    std::string controller = read("Keyboard/KeyboardViewController.swift");
    for (const char* needle : {"UIInputViewController", "hasFullAccess", "UIPasteboard.general", "insertText"})
      if (controller.find(needle) == std::string::npos) problem("KeyboardViewController.swift: lacks " + std::string(needle));
    check_bundled_stickers("Keyboard/Stickers", 300);
  }

  fs::path dir_;
  apps::AppKind kind_;
  std::string bundle_id_;
  std::vector<std::string> files_;
  ProjectReport report_;
};

}  // namespace

ProjectReport check_project(const fs::path& dir, apps::AppKind kind, const std::string& bundle_id) {
  return Checker(dir, kind, bundle_id).run();
}

std::string describe(const ProjectReport& report) {
  std::string out = std::to_string(report.files) + " files, " + std::to_string(report.json) + " JSON, " +
                    std::to_string(report.xml) + " XML, " + std::to_string(report.plists) + " plists, " +
                    std::to_string(report.images) + " images, " + std::to_string(report.pbx_file_refs) +
                    " pbxproj file refs";
  for (const std::string& p : report.problems) out += "\n  problem: " + p;
  return out;
}

}  // namespace sf::test
