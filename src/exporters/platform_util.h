// exporters (internal): small helpers shared by the platform files, for
// building (job lists, manifests) and for checking bundles made by anyone.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "exporters/exporter.h"

namespace sf::exporters {

/// "01", "02", ... "40": the numbering LINE and most sample apps use.
std::string two_digits(int number);

/// File extension of a format: ".png", ".webp", ".gif", ".jpg".
std::string extension(artwork::Format format);

/// The rule in words for reports and messages: "512x512 px webp, at most 102400 bytes".
std::string describe(const ImageRule& rule);

/// One job per sticker, at `folder/NN.ext` (folder may be empty).
std::vector<ImageJob> sticker_jobs(const pack::Pack& pack, const PlatformSpec& spec,
                                   const std::string& folder);

/// Pretty JSON with a final newline: stable, diff-friendly manifests.
std::string json_text(const nlohmann::json& value);

/// At most `max_chars` Unicode characters of UTF-8 `text`.
std::string truncate_utf8(const std::string& text, std::size_t max_chars);
/// Number of Unicode characters in UTF-8 `text`.
std::size_t utf8_length(const std::string& text);

// ---- checking bundles made by anyone ----

/// Appends a problem unless `root/relative` is an image meeting `rule`
/// (format, pixel size, evenness, bytes). Returns false if the file is missing
/// or unreadable.
bool check_image(const std::filesystem::path& root, const std::string& relative,
                 const ImageRule& rule, Problems& problems);

/// Parses `root/relative` as JSON; appends a problem and returns a discarded
/// value when it is missing or malformed.
nlohmann::json read_json(const std::filesystem::path& root, const std::string& relative,
                         Problems& problems);

/// Sorted names of regular files directly in `root/folder` ending in one of `extensions`.
std::vector<std::string> files_in(const std::filesystem::path& root, const std::string& folder,
                                  const std::vector<std::string>& extensions);

/// Appends a problem when `count` stickers break the spec's count rules.
void check_sticker_count(const PlatformSpec& spec, int count, const std::string& where,
                         Problems& problems);

/// The spec's count rule in words: "8, 16, 24, 32 or 40" / "3 to 30".
std::string describe_counts(const PlatformSpec& spec);

}  // namespace sf::exporters
