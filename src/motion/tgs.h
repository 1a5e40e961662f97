// motion: Telegram animated stickers (TGS = gzip of Lottie JSON with
// "tgs": 1). Telegram takes them as they are when they meet its rules, so
// we validate and pass the bytes through rather than re-render.
#pragma once

#include <filesystem>

#include "base/files.h"

namespace sf::motion {

/// Telegram's TGS rules (platform-specs §1).
struct TgsRules {
  std::uint64_t max_bytes = 64 * 1024;  // gzipped
  int canvas_px = 512;
  double fps = 60;
  std::int64_t max_duration_ms = 3'000;
};

/// Checks a .tgs file against `rules` and returns its bytes unchanged.
/// Throws Error(bad_input) naming the file and listing every broken rule
/// (size, canvas, frame rate, length, "tgs": 1 marker, a document rlottie
/// cannot load).
Bytes validate_tgs(const std::filesystem::path& file, const TgsRules& rules = {});

/// Turns a Lottie JSON file that already meets `rules` into a TGS (adds
/// "tgs": 1, minifies, gzips). Throws like validate_tgs.
Bytes lottie_to_tgs(const std::filesystem::path& file, const TgsRules& rules = {});

}  // namespace sf::motion
