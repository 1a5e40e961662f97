// exporters: stickers whose source is animated (GIF, WEBP, APNG, Lottie,
// TGS, video). The driver plans the same image jobs as for still art; for an
// animated source each job is rendered here instead: the platform's animated
// form where it takes one (motion module), the first frame as a still image
// where it does not, and TGS passed to Telegram unchanged when valid. Each
// source is decoded once for every platform.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exporters/bundle.h"
#include "exporters/exporter.h"
#include "motion/motion.h"

namespace sf::exporters {

/// True when `file` is an animated source (headers only, cheap). Throws
/// Error(bad_input) naming the file when a recognised header is corrupt and
/// Error(not_found) when it is missing.
bool is_animated_source(const std::filesystem::path& file);

/// Like is_animated_source but never throws: a missing or corrupt file is
/// "not animated" here and reported by the loader that reads it.
bool looks_animated(const std::filesystem::path& file);

/// Where the driver stored the image planned at `planned_path`: that path,
/// or the same name with an animated container's extension (.webm, .tgs,
/// .png, .webp) when the source was animated. Returns `planned_path` when
/// neither exists (the caller's bundle.content then names it). Never throws.
std::string stored_path(const Bundle& bundle, const std::string& planned_path);

/// The motion target id (motion/targets.h) a job of `platform` with `role`
/// gets from an animated source: "whatsapp", "telegram",
/// "telegram_thumbnail", "signal", "imessage", "discord", "line",
/// "line_main"; empty when that platform takes a still image for that role
/// (trays, covers, icons, and every image of Viber, WeChat and Kik). Never throws.
std::string animated_target_id(std::string_view platform, std::string_view role);

/// `path` with its extension replaced by the one `container` is stored
/// under (.webp, .webm, .png for APNG, .gif, .tgs). Never throws.
std::string with_animated_extension(const std::string& path, motion::Container container);

/// An animated source, decoded once for every platform.
struct AnimatedSource {
  std::string file_as_written;  // for messages and warnings
  motion::Animation frames;     // at most 512 px, after the decode-time cut
  std::optional<Bytes> tgs;     // a .tgs that meets Telegram's rules, passed through as is
  std::string tgs_problem;      // why a .tgs source could not be passed through
};

/// Decodes `file` once, at the largest size any platform takes (512 px).
/// With the cut policy decoding stops after the longest platform limit
/// (10 s), so a long clip costs only what is kept. Throws Error(bad_input)
/// naming the file: over a decode limit, corrupt or truncated, a Lottie
/// document rlottie cannot load, a video without a picture stream.
AnimatedSource load_animated_source(const std::filesystem::path& file,
                                    const std::string& file_as_written,
                                    pack::DurationPolicy policy);

/// One file rendered from an animated source for one image job.
struct AnimatedImage {
  std::string path;   // the job's path, with the extension of what was written
  Bytes bytes;
  FileRecord record;  // role, pixels, format, limit, settings, sacrifices, trials
  bool animated = false;  // false: the first frame as a still image
  /// Timing changes and first-frame fallbacks, "<platform>: <file>: ...",
  /// for the build's warnings.
  std::vector<std::string> warnings;
};

/// Renders `job` of platform `spec` from `source`: the animated form of
/// animated_target_id(spec.id, job.role) within the pack's duration
/// `policy`, or the first frame fitted into job.rule and encoded under its
/// limit. `margin_px` is kept free on every side. Throws Error(bad_input)
/// naming the platform, file and limit when the policy is refuse and the
/// source is too long, or when nothing fits the byte limit.
AnimatedImage render_animated_job(const AnimatedSource& source, const PlatformSpec& spec,
                                  const ImageJob& job, int margin_px,
                                  pack::DurationPolicy policy);

/// Checks `root/relative`, an animated file made by anyone, against the
/// motion target `target_id` (see animated_target_id): readable, the right
/// container, pixel size, bytes, length and frame count; a .tgs against
/// Telegram's TGS rules. Appends one problem per broken rule; returns false
/// when the file is missing or unreadable. Throws Error(bad_input) only for
/// an unknown target id.
bool check_animated_file(const std::filesystem::path& root, const std::string& relative,
                         std::string_view target_id, Problems& problems);

}  // namespace sf::exporters
