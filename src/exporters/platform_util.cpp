#include "exporters/platform_util.h"

#include <algorithm>

#include "base/error.h"
#include "base/files.h"
#include "base/text.h"

namespace fs = std::filesystem;

namespace sf::exporters {

std::string two_digits(int number) {
  std::string text = std::to_string(number);
  return text.size() < 2 ? "0" + text : text;
}

std::string extension(artwork::Format format) {
  std::string out = ".";
  out += format == artwork::Format::jpeg ? "jpg" : artwork::format_name(format);
  return out;
}

std::string describe(const ImageRule& rule) {
  std::string text = rule.exact_size ? "" : "at most ";
  text += std::to_string(rule.width) + "x" + std::to_string(rule.height) + " px";
  if (rule.even_dimensions) text += " (even sides)";
  text += ' ';
  text += artwork::format_name(rule.format);
  if (rule.max_bytes) text += ", at most " + std::to_string(rule.max_bytes) + " bytes";
  return text;
}

std::vector<ImageJob> sticker_jobs(const pack::Pack& pack, const PlatformSpec& spec,
                                   const std::string& folder) {
  std::vector<ImageJob> jobs;
  for (std::size_t i = 0; i < pack.stickers.size(); ++i) {
    std::string name = two_digits(static_cast<int>(i) + 1) + extension(spec.sticker.format);
    jobs.push_back({"sticker", folder.empty() ? name : folder + "/" + name, static_cast<int>(i),
                    spec.sticker});
  }
  return jobs;
}

std::string json_text(const nlohmann::json& value) { return value.dump(2) + "\n"; }

std::size_t utf8_length(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string truncate_utf8(const std::string& text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((text[i] & 0xC0) != 0x80) {
      if (chars == max_chars) return text.substr(0, i);
      ++chars;
    }
  }
  return text;
}

bool check_image(const fs::path& root, const std::string& relative, const ImageRule& rule,
                 Problems& problems) {
  fs::path file = root / relative;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    problems.push_back({relative, "is missing; expected " + describe(rule)});
    return false;
  }
  artwork::ImageInfo info;
  try {
    info = artwork::probe_file(file);
  } catch (const Error& e) {
    problems.push_back({relative, std::string("is not a readable image (") + e.what() + ")"});
    return false;
  }
  std::string expected_format = artwork::format_name(rule.format);
  if (info.format != expected_format)
    problems.push_back({relative, "is " + info.format + "; expected " + expected_format});
  std::string size = std::to_string(info.width) + "x" + std::to_string(info.height) + " px";
  bool size_ok = rule.exact_size ? (info.width == rule.width && info.height == rule.height)
                                 : (info.width <= rule.width && info.height <= rule.height);
  if (!size_ok) problems.push_back({relative, "is " + size + "; expected " + describe(rule)});
  if (rule.even_dimensions && (info.width % 2 || info.height % 2))
    problems.push_back({relative, "is " + size + "; expected even width and height"});
  std::uintmax_t bytes = fs::file_size(file, ec);
  if (rule.max_bytes && bytes > rule.max_bytes)
    problems.push_back({relative, "is " + std::to_string(bytes) + " bytes; the limit is " +
                                      std::to_string(rule.max_bytes)});
  if (rule.opaque && info.has_alpha) {
    // App store icons must be opaque: an alpha channel is fine only if unused.
    artwork::Raster raster = artwork::decode(read_file(file), relative);
    for (std::size_t i = 3; i < raster.rgba.size(); i += 4)
      if (raster.rgba[i] != 255) {
        problems.push_back({relative, "has transparent pixels; expected an opaque icon"});
        break;
      }
  }
  return true;
}

nlohmann::json read_json(const fs::path& root, const std::string& relative, Problems& problems) {
  std::error_code ec;
  if (!fs::is_regular_file(root / relative, ec)) {
    problems.push_back({relative, "is missing; expected a JSON manifest"});
    return nlohmann::json::value_t::discarded;
  }
  nlohmann::json value =
      nlohmann::json::parse(read_text_file(root / relative, 16u << 20), nullptr, false);
  if (value.is_discarded()) problems.push_back({relative, "is not valid JSON"});
  return value;
}

std::vector<std::string> files_in(const fs::path& root, const std::string& folder,
                                  const std::vector<std::string>& extensions) {
  std::vector<std::string> names;
  std::error_code ec;
  fs::path dir = folder.empty() ? root : root / folder;
  if (!fs::is_directory(dir, ec)) return names;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    std::string ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    if (std::find(extensions.begin(), extensions.end(), ext) != extensions.end())
      names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string describe_counts(const PlatformSpec& spec) {
  if (spec.allowed_counts.empty())
    return std::to_string(spec.min_stickers) + " to " + std::to_string(spec.max_stickers);
  std::string text;
  for (std::size_t i = 0; i < spec.allowed_counts.size(); ++i) {
    if (i) text += i + 1 == spec.allowed_counts.size() ? " or " : ", ";
    text += std::to_string(spec.allowed_counts[i]);
  }
  return text;
}

void check_sticker_count(const PlatformSpec& spec, int count, const std::string& where,
                         Problems& problems) {
  bool ok = spec.allowed_counts.empty()
                ? count >= spec.min_stickers && count <= spec.max_stickers
                : std::find(spec.allowed_counts.begin(), spec.allowed_counts.end(), count) !=
                      spec.allowed_counts.end();
  if (!ok)
    problems.push_back({where, "has " + std::to_string(count) + " sticker" +
                                   (count == 1 ? "" : "s") + "; " + std::string(spec.id) +
                                   " needs " + describe_counts(spec)});
}

}  // namespace sf::exporters
