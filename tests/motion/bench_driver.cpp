// motion_bench: renders animated sources for platform targets, one JSON line
// per output (used by tools/bench-animated; not a test). Usage:
//   motion_bench OUT_DIR TARGET[,TARGET...] INPUT...
// Writes OUT_DIR/<input stem>.<target>.<ext>. The pseudo-target
// "source_apng" writes the decoded frames as a lossless APNG (the bench gives
// it to the ffmpeg script, which cannot read Lottie).
#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "base/error.h"
#include "base/files.h"
#include "motion/decode.h"
#include "motion/encoders.h"
#include "motion/render.h"

namespace fs = std::filesystem;
using namespace sf;

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: motion_bench OUT_DIR TARGET[,TARGET...] INPUT...\n";
    return 2;
  }
  fs::path out_dir = argv[1];
  std::vector<std::string> targets;
  for (std::string list = argv[2], item; !list.empty();) {
    auto comma = list.find(',');
    targets.push_back(list.substr(0, comma));
    list = comma == std::string::npos ? "" : list.substr(comma + 1);
  }
  std::vector<fs::path> inputs(argv + 3, argv + argc);
  int failures = 0;
  for (const fs::path& input : inputs) {
    try {
      auto start = std::chrono::steady_clock::now();
      motion::DecodeOptions options;
      options.max_side_px = 512;
      options.stop_after_ms = 10'000;  // the longest any target keeps (cut policy)
      motion::Animation source = motion::decode_animation(input, options);
      double decode_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      // Targets of one sticker run side by side: the encoders are mostly
      // single-threaded and the machine has more than one core.
      std::vector<nlohmann::json> lines(targets.size());
      std::vector<std::thread> workers;
      for (std::size_t t = 0; t < targets.size(); ++t) {
        workers.emplace_back([&, t] {
          auto begin = std::chrono::steady_clock::now();
          nlohmann::json line = {{"input", input.filename().string()}, {"target", targets[t]}};
          try {
            if (targets[t] == "source_apng") {
              Bytes png = motion::detail::encode_apng(source, 0, 0);
              fs::path file = out_dir / (input.stem().string() + ".source.png");
              write_file_atomic(file, std::string(png.begin(), png.end()));
              line["file"] = file.string();
              lines[t] = line;
              return;
            }
            const auto& target = motion::find_animated_target(targets[t]);
            motion::RenderOptions render;
            render.margin_px = target.box.width >= 512 ? 16 : 8;
            render.keep_reference = true;
            motion::EncodedAnimation out = motion::render_animation(source, target, render);
            // The frames our PSNR is measured against, for the quality peer
            // and for ffmpeg's psnr filter, which scores both sides.
            if (!out.reference.frames.empty()) {
              Bytes png = motion::detail::encode_apng(out.reference, 0, 0);
              fs::path reference = out_dir / (input.stem().string() + "." + targets[t] + ".reference.png");
              write_file_atomic(reference, std::string(png.begin(), png.end()));
              line["reference"] = reference.string();
              line["reference_fps"] = motion::average_fps(out.reference);
              line["reference_width"] = out.reference.width;
              line["reference_height"] = out.reference.height;
            }
            fs::path file = out_dir / (input.stem().string() + "." + targets[t] + "." +
                                       (out.container == motion::Container::apng ? "png"
                                                                                 : motion::container_name(out.container)));
            write_file_atomic(file, std::string(out.bytes.begin(), out.bytes.end()));
            line["file"] = file.string();
            line["bytes"] = out.bytes.size();
            line["width"] = out.width;
            line["height"] = out.height;
            line["format"] = motion::container_name(out.container);
            line["limit"] = target.max_bytes;
            line["frames"] = out.frames;
            line["duration_ms"] = out.duration_ms;
            line["trials"] = out.trials;
            line["psnr_db"] = out.psnr_db;
            line["settings"] = out.settings;
            line["sacrifices"] = out.sacrifices;
            line["notes"] = out.notes;
          } catch (const std::exception& error) {
            line["error"] = error.what();
          }
          line["ms"] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
          lines[t] = line;
        });
      }
      for (auto& worker : workers) worker.join();
      for (auto& line : lines) {
        line["decode_ms"] = decode_ms;
        if (line.contains("error")) ++failures;
        std::cout << line.dump() << "\n";
      }
    } catch (const std::exception& error) {
      ++failures;
      std::cout << nlohmann::json{{"input", input.filename().string()}, {"error", error.what()}}.dump() << "\n";
    }
  }
  return failures ? 1 : 0;
}
