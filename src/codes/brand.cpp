#include "codes/brand.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <system_error>

#include "base/text.h"

namespace sf::codes {
namespace {

constexpr std::size_t kMaxNameLength = 80;
constexpr std::uintmax_t kMaxLogoBytes = 1 << 20;
// WCAG AA for body text: what a customer at a till or in the sun can read.
constexpr double kMinTextContrast = 4.5;

const BrandColors kDefaultColors{"#1F4E9C", "#FFFFFF", "#1F2328"};

double channel(int value) {
  double c = value / 255.0;
  return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(std::string_view color) {
  std::string hex = normalize_color(color);
  if (hex.empty()) return 0;
  int rgb[3];
  for (int i = 0; i < 3; ++i) rgb[i] = std::stoi(hex.substr(1 + 2 * i, 2), nullptr, 16);
  return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
}

bool has_control_or_space(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f || c == ' ' || c == '"' || c == '<' || c == '>';
  });
}

void check_url(const std::string& url, const std::string& where, Problems& problems) {
  if (url.empty()) return;
  bool scheme_ok = url.starts_with("https://") || url.starts_with("http://") ||
                   url.starts_with("mailto:");
  std::size_t rest = url.starts_with("mailto:") ? 7 : url.find("://") + 3;
  if (!scheme_ok || url.size() <= rest || has_control_or_space(url) || url.size() > 2000)
    problems.push_back({where, quote(url) + " is not a link; expected https://…, http://… or "
                                            "mailto:… without spaces"});
}

// The first bytes must match the extension, so a renamed JPEG or an HTML file
// never reaches a customer's page as a "logo".
std::string sniff_logo(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(512, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.starts_with("\x89PNG\r\n\x1a\n")) return "png";
  if (head.find("<svg") != std::string::npos) return "svg";
  return "";
}

void check_logo(Brand& brand, const std::string& where, Problems& problems) {
  if (brand.logo.empty()) return;
  std::string ext = brand.logo_file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext != ".png" && ext != ".svg") {
    problems.push_back({where, quote(brand.logo) + " is not a PNG or SVG file; expected a path "
                                                   "ending in .png or .svg"});
    return;
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(brand.logo_file, ec)) {
    problems.push_back({where, quote(brand.logo) + " does not exist (looked for " +
                                   quote(brand.logo_file.string()) +
                                   "); expected a path relative to the campaigns file"});
    return;
  }
  auto size = std::filesystem::file_size(brand.logo_file, ec);
  if (!ec && size > kMaxLogoBytes) {
    problems.push_back({where, quote(brand.logo) + " is " + std::to_string(size / 1024) +
                                   " KiB; expected at most 1024 KiB (it is sent to every customer)"});
    return;
  }
  std::string kind = sniff_logo(brand.logo_file);
  if (kind != ext.substr(1))
    problems.push_back({where, quote(brand.logo) + " does not hold " +
                                   (ext == ".png" ? "a PNG image" : "an SVG image") +
                                   "; expected its content to match the extension"});
}

}  // namespace

bool Brand::empty() const {
  return name.empty() && logo.empty() && colors.primary.empty() && colors.background.empty() &&
         colors.text.empty() && support_url.empty() && privacy_url.empty();
}

std::string normalize_color(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return "";
  std::string out = "#";
  for (char c : text.substr(1)) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return "";
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

double contrast_ratio(std::string_view a, std::string_view b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::string readable_on(std::string_view background) {
  return contrast_ratio(background, "#FFFFFF") >= contrast_ratio(background, "#111111") ? "#FFFFFF"
                                                                                         : "#111111";
}

BrandColors effective_colors(const Brand& brand) {
  BrandColors out = kDefaultColors;
  if (!brand.colors.primary.empty()) out.primary = brand.colors.primary;
  if (!brand.colors.background.empty()) out.background = brand.colors.background;
  if (!brand.colors.text.empty()) out.text = brand.colors.text;
  // A brand that sets only a dark background still gets readable text.
  if (brand.colors.text.empty() && contrast_ratio(out.text, out.background) < kMinTextContrast)
    out.text = readable_on(out.background);
  return out;
}

std::string qr_dark_color(const Brand& brand) {
  for (const std::string& color : {brand.colors.primary, brand.colors.text})
    if (!normalize_color(color).empty() && contrast_ratio(color, "#FFFFFF") >= kMinTextContrast)
      return normalize_color(color);
  return "#000000";
}

std::string logo_media_type(const Brand& brand) {
  if (brand.logo.empty()) return "";
  std::string ext = brand.logo_file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".svg" ? "image/svg+xml" : "image/png";
}

void check_brand(Brand& brand, const std::string& where, Problems& problems) {
  if (brand.name.size() > kMaxNameLength)
    problems.push_back({where + ".name", quote(brand.name.substr(0, 20) + "…") + " is " +
                                             std::to_string(brand.name.size()) +
                                             " bytes long; expected at most 80"});
  if (std::any_of(brand.name.begin(), brand.name.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    problems.push_back({where + ".name", quote(brand.name) + " contains control characters; "
                                                             "expected plain text"});
  check_logo(brand, where + ".logo", problems);
  struct Field {
    const char* name;
    std::string* value;
  } colors[] = {{"primary", &brand.colors.primary},
                {"background", &brand.colors.background},
                {"text", &brand.colors.text}};
  bool text_colors_ok = true;  // contrast is judged only when both can be read
  for (auto& [name, value] : colors) {
    if (value->empty()) continue;
    std::string normal = normalize_color(*value);
    if (normal.empty()) {
      problems.push_back({where + ".colors." + name,
                          quote(*value) + " is not a colour; expected #RRGGBB, e.g. \"#E4572E\""});
      if (value != &brand.colors.primary) text_colors_ok = false;
    } else {
      *value = normal;
    }
  }
  if (text_colors_ok && (!brand.colors.text.empty() || !brand.colors.background.empty())) {
    BrandColors used = kDefaultColors;
    if (!brand.colors.background.empty()) used.background = brand.colors.background;
    if (!brand.colors.text.empty()) used.text = brand.colors.text;
    else used = effective_colors(brand);
    double ratio = contrast_ratio(used.text, used.background);
    if (ratio < kMinTextContrast) {
      char text[160];
      std::snprintf(text, sizeof text,
                    "text %s on background %s has a contrast of %.1f:1; expected at least 4.5:1 "
                    "so customers can read it",
                    used.text.c_str(), used.background.c_str(), ratio);
      problems.push_back({where + ".colors", text});
    }
  }
  check_url(brand.support_url, where + ".support_url", problems);
  check_url(brand.privacy_url, where + ".privacy_url", problems);
}

}  // namespace sf::codes
