// Every platform's form of an animated sticker, decoded by independent tools.
#include <catch2/catch.hpp>
#include <numeric>

#include "base/error.h"
#include "base/files.h"
#include "exporters/animated_export.h"
#include "exporters/registry.h"
#include "motion/fixtures.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace sf;
using namespace sf::exporters;

namespace {

// A 1.5 s GIF of 15 frames, made by ffmpeg (not by us).
fs::path make_gif(const fs::path& dir) {
  fs::path gif = dir / "wave.gif";
  test::ffmpeg("-f lavfi -i testsrc=s=96x96:r=10:d=1.5 -f gif '" + gif.string() + "'");
  return gif;
}

ImageJob sticker_job(const PlatformSpec& spec) {
  std::string name = std::string("stickers/01.") + artwork::format_name(spec.sticker.format);
  return {"sticker", name, 0, spec.sticker};
}

bool has_text(const std::vector<std::string>& lines, const std::string& part) {
  for (const std::string& line : lines)
    if (line.find(part) != std::string::npos) return true;
  return false;
}

double sum(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0);
}

}  // namespace

TEST_CASE("an animated GIF gets each platform's animated form or its first frame") {
  test::TempDir dir;
  fs::path gif = make_gif(dir.path());
  REQUIRE(is_animated_source(gif));
  AnimatedSource source = load_animated_source(gif, "art/wave.gif", pack::DurationPolicy::cut);
  REQUIRE(source.frames.frames.size() == 15);

  auto render = [&](const char* id) {
    const PlatformSpec& spec = find_exporter(id).spec();
    AnimatedImage image =
        render_animated_job(source, spec, sticker_job(spec), spec.margin_px, pack::DurationPolicy::cut);
    fs::path out = dir / (std::string(id) + "_" + fs::path(image.path).filename().string());
    test::write_bytes(out, image.bytes);
    REQUIRE(image.record.bytes == 0);  // the bundle fills it in
    if (image.record.limit_bytes) REQUIRE(image.bytes.size() <= *image.record.limit_bytes);
    return std::pair{image, out};
  };

  SECTION("whatsapp: animated WEBP 512x512 looping forever, timing kept") {
    auto [image, out] = render("whatsapp");
    REQUIRE(image.animated);
    REQUIRE(image.path == "stickers/01.webp");
    REQUIRE(image.record.format == "webp");
    test::WebpInfo info = test::webpmux_info(out);
    REQUIRE(info.width == 512);
    REQUIRE(info.height == 512);
    REQUIRE(info.loop_count == 0);
    REQUIRE(info.durations_ms.size() == 15);
    REQUIRE_FALSE(info.first_frame_blends);
    REQUIRE(std::accumulate(info.durations_ms.begin(), info.durations_ms.end(), 0) == 1500);
    REQUIRE(image.record.limit_bytes == 500u * 1024);
  }
  SECTION("telegram: WEBM VP9 with one side 512 and no audio") {
    auto [image, out] = render("telegram");
    REQUIRE(image.path == "stickers/01.webm");
    REQUIRE(image.record.format == "webm");
    nlohmann::json probe = test::ffprobe(out);
    REQUIRE(probe["streams"].size() == 1);
    const nlohmann::json& video = probe["streams"][0];
    REQUIRE(video["codec_name"] == "vp9");
    REQUIRE(std::max(video["width"].get<int>(), video["height"].get<int>()) == 512);
    double duration = std::stod(probe["format"]["duration"].get<std::string>());
    REQUIRE(duration == Approx(1.5).margin(0.1));
    REQUIRE(image.bytes.size() <= 256000);
  }
  SECTION("signal, imessage and discord: APNG playing forever, delays add up") {
    for (const char* id : {"signal", "imessage", "discord"}) {
      INFO(id);
      auto [image, out] = render(id);
      REQUIRE(image.path == "stickers/01.png");
      REQUIRE(image.record.format == "apng");
      test::ApngInfo apng = test::parse_apng(image.bytes);
      REQUIRE(apng.crc_ok);
      REQUIRE(apng.actl_frames == 15);
      REQUIRE(apng.plays == 0);
      REQUIRE(sum(apng.delays_ms) == Approx(1500).margin(1));
      int side = find_exporter(id).spec().sticker.width;
      REQUIRE(apng.height == apng.width);
      if (std::string(id) != "signal") {
        REQUIRE(apng.width == side);  // Discord's 320 and iMessage's grid size are rules
      } else {
        // Signal takes any square of 10-512 px: the small GIF is not
        // enlarged past its own pixels, and the report says so.
        REQUIRE(apng.width < side);
        bool said = false;
        for (const auto& [key, value] : image.record.settings)
          said = said || (key == "canvas" && value.find("not enlarged") != std::string::npos);
        REQUIRE(said);
      }
    }
  }
  SECTION("line: APNG within 320x270, 5-20 frames, plays x length within 4 s") {
    auto [image, out] = render("line");
    test::ApngInfo apng = test::parse_apng(image.bytes);
    REQUIRE(apng.width <= 320);
    REQUIRE(apng.height <= 270);
    REQUIRE((apng.width == 320 || apng.height == 270));
    REQUIRE(apng.width % 2 == 0);
    REQUIRE(apng.height % 2 == 0);
    REQUIRE(apng.actl_frames >= 5);
    REQUIRE(apng.actl_frames <= 20);
    REQUIRE(apng.plays >= 1);
    REQUIRE(apng.plays * sum(apng.delays_ms) <= 4000);
    REQUIRE(apng.plays == 2);  // 1.5 s: two plays fit in 4 s, three do not
  }
  SECTION("viber, wechat and kik: the first frame as a still image, and the report says so") {
    for (const char* id : {"viber", "wechat", "kik"}) {
      INFO(id);
      const PlatformSpec& spec = find_exporter(id).spec();
      auto [image, out] = render(id);
      REQUIRE_FALSE(image.animated);
      REQUIRE(image.path == sticker_job(spec).path);
      artwork::Raster still = artwork::decode(image.bytes, out.string());
      REQUIRE(still.width <= spec.sticker.width);
      REQUIRE(still.height <= spec.sticker.height);
      REQUIRE(artwork::probe_file(out).frames == 1);
      REQUIRE(has_text(image.record.sacrifices, "first frame only"));
      REQUIRE(has_text(image.warnings, std::string(id) + ": art/wave.gif: first frame only"));
    }
  }
}

TEST_CASE("a still tray from an animated source keeps its platform's format") {
  test::TempDir dir;
  AnimatedSource source =
      load_animated_source(make_gif(dir.path()), "art/wave.gif", pack::DurationPolicy::cut);
  const PlatformSpec& spec = find_exporter("whatsapp").spec();
  ImageRule tray{artwork::Format::png, 96, 96, true, false, 50 * 1024, true, false};
  AnimatedImage image =
      render_animated_job(source, spec, {"tray", "assets/p/tray.png", 0, tray}, 3, pack::DurationPolicy::cut);
  REQUIRE_FALSE(image.animated);
  REQUIRE(image.path == "assets/p/tray.png");
  artwork::Raster raster = artwork::decode(image.bytes, "tray");
  REQUIRE(raster.width == 96);
  REQUIRE(raster.height == 96);
  REQUIRE(image.warnings.empty());  // a still tray is what WhatsApp asks for, no sacrifice
}

TEST_CASE("a Lottie source becomes a Telegram video and an animated LINE main image") {
  test::TempDir dir;
  fs::path lottie = test::write_file(dir / "spin.json", test::lottie_json(512, 512, 30, 30));
  REQUIRE(is_animated_source(lottie));
  AnimatedSource source = load_animated_source(lottie, "art/spin.json", pack::DurationPolicy::cut);
  REQUIRE_FALSE(source.tgs);

  const PlatformSpec& telegram = find_exporter("telegram").spec();
  AnimatedImage thumb = render_animated_job(
      source, telegram, {"thumbnail", "thumbnail.webp", kTraySource, telegram.sticker}, 0,
      pack::DurationPolicy::cut);
  REQUIRE(thumb.path == "thumbnail.webm");
  REQUIRE(thumb.bytes.size() <= 32000);
  test::write_bytes(dir / "thumb.webm", thumb.bytes);
  nlohmann::json probe = test::ffprobe(dir / "thumb.webm");
  REQUIRE(probe["streams"][0]["codec_name"] == "vp9");
  REQUIRE(probe["streams"][0]["width"] == 100);
  REQUIRE(probe["streams"][0]["height"] == 100);

  const PlatformSpec& line = find_exporter("line").spec();
  AnimatedImage main = render_animated_job(source, line, {"main", "main.png", kTraySource, line.sticker},
                                           0, pack::DurationPolicy::cut);
  test::ApngInfo apng = test::parse_apng(main.bytes);
  REQUIRE(apng.width == 240);
  REQUIRE(apng.height == 240);
  REQUIRE(apng.actl_frames >= 5);
  REQUIRE(apng.actl_frames <= 20);
  REQUIRE(sum(apng.delays_ms) == Approx(1000).margin(1));
}

TEST_CASE("a valid TGS goes to Telegram unchanged and is rendered for the others") {
  test::TempDir dir;
  fs::path json = test::write_file(dir / "s.json", test::lottie_json(512, 512, 60, 60, true));
  fs::path gz = test::gzip_file(json);
  fs::path tgs = dir / "s.tgs";
  fs::rename(gz, tgs);
  AnimatedSource source = load_animated_source(tgs, "art/s.tgs", pack::DurationPolicy::cut);
  REQUIRE(source.tgs);
  const PlatformSpec& telegram = find_exporter("telegram").spec();
  AnimatedImage image = render_animated_job(source, telegram, sticker_job(telegram), 0,
                                            pack::DurationPolicy::cut);
  REQUIRE(image.path == "stickers/01.tgs");
  REQUIRE(image.bytes == read_file(tgs));
  REQUIRE(image.record.format == "tgs");

  const PlatformSpec& discord = find_exporter("discord").spec();
  AnimatedImage apng = render_animated_job(source, discord, sticker_job(discord), 0,
                                           pack::DurationPolicy::cut);
  REQUIRE(test::parse_apng(apng.bytes).actl_frames > 1);
}

TEST_CASE("a TGS over Telegram's limits becomes a video sticker and the report says why") {
  test::TempDir dir;
  // 4 s at 60 fps: over Telegram's 3 s.
  fs::path json = test::write_file(dir / "long.json", test::lottie_json(512, 512, 60, 240, true));
  fs::path tgs = dir / "long.tgs";
  fs::rename(test::gzip_file(json), tgs);
  AnimatedSource source = load_animated_source(tgs, "art/long.tgs", pack::DurationPolicy::cut);
  REQUIRE_FALSE(source.tgs);
  const PlatformSpec& telegram = find_exporter("telegram").spec();
  AnimatedImage image = render_animated_job(source, telegram, sticker_job(telegram), 0,
                                            pack::DurationPolicy::cut);
  REQUIRE(image.path == "stickers/01.webm");
  REQUIRE(has_text(image.warnings, "telegram: art/long.tgs: not passed through as TGS"));
  REQUIRE(has_text(image.record.sacrifices, "3.00 s"));  // cut to Telegram's limit
}

TEST_CASE("the refuse policy names the platform, the file and the limit") {
  test::TempDir dir;
  fs::path gif = dir / "long.gif";
  test::ffmpeg("-f lavfi -i testsrc=s=32x32:r=2:d=6 -f gif '" + gif.string() + "'");
  AnimatedSource source = load_animated_source(gif, "art/long.gif", pack::DurationPolicy::refuse);
  const PlatformSpec& discord = find_exporter("discord").spec();
  REQUIRE_THROWS_WITH(render_animated_job(source, discord, sticker_job(discord), 0,
                                          pack::DurationPolicy::refuse),
                      Catch::Contains("discord: art/long.gif") && Catch::Contains("5"));
}

TEST_CASE("a corrupt animated source is refused with its name") {
  test::TempDir dir;
  std::string gif = test::tiny_gif(3);
  gif.resize(gif.size() - 12);  // truncated in the middle of a frame
  fs::path file = test::write_file(dir / "broken.gif", gif);
  REQUIRE_THROWS_WITH(load_animated_source(file, "art/broken.gif", pack::DurationPolicy::cut),
                      Catch::Contains("broken.gif"));
}

TEST_CASE("animated outputs take the extension of their container") {
  REQUIRE(with_animated_extension("stickers/01.webp", motion::Container::webm) == "stickers/01.webm");
  REQUIRE(with_animated_extension("a.b/01", motion::Container::apng) == "a.b/01.png");
  REQUIRE(with_animated_extension("01.png", motion::Container::tgs) == "01.tgs");
  REQUIRE(animated_target_id("whatsapp", "sticker") == "whatsapp");
  REQUIRE(animated_target_id("whatsapp", "tray").empty());
  REQUIRE(animated_target_id("telegram", "thumbnail") == "telegram_thumbnail");
  REQUIRE(animated_target_id("line", "main") == "line_main");
  REQUIRE(animated_target_id("line", "tab").empty());
  REQUIRE(animated_target_id("kik", "sticker").empty());
}

TEST_CASE("check_animated_file accepts what the build makes and catches a file over a limit") {
  test::TempDir dir;
  AnimatedSource source =
      load_animated_source(make_gif(dir.path()), "art/wave.gif", pack::DurationPolicy::cut);
  for (const char* id : {"whatsapp", "telegram", "signal", "discord", "line"}) {
    INFO(id);
    const PlatformSpec& spec = find_exporter(id).spec();
    AnimatedImage image =
        render_animated_job(source, spec, sticker_job(spec), spec.margin_px, pack::DurationPolicy::cut);
    fs::create_directories((dir / image.path).parent_path());
    test::write_bytes(dir / image.path, image.bytes);
    Problems problems;
    REQUIRE(check_animated_file(dir.path(), image.path, id, problems));
    for (const Problem& p : problems) UNSCOPED_INFO(p.where << ": " << p.message);
    REQUIRE(problems.empty());
  }
  // Noisy 512x512 frames as a lossless APNG: far over LINE's 300 KB and 320x270.
  fs::path big = dir / "big.png";
  test::ffmpeg("-f lavfi -i 'nullsrc=s=512x512:r=10:d=1,geq=random(1)*255:128:128' -plays 0 -f apng '" +
               big.string() + "'");
  Problems problems;
  REQUIRE(check_animated_file(dir.path(), "big.png", "line", problems));
  REQUIRE(problems.size() == 2);
  REQUIRE_THAT(problems[0].message + problems[1].message,
               Catch::Contains("expected within 320x270") && Catch::Contains("the limit is 300000"));
  Problems missing;
  REQUIRE_FALSE(check_animated_file(dir.path(), "nope.webm", "telegram", missing));
  REQUIRE_THAT(missing.at(0).message, Catch::Contains("is missing"));
}

TEST_CASE("stored_path finds the file the driver wrote for a planned path") {
  Bundle bundle("telegram");
  bundle.add("stickers/01.webm", Bytes{1}, FileRecord{});
  bundle.add("stickers/02.webp", Bytes{1}, FileRecord{});
  REQUIRE(stored_path(bundle, "stickers/01.webp") == "stickers/01.webm");
  REQUIRE(stored_path(bundle, "stickers/02.webp") == "stickers/02.webp");
  REQUIRE(stored_path(bundle, "stickers/03.webp") == "stickers/03.webp");
  REQUIRE_FALSE(looks_animated("/nonexistent/file.gif"));
}
