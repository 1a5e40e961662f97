// exporters: the shared driver. Checks the pack against every chosen
// platform (all problems at once), decodes each source once, renders every
// image on a pool of threads, lets each platform write its manifests and
// archives, then moves the finished build into place in one rename.
// Animated sources (motion::probe_animation) are rendered by
// animated_export.h: each platform's animated form or the first frame.
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/files.h"
#include "pack/pack.h"

namespace sf::exporters {

struct BuildOptions {
  std::filesystem::path out_dir;
  std::vector<std::string> platforms;   // empty = the pack's
  int jobs = 0;                         // 0 = all cores
  std::optional<sf::Bytes> signal_key;  // 32 bytes; fixed key for reproducible Signal blobs
  std::function<void(int done, int total)> progress;  // called from worker threads, serialised
};

struct BuildResult {
  std::filesystem::path out_dir;
  nlohmann::json report;  // also written to out_dir/report.json
};

/// Builds every platform bundle of `pack` into options.out_dir. Throws
/// sf::Error (bad_input: pack problems listed at once, unreadable artwork
/// named, a file that cannot meet its limit; io: cannot write); on failure
/// nothing is left at out_dir (an earlier build there stays untouched).
BuildResult build_pack(const pack::Pack& pack, const BuildOptions& options);

/// The problems `pack` has for `platform_ids` (counts, emoji, names), without
/// decoding anything. Throws Error(bad_input) for an unknown platform id.
Problems check_pack(const pack::Pack& pack, const std::vector<std::string>& platform_ids,
                    std::vector<std::string>& warnings);

}  // namespace sf::exporters
