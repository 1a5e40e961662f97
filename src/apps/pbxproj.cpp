#include "apps/pbxproj.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

#include "base/error.h"
#include "base/text.h"

namespace sf::apps {
namespace {

// A pbxproj value: a string, a list or a dictionary (keys kept in order).
struct Value {
  enum class Kind { string, list, dict } kind = Kind::string;
  std::string text;
  std::vector<Value> items;
  std::vector<std::string> keys;  // dict only, parallel to items

  Value() = default;
  Value(std::string s) : text(std::move(s)) {}  // NOLINT: implicit on purpose
  Value(const char* s) : text(s) {}             // NOLINT
  static Value list(std::vector<Value> items) {
    Value v;
    v.kind = Kind::list;
    v.items = std::move(items);
    return v;
  }
  static Value dict() {
    Value v;
    v.kind = Kind::dict;
    return v;
  }
  Value& set(std::string key, Value value) {
    keys.push_back(std::move(key));
    items.push_back(std::move(value));
    return *this;
  }
};

struct Object {
  std::string id;
  std::string comment;
  Value body;  // a dict whose first key is "isa"
};

std::uint64_t fnv1a(const std::string& text, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::string file_type(const std::string& path) {
  auto dot = path.rfind('.');
  auto slash = path.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "folder";
  std::string ext = path.substr(dot + 1);
  static const std::map<std::string, std::string> kTypes = {
      {"swift", "sourcecode.swift"},
      {"plist", "text.plist.xml"},
      {"entitlements", "text.plist.entitlements"},
      {"xcassets", "folder.assetcatalog"},
      {"xcstickers", "folder.stickers"},
      {"storyboard", "file.storyboard"},
      {"png", "image.png"},
      {"json", "text.json"},
      {"strings", "text.plist.strings"},
      {"md", "net.daringfireball.markdown"},
  };
  auto found = kTypes.find(ext);
  return found == kTypes.end() ? "file" : found->second;
}

std::string base_name(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string parent_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

class Writer {
 public:
  explicit Writer(const XcodeProject& project) : project_(project) {}

  std::string render() {
    for (const XcodeTarget& target : project_.targets) targets_by_name_[target.name] = &target;
    add_file_tree();
    for (const XcodeTarget& target : project_.targets) add_target(target);
    add_project();
    return text();
  }

 private:
  std::string id(const std::string& key) { return xcode_object_id(project_.name + "\n" + key); }

  void add(const std::string& object_id, std::string comment, Value body) {
    comments_[object_id] = comment;
    objects_.push_back({object_id, std::move(comment), std::move(body)});
  }

  // Groups mirror folders; every named path becomes one file reference.
  void add_file_tree() {
    std::set<std::string> paths;
    for (const XcodeTarget& t : project_.targets) {
      for (const auto& p : t.sources) paths.insert(p);
      for (const auto& p : t.resources) paths.insert(p);
      if (!t.info_plist.empty()) paths.insert(t.info_plist);
      if (!t.entitlements.empty()) paths.insert(t.entitlements);
    }
    std::map<std::string, std::vector<std::string>> children;  // group path -> child ids
    std::set<std::string> groups = {""};
    for (const std::string& path : paths) {
      std::string file_id = id("file:" + path);
      Value ref = Value::dict();
      ref.set("isa", "PBXFileReference");
      std::string type = file_type(path);
      ref.set("lastKnownFileType", type);
      ref.set("path", pbx_quote(base_name(path)));
      ref.set("sourceTree", "\"<group>\"");
      add(file_id, base_name(path), ref);
      children[parent_of(path)].push_back(file_id);
      for (std::string dir = parent_of(path); !dir.empty(); dir = parent_of(dir)) {
        if (!groups.insert(dir).second) break;
        children[parent_of(dir)].push_back(id("group:" + dir));
      }
    }
    for (const XcodeTarget& t : project_.targets) {
      std::string product = t.name + (t.is_extension ? ".appex" : ".app");
      Value ref = Value::dict();
      ref.set("isa", "PBXFileReference");
      ref.set("explicitFileType", t.is_extension ? "\"wrapper.app-extension\"" : "wrapper.application");
      ref.set("includeInIndex", "0");
      ref.set("path", pbx_quote(product));
      ref.set("sourceTree", "BUILT_PRODUCTS_DIR");
      add(id("product:" + t.name), product, ref);
    }
    for (const std::string& dir : groups) {
      std::vector<Value> items;
      for (const std::string& child : children[dir]) items.push_back(child);
      if (dir.empty()) items.push_back(id("group:Products"));
      Value group = Value::dict();
      group.set("isa", "PBXGroup");
      group.set("children", Value::list(items));
      if (!dir.empty()) group.set("path", pbx_quote(base_name(dir)));
      group.set("sourceTree", "\"<group>\"");
      add(id("group:" + dir), dir.empty() ? "" : base_name(dir), group);
    }
    std::vector<Value> products;
    for (const XcodeTarget& t : project_.targets) products.push_back(id("product:" + t.name));
    Value group = Value::dict();
    group.set("isa", "PBXGroup");
    group.set("children", Value::list(products));
    group.set("name", "Products");
    group.set("sourceTree", "\"<group>\"");
    add(id("group:Products"), "Products", group);
  }

  std::string phase(const XcodeTarget& t, const std::string& isa, const std::string& name,
                    const std::vector<std::string>& paths) {
    std::string phase_id = id("phase:" + t.name + ":" + name);
    std::vector<Value> files;
    for (const std::string& path : paths) {
      std::string build_id = id("build:" + t.name + ":" + name + ":" + path);
      Value build = Value::dict();
      build.set("isa", "PBXBuildFile");
      build.set("fileRef", id("file:" + path));
      add(build_id, base_name(path) + " in " + name, build);
      files.push_back(build_id);
    }
    Value body = Value::dict();
    body.set("isa", isa);
    body.set("buildActionMask", "2147483647");
    body.set("files", Value::list(files));
    body.set("runOnlyForDeploymentPostprocessing", "0");
    add(phase_id, name, body);
    return phase_id;
  }

  std::string embed_phase(const XcodeTarget& t) {
    const std::string name = "Embed Foundation Extensions";
    std::vector<Value> files;
    for (const std::string& embedded : t.embeds) {
      auto found = targets_by_name_.find(embedded);
      if (found == targets_by_name_.end() || !found->second->is_extension)
        throw internal_error("xcode target " + quote(t.name) + " embeds " + quote(embedded) +
                             ", which is not an extension target of this project");
      std::string build_id = id("build:" + t.name + ":embed:" + embedded);
      Value build = Value::dict();
      build.set("isa", "PBXBuildFile");
      build.set("fileRef", id("product:" + embedded));
      Value settings = Value::dict();
      settings.set("ATTRIBUTES", Value::list({"RemoveHeadersOnCopy"}));
      build.set("settings", settings);
      add(build_id, embedded + ".appex in " + name, build);
      files.push_back(build_id);
    }
    std::string phase_id = id("phase:" + t.name + ":embed");
    Value body = Value::dict();
    body.set("isa", "PBXCopyFilesBuildPhase");
    body.set("buildActionMask", "2147483647");
    body.set("dstPath", "\"\"");
    body.set("dstSubfolderSpec", "13");
    body.set("files", Value::list(files));
    body.set("name", pbx_quote(name));
    body.set("runOnlyForDeploymentPostprocessing", "0");
    add(phase_id, name, body);
    return phase_id;
  }

  std::string dependency(const XcodeTarget& t, const std::string& embedded) {
    std::string proxy_id = id("proxy:" + t.name + ":" + embedded);
    Value proxy = Value::dict();
    proxy.set("isa", "PBXContainerItemProxy");
    proxy.set("containerPortal", id("project"));
    proxy.set("proxyType", "1");
    proxy.set("remoteGlobalIDString", id("target:" + embedded));
    proxy.set("remoteInfo", pbx_quote(embedded));
    add(proxy_id, "PBXContainerItemProxy", proxy);
    std::string dep_id = id("dependency:" + t.name + ":" + embedded);
    Value dep = Value::dict();
    dep.set("isa", "PBXTargetDependency");
    dep.set("target", id("target:" + embedded));
    dep.set("targetProxy", proxy_id);
    add(dep_id, "PBXTargetDependency", dep);
    return dep_id;
  }

  std::string config_list(const std::string& owner, const std::string& comment_owner,
                          const Value& debug, const Value& release) {
    std::vector<Value> configs;
    for (const auto& [name, settings] : {std::pair{"Debug", &debug}, std::pair{"Release", &release}}) {
      std::string config_id = id("config:" + owner + ":" + name);
      Value config = Value::dict();
      config.set("isa", "XCBuildConfiguration");
      config.set("buildSettings", *settings);
      config.set("name", name);
      add(config_id, name, config);
      configs.push_back(config_id);
    }
    std::string list_id = id("configlist:" + owner);
    Value list = Value::dict();
    list.set("isa", "XCConfigurationList");
    list.set("buildConfigurations", Value::list(configs));
    list.set("defaultConfigurationIsVisible", "0");
    list.set("defaultConfigurationName", "Release");
    add(list_id, "Build configuration list for " + comment_owner, list);
    return list_id;
  }

  Value target_settings(const XcodeTarget& t) {
    std::map<std::string, Value> s;
    if (!t.app_icon.empty()) s["ASSETCATALOG_COMPILER_APPICON_NAME"] = pbx_quote(t.app_icon);
    if (!t.entitlements.empty()) s["CODE_SIGN_ENTITLEMENTS"] = pbx_quote(t.entitlements);
    s["CODE_SIGN_STYLE"] = "Automatic";
    s["CURRENT_PROJECT_VERSION"] = "1";
    s["GENERATE_INFOPLIST_FILE"] = "NO";
    s["INFOPLIST_FILE"] = pbx_quote(t.info_plist);
    s["IPHONEOS_DEPLOYMENT_TARGET"] = pbx_quote(project_.deployment_target);
    std::vector<Value> runpaths = {"\"$(inherited)\"", "\"@executable_path/Frameworks\""};
    if (t.is_extension) runpaths.push_back("\"@executable_path/../../Frameworks\"");
    s["LD_RUNPATH_SEARCH_PATHS"] = Value::list(runpaths);
    s["MARKETING_VERSION"] = "1.0";
    s["PRODUCT_BUNDLE_IDENTIFIER"] = pbx_quote(t.bundle_id);
    s["PRODUCT_NAME"] = "\"$(TARGET_NAME)\"";
    if (t.is_extension) s["SKIP_INSTALL"] = "YES";
    if (!t.sources.empty()) s["SWIFT_VERSION"] = "5.0";
    s["TARGETED_DEVICE_FAMILY"] = "\"1,2\"";
    for (const auto& [key, value] : t.settings) s[key] = pbx_quote(value);
    Value dict = Value::dict();
    for (auto& [key, value] : s) dict.set(key, value);
    return dict;
  }

  void add_target(const XcodeTarget& t) {
    std::vector<Value> phases;
    if (!t.sources.empty())
      phases.push_back(phase(t, "PBXSourcesBuildPhase", "Sources", t.sources));
    phases.push_back(phase(t, "PBXFrameworksBuildPhase", "Frameworks", {}));
    phases.push_back(phase(t, "PBXResourcesBuildPhase", "Resources", t.resources));
    std::vector<Value> dependencies;
    if (!t.embeds.empty()) {
      phases.push_back(embed_phase(t));
      for (const std::string& embedded : t.embeds) dependencies.push_back(dependency(t, embedded));
    }
    Value settings = target_settings(t);
    std::string list_id =
        config_list("target:" + t.name, "PBXNativeTarget " + pbx_quote(t.name), settings, settings);
    Value body = Value::dict();
    body.set("isa", "PBXNativeTarget");
    body.set("buildConfigurationList", list_id);
    body.set("buildPhases", Value::list(phases));
    body.set("buildRules", Value::list({}));
    body.set("dependencies", Value::list(dependencies));
    body.set("name", pbx_quote(t.name));
    body.set("productName", pbx_quote(t.name));
    body.set("productReference", id("product:" + t.name));
    body.set("productType", pbx_quote(t.product_type));
    add(id("target:" + t.name), t.name, body);
  }

  void add_project() {
    auto common = [&](bool debug) {
      Value s = Value::dict();
      s.set("ALWAYS_SEARCH_USER_PATHS", "NO");
      s.set("CLANG_ENABLE_MODULES", "YES");
      s.set("CLANG_ENABLE_OBJC_ARC", "YES");
      s.set("COPY_PHASE_STRIP", "NO");
      s.set("DEBUG_INFORMATION_FORMAT", debug ? "dwarf" : "\"dwarf-with-dsym\"");
      if (!debug) s.set("ENABLE_NS_ASSERTIONS", "NO");
      s.set("ENABLE_STRICT_OBJC_MSGSEND", "YES");
      if (debug) s.set("ENABLE_TESTABILITY", "YES");
      s.set("ENABLE_USER_SCRIPT_SANDBOXING", "YES");
      s.set("GCC_C_LANGUAGE_STANDARD", "gnu17");
      if (debug) s.set("GCC_OPTIMIZATION_LEVEL", "0");
      s.set("IPHONEOS_DEPLOYMENT_TARGET", pbx_quote(project_.deployment_target));
      if (debug) s.set("ONLY_ACTIVE_ARCH", "YES");
      s.set("SDKROOT", "iphoneos");
      if (debug) s.set("SWIFT_ACTIVE_COMPILATION_CONDITIONS", "DEBUG");
      if (!debug) s.set("SWIFT_COMPILATION_MODE", "wholemodule");
      s.set("SWIFT_OPTIMIZATION_LEVEL", debug ? "\"-Onone\"" : "\"-O\"");
      if (!debug) s.set("VALIDATE_PRODUCT", "YES");
      return s;
    };
    std::string list_id = config_list("project", "PBXProject " + pbx_quote(project_.name),
                                      common(true), common(false));
    Value target_attributes = Value::dict();
    std::vector<Value> targets;
    for (const XcodeTarget& t : project_.targets) {
      Value attrs = Value::dict();
      attrs.set("CreatedOnToolsVersion", "15.0");
      target_attributes.set(id("target:" + t.name), attrs);
      targets.push_back(id("target:" + t.name));
    }
    Value attributes = Value::dict();
    attributes.set("BuildIndependentTargetsInParallel", "1");
    attributes.set("LastSwiftUpdateCheck", "1500");
    attributes.set("LastUpgradeCheck", "1500");
    attributes.set("TargetAttributes", target_attributes);
    Value body = Value::dict();
    body.set("isa", "PBXProject");
    body.set("attributes", attributes);
    body.set("buildConfigurationList", list_id);
    body.set("compatibilityVersion", "\"Xcode 14.0\"");
    body.set("developmentRegion", "en");
    body.set("hasScannedForEncodings", "0");
    body.set("knownRegions", Value::list({"en", "Base"}));
    body.set("mainGroup", id("group:"));
    body.set("productRefGroup", id("group:Products"));
    body.set("projectDirPath", "\"\"");
    body.set("projectRoot", "\"\"");
    body.set("targets", Value::list(targets));
    add(id("project"), "Project object", body);
  }

  std::string with_comment(const std::string& text) {
    auto found = comments_.find(text);
    if (found == comments_.end() || found->second.empty()) return text;
    return text + " /* " + found->second + " */";
  }

  void render_value(const Value& v, int depth, std::string& out) {
    std::string indent(depth, '\t');
    switch (v.kind) {
      case Value::Kind::string:
        out += with_comment(v.text);
        break;
      case Value::Kind::list:
        out += "(\n";
        for (const Value& item : v.items) {
          out += indent + "\t";
          render_value(item, depth + 1, out);
          out += ",\n";
        }
        out += indent + ")";
        break;
      case Value::Kind::dict:
        out += "{\n";
        for (std::size_t i = 0; i < v.items.size(); ++i) {
          out += indent + "\t" + with_comment(v.keys[i]) + " = ";
          render_value(v.items[i], depth + 1, out);
          out += ";\n";
        }
        out += indent + "}";
        break;
    }
  }

  // Xcode's layout: objects grouped in "Begin <isa> section" blocks, sections
  // sorted by isa and objects by id, so diffs between runs stay empty.
  std::string text() {
    std::map<std::string, std::map<std::string, const Object*>> sections;
    for (const Object& object : objects_) sections[object.body.items[0].text][object.id] = &object;
    std::string out = "// !$*UTF8*$!\n{\n\tarchiveVersion = 1;\n\tclasses = {\n\t};\n"
                      "\tobjectVersion = 56;\n\tobjects = {\n";
    for (const auto& [isa, objects] : sections) {
      out += "\n/* Begin " + isa + " section */\n";
      for (const auto& [object_id, object] : objects) {
        out += "\t\t" + with_comment(object_id) + " = ";
        render_value(object->body, 2, out);
        out += ";\n";
      }
      out += "/* End " + isa + " section */\n";
    }
    out += "\t};\n\trootObject = " + with_comment(id("project")) + ";\n}\n";
    return out;
  }

  const XcodeProject& project_;
  std::map<std::string, const XcodeTarget*> targets_by_name_;
  std::vector<Object> objects_;
  std::map<std::string, std::string> comments_;
};

}  // namespace

std::string render_pbxproj(const XcodeProject& project) { return Writer(project).render(); }

std::string xcode_object_id(const std::string& key) {
  // 96 bits from two differently seeded FNV-1a hashes: collisions between the
  // few hundred objects of a project are out of reach.
  std::uint64_t high = fnv1a(key, 0xcbf29ce484222325ull);
  std::uint64_t low = fnv1a(key, 0x84222325cbf29ce4ull);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%016llX%08llX", static_cast<unsigned long long>(high),
                static_cast<unsigned long long>(low & 0xffffffffull));
  return buffer;
}

std::string pbx_quote(const std::string& value) {
  bool bare = !value.empty();
  for (char c : value) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '$' || c == '/' || c == ':' || c == '.' || c == '-';
    bare = bare && ok;
  }
  if (bare) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

XcodeTarget ios_app_target(const std::string& name, const std::string& bundle_id,
                           const std::string& app_icon, const std::string& product_type) {
  XcodeTarget app;
  app.name = name;
  app.product_type = product_type;
  app.bundle_id = bundle_id;
  app.info_plist = "App/Info.plist";
  app.app_icon = app_icon;
  return app;
}

XcodeTarget ios_extension_target(const std::string& name, const std::string& product_type,
                                 const std::string& app_bundle_id) {
  XcodeTarget extension;
  extension.name = name;
  extension.product_type = product_type;
  extension.is_extension = true;
  extension.bundle_id = app_bundle_id + "." + name;
  extension.info_plist = name + "/Info.plist";
  return extension;
}

}  // namespace sf::apps
