#include "exporters/build.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>

#include "base/error.h"
#include "base/text.h"
#include "exporters/animated_export.h"
#include "exporters/install_skeleton.h"
#include "exporters/platform_util.h"
#include "exporters/registry.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace sf::exporters {
namespace {

// Margin at a canvas of `side_px`: the pack's margin is given for 512 px.
int scaled_margin(const pack::Pack& pack, int side_px) {
  return static_cast<int>(std::lround(pack.style.margin_px * side_px / 512.0));
}

// `chosen`: the indexes of the stickers this platform gets (its selection).
void check_common(const pack::Pack& pack, const std::vector<std::size_t>& chosen,
                  const PlatformSpec& spec, Problems& problems, std::vector<std::string>& warnings) {
  std::string file = pack.source.filename().string();
  std::string id(spec.id);
  int count = static_cast<int>(chosen.size());
  if (spec.counts_confirmed) {
    Problems found;
    check_sticker_count(spec, count, file + ": stickers", found);
    // Say how to go on: a subset for this platform, or build without it.
    std::string how = pack.selection.count(id)
                          ? "; change \"selection\": {\"" + id + "\": [...]} in " + file
                          : "; choose stickers for it with \"selection\": {\"" + id +
                                "\": [1, 2, ...]} in " + file +
                                " (sticker numbers), or leave it out with --platform";
    for (Problem& p : found) problems.push_back({id + ": " + p.where, p.message + how});
  } else {
    Problems found;
    check_sticker_count(spec, count, "", found);
    for (Problem& p : found)
      warnings.push_back(id + ": pack " + p.message +
                         " (sources disagree; check before submitting)");
  }
  for (std::size_t i : chosen) {
    const pack::Sticker& sticker = pack.stickers[i];
    int emojis = static_cast<int>(sticker.emojis.size());
    // Numbered as the files are (01, 02, ...), beside the JSON path.
    std::string number = (i + 1 < 10 ? "0" : "") + std::to_string(i + 1);
    std::string where = id + ": " + file + ": sticker " + number + " (stickers[" +
                        std::to_string(i) + "].emojis)";
    if (emojis < spec.min_emojis)
      problems.push_back(
          {where, (emojis == 0 ? std::string("is empty") : "has " + std::to_string(emojis)) +
                      " for " + quote(sticker.file_as_written) + "; " + id + " needs at least " +
                      std::to_string(spec.min_emojis) + " emoji per sticker"});
    else if (spec.min_emojis > 0 && emojis > spec.max_emojis)
      warnings.push_back(where + ": " + std::to_string(emojis) + " emoji; " + id + " takes " +
                         std::to_string(spec.max_emojis) + ", the rest are dropped");
  }
}

std::vector<const Exporter*> resolve_platforms(const pack::Pack& pack,
                                               const std::vector<std::string>& requested) {
  const std::vector<std::string>& ids = requested.empty() ? pack.platforms : requested;
  std::vector<const Exporter*> exporters;
  for (const std::string& id : ids) {
    const Exporter* exporter = &find_exporter(id);
    if (std::find(exporters.begin(), exporters.end(), exporter) == exporters.end())
      exporters.push_back(exporter);
  }
  if (exporters.empty()) throw bad_input("no platform chosen; expected at least one platform id");
  return exporters;
}

// One image to make: which platform wants it and how.
struct PlannedImage {
  std::size_t platform;  // index into the exporter list
  ImageJob job;
};

struct RenderedImage {
  artwork::Encoded encoded;
  int width = 0, height = 0;
  bool upscaled = false;
  std::optional<AnimatedImage> animated;  // set when the source is animated
};

artwork::Canvas canvas_for(const pack::Pack& pack, const PlatformSpec& spec, const ImageJob& job) {
  artwork::Canvas canvas;
  canvas.width = job.rule.width;
  canvas.height = job.rule.height;
  int side = std::min(job.rule.width, job.rule.height);
  canvas.margin_px = scaled_margin(pack, side);
  if (job.role == "sticker") canvas.margin_px = std::max(canvas.margin_px, spec.margin_px);
  canvas.pad_to_canvas = job.rule.exact_size;
  canvas.even_dimensions = job.rule.even_dimensions;
  if (job.rule.opaque) canvas.background = pack::Rgb{255, 255, 255};
  return canvas;
}

// Runs `work(i)` for i in [0, count) on `jobs` threads. Stops handing out
// work after the first failure and rethrows the failure of the lowest index,
// so the message does not depend on thread timing.
void parallel_for(std::size_t count, int jobs, const std::function<void(std::size_t)>& work) {
  std::vector<std::exception_ptr> errors(count);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  auto worker = [&] {
    for (std::size_t i; !failed && (i = next++) < count;) {
      try {
        work(i);
      } catch (...) {
        errors[i] = std::current_exception();
        failed = true;
      }
    }
  };
  int threads = std::max(1, std::min<int>(jobs, static_cast<int>(count)));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& thread : pool) thread.join();
  for (const std::exception_ptr& error : errors)
    if (error) std::rethrow_exception(error);
}

// An animated source is decoded once; every platform's job is rendered
// from its frames (animated form or first frame, see animated_export.h).
void render_animated_source(const pack::Pack& pack, const std::vector<const Exporter*>& exporters,
                            const std::vector<PlannedImage>& planned,
                            const std::vector<std::size_t>& jobs, const fs::path& file,
                            const std::string& written, std::vector<RenderedImage>& rendered,
                            const std::function<void()>& tick) {
  AnimatedSource source = load_animated_source(file, written, pack.duration_policy);
  for (std::size_t i : jobs) {
    const PlannedImage& plan = planned[i];
    const PlatformSpec& spec = exporters[plan.platform]->spec();
    rendered[i].animated = render_animated_job(
        source, spec, plan.job, canvas_for(pack, spec, plan.job).margin_px, pack.duration_policy);
    tick();
  }
}

// Per-source loading choices from pack.json.
struct LoadChoices {
  pack::Background background = pack::Background::automatic;
  int page = 1;
  bool tray = false;  // feeds square icons: say when it is far from square
};

// What loading decided about one source, as report.json's "sources" entry.
json source_json(std::size_t number, const std::string& written, const artwork::LoadReport& report) {
  json background = {{"action", report.background.action}, {"reason", report.background.reason}};
  if (report.background.colour) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "#%02x%02x%02x", report.background.colour->r,
                  report.background.colour->g, report.background.colour->b);
    background["colour"] = hex;
    background["edge_share"] = std::round(report.background.edge_share * 1000.0) / 1000.0;
    background["enclosed_kept"] = report.background.enclosed_kept;
  }
  return {{"number", number}, {"file", written}, {"pages", report.pages},
          {"background", background}, {"notes", report.notes}, {"warnings", report.warnings}};
}

// A still source is decoded once, at the largest art box its jobs need
// (canvas less margins), so that box takes it without resampling again.
// Platforms often share a canvas (Telegram, WhatsApp, Signal and Kik: 512
// px, same margin): one fit per canvas, then one byte-limit search per job.
void render_still_source(const pack::Pack& pack, const std::vector<const Exporter*>& exporters,
                         const std::vector<PlannedImage>& planned,
                         const std::vector<std::size_t>& jobs, const fs::path& file,
                         const std::string& written, std::vector<RenderedImage>& rendered,
                         const LoadChoices& choices, artwork::LoadReport& report,
                         const std::function<void()>& tick) {
  artwork::LoadOptions load;
  load.style = pack.style;
  load.background = choices.background;
  load.page = choices.page;
  load.max_side_px = 1;
  for (std::size_t i : jobs) {
    const artwork::Canvas canvas = canvas_for(pack, exporters[planned[i].platform]->spec(), planned[i].job);
    load.max_side_px = std::max({load.max_side_px, canvas.width - 2 * canvas.margin_px,
                                 canvas.height - 2 * canvas.margin_px});
  }
  artwork::Artwork art = artwork::load_artwork(file, load);
  report = art.report();
  double aspect = double(std::max(art.width(), art.height())) / std::max(1, std::min(art.width(), art.height()));
  if (choices.tray && aspect > 1.25) {
    char ratio[16];
    std::snprintf(ratio, sizeof ratio, "%.1f:1", aspect);
    report.warnings.push_back(written + ": the tray art is " + ratio + " (" +
                              (art.width() > art.height() ? "wide" : "tall") +
                              "), fitted into square icons with empty space round it; "
                              "give \"tray\" square art for a fuller icon");
  }
  std::map<artwork::Canvas, artwork::Raster> fitted;
  for (std::size_t i : jobs) {
    const PlannedImage& plan = planned[i];
    const PlatformSpec& spec = exporters[plan.platform]->spec();
    try {
      const artwork::Canvas canvas = canvas_for(pack, spec, plan.job);
      auto found = fitted.find(canvas);
      if (found == fitted.end()) found = fitted.emplace(canvas, artwork::fit(art, canvas)).first;
      const artwork::Raster& raster = found->second;
      artwork::EncodeRequest request;
      request.format = plan.job.rule.format;
      request.max_bytes = plan.job.rule.max_bytes ? plan.job.rule.max_bytes
                                                  : std::numeric_limits<std::uint64_t>::max();
      request.allow_lossy = plan.job.rule.allow_lossy;
      rendered[i].encoded = artwork::encode_within(raster, request);
      rendered[i].width = raster.width;
      rendered[i].height = raster.height;
      rendered[i].upscaled = raster.upscaled;
    } catch (const Error& e) {
      throw Error(e.kind(), std::string(spec.id) + ": " + written + " (" + plan.job.role + " " +
                                plan.job.path + ", " + describe(plan.job.rule) + "): " + e.what());
    }
    tick();
  }
}

FileRecord image_record(const ImageJob& job, const RenderedImage& image) {
  FileRecord record;
  record.role = job.role;
  record.width = image.width;
  record.height = image.height;
  record.format = artwork::format_name(image.encoded.format);
  if (job.rule.max_bytes) record.limit_bytes = job.rule.max_bytes;
  record.limit = describe(job.rule);
  record.settings = image.encoded.settings;
  record.ssim = image.encoded.ssim;
  record.sacrifices = image.encoded.sacrifices;
  record.trials = image.encoded.trials;
  return record;
}

json record_json(const FileRecord& record) {
  json settings = json::object();
  for (const auto& [key, value] : record.settings) settings[key] = value;
  json out = {{"platform", record.platform},
              {"role", record.role},
              {"path", record.path},
              {"bytes", record.bytes},
              {"format", record.format}};
  if (record.width) out["pixels"] = {{"width", record.width}, {"height", record.height}};
  out["limit_bytes"] = record.limit_bytes ? json(*record.limit_bytes) : json(nullptr);
  if (!record.source.empty()) out["source"] = record.source;
  if (!record.limit.empty()) out["limit"] = record.limit;
  if (!record.settings.empty()) out["settings"] = settings;
  if (record.ssim) out["ssim"] = std::round(*record.ssim * 10000.0) / 10000.0;
  if (record.trials) out["trials"] = record.trials;
  if (record.width) out["sacrifices"] = record.sacrifices;
  return out;
}

// An existing folder is replaced only when it holds an earlier build (or
// nothing), so a mistyped --out never deletes someone's files.
void refuse_foreign_out_dir(const fs::path& out_dir) {
  std::error_code ec;
  if (!fs::exists(out_dir, ec)) return;
  if (!fs::is_directory(out_dir, ec))
    throw bad_input(out_dir.string() +
                    ": exists and is not a folder; expected a folder for the build");
  if (fs::is_empty(out_dir, ec) || fs::exists(out_dir / "report.json", ec)) return;
  throw bad_input(out_dir.string() +
                  ": folder exists and is not a stickerforge build (no report.json); "
                  "expected a new, empty or earlier build folder");
}

void write_bytes(const fs::path& path, const Bytes& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(content.data()),
            static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) throw io_error(path.string() + ": cannot write");
}

}  // namespace

Problems check_pack(const pack::Pack& pack, const std::vector<std::string>& platform_ids,
                    std::vector<std::string>& warnings) {
  Problems problems;
  for (const Exporter* exporter : resolve_platforms(pack, platform_ids)) {
    // Each platform is checked with the stickers it gets (its "selection").
    std::string id(exporter->spec().id);
    std::vector<std::size_t> chosen(pack.stickers.size());
    std::iota(chosen.begin(), chosen.end(), 0);
    if (auto found = pack.selection.find(id); found != pack.selection.end()) chosen = found->second;
    check_common(pack, chosen, exporter->spec(), problems, warnings);
    exporter->check(pack::pack_for_platform(pack, id), problems, warnings);
  }
  return problems;
}

BuildResult build_pack(const pack::Pack& pack, const BuildOptions& options) {
  // 1. Which platforms; fails early on a typo, before any work.
  std::vector<const Exporter*> exporters = resolve_platforms(pack, options.platforms);
  std::vector<std::string> ids;
  for (const Exporter* exporter : exporters) ids.emplace_back(exporter->spec().id);
  if (options.out_dir.empty()) throw bad_input("no output folder given; expected --out DIR");
  refuse_foreign_out_dir(options.out_dir);
  if (options.signal_key && options.signal_key->size() != 32)
    throw bad_input("signal key is " + std::to_string(options.signal_key->size()) +
                    " bytes; expected 32 (64 hex digits)");

  // 2. Every pack problem for every platform, reported at once, before encoding.
  std::vector<std::string> warnings;
  Problems problems = check_pack(pack, ids, warnings);
  throw_if_any(problems, pack.source.filename().string() + " for " + join(ids, ", "));

  // 3. Plan every image, grouped by source so each source is decoded once
  //    at the largest size any platform needs from it.
  artwork::initialize();
  std::size_t sources = pack.stickers.size() + (pack.tray.empty() ? 0 : 1);
  auto source_of = [&](int source) -> std::size_t {
    if (source != kTraySource) return static_cast<std::size_t>(source);
    return pack.tray.empty() ? 0 : pack.stickers.size();
  };
  std::vector<PlannedImage> planned;
  std::vector<std::vector<std::size_t>> by_source(sources);
  // A platform with a "selection" sees only its stickers; its jobs' source
  // numbers are mapped back to the pack's, so each file is still decoded once.
  std::vector<pack::Pack> packs;
  for (const std::string& id : ids) packs.push_back(pack::pack_for_platform(pack, id));
  for (std::size_t p = 0; p < exporters.size(); ++p) {
    auto chosen = pack.selection.find(ids[p]);
    for (ImageJob& job : exporters[p]->images(packs[p])) {
      if (chosen != pack.selection.end() && job.source != kTraySource)
        job.source = static_cast<int>(chosen->second.at(static_cast<std::size_t>(job.source)));
      by_source[source_of(job.source)].push_back(planned.size());
      planned.push_back({p, std::move(job)});
    }
  }

  // 4. Decode and render on the thread pool, one source per task: memory
  //    stays at one decoded source per thread.
  std::vector<RenderedImage> rendered(planned.size());
  std::vector<std::optional<artwork::LoadReport>> load_reports(sources);
  std::mutex progress_mutex;
  int done = 0, total = static_cast<int>(planned.size());
  int jobs = options.jobs > 0 ? options.jobs
                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Sources with the most images first (the tray feeds a dozen icons and
  // covers): started last, it would leave the other threads idle at the end.
  std::vector<std::size_t> order(sources);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return by_source[a].size() > by_source[b].size();
  });
  parallel_for(sources, jobs, [&](std::size_t task) {
    const std::size_t s = order[task];
    if (by_source[s].empty()) return;
    bool is_tray = s == pack.stickers.size();
    const fs::path& file = is_tray ? pack.tray : pack.stickers[s].file;
    const std::string& written = is_tray ? pack.tray_as_written : pack.stickers[s].file_as_written;
    auto tick = [&] {
      if (!options.progress) return;
      std::lock_guard lock(progress_mutex);
      options.progress(++done, total);
    };
    LoadChoices choices;
    choices.background = pack.background;
    choices.tray = is_tray || (pack.tray.empty() && s == 0);
    if (!is_tray) {
      choices.background = pack.stickers[s].background.value_or(pack.background);
      choices.page = pack.stickers[s].page;
    }
    if (looks_animated(file)) {
      render_animated_source(pack, exporters, planned, by_source[s], file, written, rendered, tick);
    } else {
      render_still_source(pack, exporters, planned, by_source[s], file, written, rendered, choices,
                          load_reports[s].emplace(), tick);
    }
  });

  // Every loading decision (background removed or left, pages ignored,
  // colour assumptions) is in the report; those to act on are warnings too.
  json source_reports = json::array();
  for (std::size_t s = 0; s < sources; ++s) {
    if (!load_reports[s]) continue;
    bool is_tray = !pack.tray.empty() && s == pack.stickers.size();
    const std::string& written = is_tray ? pack.tray_as_written : pack.stickers[s].file_as_written;
    json entry = source_json(is_tray ? 0 : s + 1, written, *load_reports[s]);
    if (is_tray) entry["role"] = "tray";
    source_reports.push_back(entry);
    warnings.insert(warnings.end(), load_reports[s]->warnings.begin(), load_reports[s]->warnings.end());
  }

  // 5. Each platform's files: images first, then its manifests and archives.
  FinishContext context;
  context.signal_key = options.signal_key;
  context.warnings = &warnings;
  std::vector<Bundle> bundles;
  for (std::size_t p = 0; p < exporters.size(); ++p) bundles.emplace_back(ids[p]);
  auto source_name = [&](int source) {
    std::size_t s = source_of(source);
    return s < pack.stickers.size() ? pack.stickers[s].file_as_written : pack.tray_as_written;
  };
  // One warning per upscaled source, naming the platforms, not one per file.
  std::map<std::string, std::set<std::string>> upscaled;
  for (std::size_t i = 0; i < planned.size(); ++i) {
    const PlannedImage& plan = planned[i];
    if (rendered[i].animated) {
      AnimatedImage& image = *rendered[i].animated;
      image.record.source = source_name(plan.job.source);
      warnings.insert(warnings.end(), image.warnings.begin(), image.warnings.end());
      bundles[plan.platform].add(image.path, std::move(image.bytes), std::move(image.record));
      continue;
    }
    if (rendered[i].upscaled) {
      std::size_t s = source_of(plan.job.source);
      upscaled[s < pack.stickers.size() ? pack.stickers[s].file_as_written : pack.tray_as_written]
          .insert(ids[plan.platform] + " " + plan.job.role);
    }
    FileRecord record = image_record(plan.job, rendered[i]);
    record.source = source_name(plan.job.source);
    bundles[plan.platform].add(plan.job.path, std::move(rendered[i].encoded.bytes), std::move(record));
  }
  for (const auto& [file, uses] : upscaled)
    warnings.push_back(file + ": has fewer pixels than " +
                       join(std::vector<std::string>(uses.begin(), uses.end()), ", ") +
                       " need; upscaled (may look soft; export it larger)");
  for (std::size_t p = 0; p < exporters.size(); ++p)
    exporters[p]->finish(packs[p], bundles[p], context);

  // 6. Write everything into a sibling temp folder, then rename it into place.
  fs::path out_dir = options.out_dir;
  fs::path staging = make_sibling_temp_dir(out_dir);
  TempDirGuard guard(staging);
  json files = json::array();
  json secrets = json::array();
  json summary = json::object();
  for (const Bundle& bundle : bundles) {
    std::uint64_t bytes = 0;
    double min_ssim = 1.0;
    int count = 0;
    for (const auto& [path, entry] : bundle.files()) {
      write_bytes(staging / entry.record.path, entry.content);
      files.push_back(record_json(entry.record));
      bytes += entry.record.bytes;
      if (entry.record.ssim) min_ssim = std::min(min_ssim, *entry.record.ssim);
      ++count;
    }
    summary[bundle.platform()] = {
        {"files", count}, {"bytes", bytes}, {"min_ssim", std::round(min_ssim * 10000.0) / 10000.0}};
    for (const auto& [path, text] : bundle.secrets()) {
      fs::path file = staging / path;
      fs::create_directories(file.parent_path());
      fs::permissions(file.parent_path(), fs::perms::owner_all, fs::perm_options::replace);
      write_file_atomic(file, text, 0600);
      secrets.push_back(path);
    }
  }
  write_install_skeleton(staging, out_dir, ids, warnings);
  std::sort(warnings.begin(), warnings.end());
  json report = {{"pack", {{"id", pack.id}, {"title", pack.title}, {"author", pack.author}}},
                 {"platforms", ids},
                 {"summary", summary},
                 {"sources", source_reports},
                 {"files", files},
                 {"secrets", secrets},
                 {"warnings", warnings}};
  std::string report_text = json_text(report);
  write_bytes(staging / "report.json", Bytes(report_text.begin(), report_text.end()));
  replace_dir(staging, out_dir);
  guard.release();
  return {out_dir, report};
}

}  // namespace sf::exporters
