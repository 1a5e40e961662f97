#include "codes/brand_json.h"

#include <algorithm>

namespace sf::codes {

using nlohmann::json;

Brand brand_from_json(const json& value, const std::string& where,
                      const std::filesystem::path& campaigns_dir, Problems& problems) {
  Brand brand;
  if (!value.is_object()) {
    problems.push_back({where, "expected an object like {\"name\": \"…\", \"logo\": \"brand/logo.png\", "
                               "\"colors\": {\"primary\": \"#RRGGBB\"}}"});
    return brand;
  }
  static const char* kKnown[] = {"name", "logo", "colors", "support_url", "privacy_url"};
  for (const auto& [key, unused] : value.items())
    if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown))
      problems.push_back({where + "." + key, "is not a brand field; expected name, logo, colors, "
                                             "support_url or privacy_url"});
  auto text = [&](const json& object, const std::string& field_where, const char* name,
                  std::string& out) {
    if (!object.contains(name) || object[name].is_null()) return;
    if (object[name].is_string()) out = object[name].get<std::string>();
    else problems.push_back({field_where + "." + name, "expected a string"});
  };
  text(value, where, "name", brand.name);
  text(value, where, "logo", brand.logo);
  if (!brand.logo.empty()) brand.logo_file = campaigns_dir / brand.logo;
  text(value, where, "support_url", brand.support_url);
  text(value, where, "privacy_url", brand.privacy_url);
  if (value.contains("colors") && !value["colors"].is_null()) {
    const json& colors = value["colors"];
    std::string colors_where = where + ".colors";
    if (!colors.is_object()) {
      problems.push_back({colors_where, "expected an object {\"primary\", \"background\", \"text\"}"});
    } else {
      for (const auto& [key, unused] : colors.items())
        if (key != "primary" && key != "background" && key != "text")
          problems.push_back({colors_where + "." + key,
                              "is not a brand colour; expected primary, background or text"});
      text(colors, colors_where, "primary", brand.colors.primary);
      text(colors, colors_where, "background", brand.colors.background);
      text(colors, colors_where, "text", brand.colors.text);
    }
  }
  check_brand(brand, where, problems);
  return brand;
}

json brand_to_json(const Brand& brand) {
  json out = json::object();
  if (!brand.name.empty()) out["name"] = brand.name;
  if (!brand.logo.empty()) out["logo"] = brand.logo;
  json colors = json::object();
  if (!brand.colors.primary.empty()) colors["primary"] = brand.colors.primary;
  if (!brand.colors.background.empty()) colors["background"] = brand.colors.background;
  if (!brand.colors.text.empty()) colors["text"] = brand.colors.text;
  if (!colors.empty()) out["colors"] = colors;
  if (!brand.support_url.empty()) out["support_url"] = brand.support_url;
  if (!brand.privacy_url.empty()) out["privacy_url"] = brand.privacy_url;
  return out;
}

}  // namespace sf::codes
