// `stickerforge build PACK.json --out DIR`: every platform bundle of a pack.
#include <cxxopts.hpp>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "cli/commands.h"
#include "cli/parse_options.h"
#include "exporters/build.h"
#include "exporters/signal_manifest.h"
#include "pack/pack.h"

namespace sf::cli {
namespace {

// One line redrawn in place on a terminal; nothing at all otherwise.
void draw_progress(std::ostream& err, int done, int total) {
  constexpr int kWidth = 30;
  int filled = total ? done * kWidth / total : kWidth;
  err << "\rbuilding [" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] "
      << done << "/" << total << " images" << (done == total ? "\n" : "") << std::flush;
}

}  // namespace

int cmd_build(CommandContext& context) {
  cxxopts::Options options(context.program,
                           "Build every platform's sticker bundle from a pack.json");
  options.add_options()("pack", "pack.json to build", cxxopts::value<std::string>())(
      "o,out", "output folder (replaced as a whole when the build succeeds)",
      cxxopts::value<std::string>())("p,platform",
                                     "comma-separated platform ids (default: the pack's list)",
                                     cxxopts::value<std::vector<std::string>>())(
      "j,jobs", "threads to use (default: all cores)", cxxopts::value<int>()->default_value("0"))(
      "json", "print report.json to stdout")(
      "signal-key", "fixed Signal pack key, 64 hex digits (reproducible Signal blobs)",
      cxxopts::value<std::string>())("h,help", "show this help");
  options.parse_positional({"pack"});
  options.positional_help("PACK.json --out DIR");
  std::optional<cxxopts::ParseResult> parsed = parse_options(options, context);
  if (!parsed) return Exit::ok;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("pack"))
    throw bad_input("build: no pack.json given; usage: stickerforge build PACK.json --out DIR");
  if (!args.count("out")) throw bad_input("build: no output folder given; expected --out DIR");
  int jobs = args["jobs"].as<int>();
  if (jobs < 0 || jobs > 256)
    throw bad_input("build: --jobs is " + std::to_string(jobs) + "; expected 0 (all cores) to 256");

  exporters::BuildOptions build;
  build.out_dir = args["out"].as<std::string>();
  if (args.count("platform")) build.platforms = args["platform"].as<std::vector<std::string>>();
  build.jobs = jobs;
  if (args.count("signal-key"))
    build.signal_key =
        exporters::signal::from_hex(args["signal-key"].as<std::string>(), "--signal-key");
  pack::Pack pack = pack::load_pack(args["pack"].as<std::string>());
  if (context.interactive)
    build.progress = [&context](int done, int total) { draw_progress(context.err, done, total); };

  exporters::BuildResult result = exporters::build_pack(pack, build);
  if (args.count("json")) {
    context.out << result.report.dump(2) << "\n";
    return Exit::ok;
  }
  const nlohmann::json& report = result.report;
  context.out << "built " << result.out_dir.string() << "\n";
  for (const auto& id : report["platforms"]) {  // in the order asked for
    const std::string platform = id.get<std::string>();
    const nlohmann::json& summary = report["summary"][platform];
    context.out << "  " << platform << "/: " << summary["files"].get<int>() << " files, "
                << summary["bytes"].get<std::uint64_t>() << " bytes, lowest SSIM "
                << summary["min_ssim"].get<double>() << "\n";
  }
  for (const auto& secret : report["secrets"])
    context.out << "  private (0600): " << secret.get<std::string>() << "\n";
  for (const auto& warning : report["warnings"])
    context.err << "warning: " << warning.get<std::string>() << "\n";
  context.out << "report: " << (result.out_dir / "report.json").string() << "\n";
  return Exit::ok;
}

}  // namespace sf::cli
