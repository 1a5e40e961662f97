#include "exporters/animated_export.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "base/error.h"
#include "base/text.h"
#include "exporters/platform_util.h"

namespace sf::exporters {
namespace {

// The longest any platform plays (WhatsApp, 10 s): with the cut policy
// nothing after it is ever used, so decoding stops there.
constexpr std::int64_t kLongestLimitMs = 10'000;
constexpr int kLargestSidePx = 512;

std::string seconds(std::int64_t ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms) / 1000.0);
  return text;
}

std::string describe_target(const motion::AnimatedTarget& target) {
  std::string text = target.canvas_fixed && target.box.pad_to_canvas ? "" : "within ";
  text += std::to_string(target.box.width) + "x" + std::to_string(target.box.height) + " px ";
  text += motion::container_name(target.container);
  text += " animation";
  if (target.max_bytes) text += ", at most " + std::to_string(target.max_bytes) + " bytes";
  if (target.max_duration_ms) text += ", at most " + seconds(target.max_duration_ms);
  if (target.max_frames)
    text += ", " + std::to_string(target.min_frames) + "-" + std::to_string(target.max_frames) +
            " frames";
  return text;
}

std::string fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

AnimatedImage render_moving(const AnimatedSource& source, const PlatformSpec& spec,
                            const ImageJob& job, const motion::AnimatedTarget& target,
                            int margin_px, pack::DurationPolicy policy) {
  AnimatedImage image;
  image.animated = true;
  std::string where = std::string(spec.id) + ": " + source.file_as_written;
  FileRecord& record = image.record;
  record.role = job.role;
  record.limit = describe_target(target);
  if (target.max_bytes) record.limit_bytes = target.max_bytes;

  // Telegram takes a valid TGS as it is: smaller and sharper than any video.
  if (target.id == "telegram" && source.tgs) {
    image.path = with_animated_extension(job.path, motion::Container::tgs);
    image.bytes = *source.tgs;
    motion::TgsRules rules;
    record.limit = "512x512 tgs (Lottie), 60 fps, at most " + seconds(rules.max_duration_ms) +
                   ", at most " + std::to_string(rules.max_bytes) + " bytes gzipped";
    record.limit_bytes = rules.max_bytes;
    record.width = record.height = rules.canvas_px;
    record.format = "tgs";
    record.settings = {{"source", "tgs passed through unchanged"}};
    return image;
  }
  if (target.id == "telegram" && !source.tgs_problem.empty())
    image.warnings.push_back(where + ": not passed through as TGS (" + source.tgs_problem +
                             "); sent as a WEBM video sticker instead");

  motion::RenderOptions options;
  options.duration_policy = policy;
  options.margin_px = margin_px;
  motion::EncodedAnimation out;
  try {
    out = motion::render_animation(source.frames, target, options);
  } catch (const Error& e) {
    throw Error(e.kind(), where + " (" + job.role + " " + job.path + ", " + record.limit +
                              "): " + e.what());
  }
  image.path = with_animated_extension(job.path, out.container);
  record.width = out.width;
  record.height = out.height;
  record.format = motion::container_name(out.container);
  record.settings = out.settings;
  record.settings.emplace_back("frames", std::to_string(out.frames));
  record.settings.emplace_back("duration_ms", std::to_string(out.duration_ms));
  record.settings.emplace_back("loops", out.loops == 0 ? "forever" : std::to_string(out.loops));
  if (out.psnr_db > 0) record.settings.emplace_back("psnr_db", fixed(out.psnr_db, 1));
  // Says which source an image came from (LINE's main may come from a sticker).
  record.settings.emplace_back("source", source.file_as_written);
  record.trials = out.trials;
  record.sacrifices = out.sacrifices;
  // Timing changes are sacrifices too: the file says what it gave up.
  for (const std::string& note : out.notes) {
    record.sacrifices.push_back(note);
    image.warnings.push_back(where + ": " + note);
  }
  image.bytes = std::move(out.bytes);
  return image;
}

AnimatedImage render_first_frame(const AnimatedSource& source, const PlatformSpec& spec,
                                 const ImageJob& job, int margin_px) {
  AnimatedImage image;
  image.path = job.path;
  motion::Animation still;
  still.width = source.frames.width;
  still.height = source.frames.height;
  still.frames.push_back(source.frames.frames.front());
  still = motion::fit_into(std::move(still),
                           {job.rule.width, job.rule.height, margin_px, job.rule.exact_size,
                            job.rule.even_dimensions});
  artwork::Raster raster;
  raster.width = still.width;
  raster.height = still.height;
  raster.rgba = std::move(still.frames.front().rgba);
  // App icons are drawn on white, as the still pipeline does (Canvas::background).
  if (job.rule.opaque)
    for (std::size_t p = 0; p + 3 < raster.rgba.size(); p += 4) {
      unsigned alpha = raster.rgba[p + 3];
      for (std::size_t c = 0; c < 3; ++c)
        raster.rgba[p + c] =
            static_cast<std::uint8_t>((raster.rgba[p + c] * alpha + 255 * (255 - alpha) + 127) / 255);
      raster.rgba[p + 3] = 255;
    }
  artwork::EncodeRequest request;
  request.format = job.rule.format;
  request.max_bytes =
      job.rule.max_bytes ? job.rule.max_bytes : std::numeric_limits<std::uint64_t>::max();
  request.allow_lossy = job.rule.allow_lossy;
  artwork::Encoded encoded;
  try {
    encoded = artwork::encode_within(raster, request);
  } catch (const Error& e) {
    throw Error(e.kind(), std::string(spec.id) + ": " + source.file_as_written + " (" +
                              job.role + " " + job.path + ", " + describe(job.rule) +
                              "): " + e.what());
  }
  FileRecord& record = image.record;
  record.role = job.role;
  record.width = raster.width;
  record.height = raster.height;
  record.format = artwork::format_name(encoded.format);
  if (job.rule.max_bytes) record.limit_bytes = job.rule.max_bytes;
  record.limit = describe(job.rule);
  record.settings = encoded.settings;
  record.settings.emplace_back(
      "frame", "first of " + std::to_string(source.frames.frames.size()));
  record.ssim = encoded.ssim;
  record.trials = encoded.trials;
  record.sacrifices = encoded.sacrifices;
  if (job.role == "sticker") {
    std::string why = "first frame only: " + std::string(spec.display_name) +
                      " takes no animated stickers";
    record.sacrifices.push_back(why);
    image.warnings.push_back(std::string(spec.id) + ": " + source.file_as_written + ": " + why);
  }
  image.bytes = std::move(encoded.bytes);
  return image;
}

}  // namespace

bool is_animated_source(const std::filesystem::path& file) {
  std::optional<motion::AnimationInfo> info = motion::probe_animation(file);
  return info && info->animated;
}

bool looks_animated(const std::filesystem::path& file) {
  try {
    return is_animated_source(file);
  } catch (const Error&) {
    return false;
  }
}

std::string stored_path(const Bundle& bundle, const std::string& planned_path) {
  if (bundle.has(planned_path)) return planned_path;
  for (motion::Container container : {motion::Container::webm, motion::Container::tgs,
                                      motion::Container::apng, motion::Container::webp}) {
    std::string path = with_animated_extension(planned_path, container);
    if (bundle.has(path)) return path;
  }
  return planned_path;
}

std::string animated_target_id(std::string_view platform, std::string_view role) {
  if (role == "sticker") {
    for (std::string_view id : {"whatsapp", "telegram", "signal", "imessage", "discord", "line"})
      if (platform == id) return std::string(id);
    return "";
  }
  if (platform == "telegram" && role == "thumbnail") return "telegram_thumbnail";
  if (platform == "line" && role == "main") return "line_main";
  return "";
}

std::string with_animated_extension(const std::string& path, motion::Container container) {
  std::string extension = container == motion::Container::apng
                              ? ".png"
                              : std::string(".") + motion::container_name(container);
  std::size_t slash = path.rfind('/');
  std::size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return path + extension;
  return path.substr(0, dot) + extension;
}

AnimatedSource load_animated_source(const std::filesystem::path& file,
                                    const std::string& file_as_written,
                                    pack::DurationPolicy policy) {
  AnimatedSource source;
  source.file_as_written = file_as_written;
  motion::DecodeOptions decode;
  decode.max_side_px = kLargestSidePx;
  if (policy == pack::DurationPolicy::cut) decode.stop_after_ms = kLongestLimitMs;
  source.frames = motion::decode_animation(file, decode);
  if (source.frames.frames.empty())
    throw bad_input(quote(file_as_written) + ": has no frames; expected an animation");
  if (source.frames.source_format == "tgs") {
    try {
      source.tgs = motion::validate_tgs(file);
    } catch (const Error& e) {
      source.tgs_problem = e.what();
    }
  }
  return source;
}

AnimatedImage render_animated_job(const AnimatedSource& source, const PlatformSpec& spec,
                                  const ImageJob& job, int margin_px,
                                  pack::DurationPolicy policy) {
  std::string target = animated_target_id(spec.id, job.role);
  if (target.empty()) return render_first_frame(source, spec, job, margin_px);
  motion::AnimatedTarget chosen = motion::find_animated_target(target);
  // iMessage's grid size comes from the pack (small, regular, large).
  if (spec.id == "imessage") chosen.box.width = chosen.box.height = job.rule.width;
  return render_moving(source, spec, job, chosen, margin_px, policy);
}

bool check_animated_file(const std::filesystem::path& root, const std::string& relative,
                         std::string_view target_id, Problems& problems) {
  const motion::AnimatedTarget& target = motion::find_animated_target(target_id);
  std::filesystem::path file = root / relative;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    problems.push_back({relative, "is missing; expected " + describe_target(target)});
    return false;
  }
  std::uint64_t bytes = std::filesystem::file_size(file, ec);
  if (file.extension() == ".tgs") {
    try {
      motion::validate_tgs(file);
    } catch (const Error& e) {
      problems.push_back({relative, std::string("is not a valid Telegram TGS (") + e.what() + ")"});
    }
    return true;
  }
  std::optional<motion::AnimationInfo> info;
  try {
    info = motion::probe_animation(file);
  } catch (const Error& e) {
    problems.push_back({relative, std::string("is not a readable animation (") + e.what() + ")"});
    return false;
  }
  if (!info) {
    problems.push_back({relative, "is not an animation; expected " + describe_target(target)});
    return false;
  }
  std::string expected = target.container == motion::Container::webm
                             ? "video"
                             : motion::container_name(target.container);
  if (info->format != expected)
    problems.push_back({relative, "is " + info->format + "; expected " + describe_target(target)});
  const motion::Box& box = target.box;
  std::string size = std::to_string(info->width) + "x" + std::to_string(info->height) + " px";
  if (target.canvas_fixed && box.pad_to_canvas) {
    if (info->width != box.width || info->height != box.height)
      problems.push_back({relative, "is " + size + "; expected exactly " +
                                        std::to_string(box.width) + "x" +
                                        std::to_string(box.height)});
  } else if (info->width > box.width || info->height > box.height) {
    problems.push_back({relative, "is " + size + "; expected within " + std::to_string(box.width) +
                                      "x" + std::to_string(box.height)});
  } else if (target.canvas_fixed && info->width != box.width && info->height != box.height) {
    // Telegram: one side 512; LINE: width 320 or height 270.
    problems.push_back({relative, "is " + size + "; expected a width of " +
                                      std::to_string(box.width) + " or a height of " +
                                      std::to_string(box.height) + " px"});
  }
  if (target.max_bytes && bytes > target.max_bytes)
    problems.push_back({relative, "is " + std::to_string(bytes) + " bytes; the limit is " +
                                      std::to_string(target.max_bytes)});
  if (target.max_duration_ms && info->duration_ms > target.max_duration_ms)
    problems.push_back({relative, "plays " + seconds(info->duration_ms) + "; the limit is " +
                                      seconds(target.max_duration_ms)});
  if (info->frames > 0 && target.max_frames &&
      (info->frames < target.min_frames || info->frames > target.max_frames))
    problems.push_back({relative, "has " + std::to_string(info->frames) + " frames; expected " +
                                      std::to_string(target.min_frames) + " to " +
                                      std::to_string(target.max_frames)});
  return true;
}

}  // namespace sf::exporters
