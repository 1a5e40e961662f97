// Every output is read back by a tool we did not write (webpmux, ffprobe)
// or by the test's own APNG chunk walk, and compared with the source.
#include <catch2/catch.hpp>

#include <numeric>

#include "base/error.h"
#include "base/text.h"
#include "motion/decode.h"
#include "motion/fixtures.h"
#include "motion/render.h"
#include "support/temp_dir.h"

using namespace sf;
using sf::test::TempDir;

namespace {

motion::Animation lottie_source(TempDir& dir, int frames, double fps = 30) {
  test::write_file(dir / "src.json", test::lottie_json(200, 200, fps, frames));
  return motion::decode_animation(dir / "src.json", {});
}

double number(const nlohmann::json& value) {
  return value.is_string() ? std::stod(value.get<std::string>()) : value.get<double>();
}

double rate(const std::string& fraction) {
  auto slash = fraction.find('/');
  return std::stod(fraction.substr(0, slash)) / std::stod(fraction.substr(slash + 1));
}

}  // namespace

TEST_CASE("WhatsApp: animated WEBP 512x512 under 500 KiB with the source's timing", "[motion]") {
  TempDir dir;
  motion::Animation source = lottie_source(dir, 60);  // 2 s at 30 fps
  motion::RenderOptions options;
  options.margin_px = 16;
  auto out = motion::render_animation(source, motion::find_animated_target("whatsapp"), options);
  test::write_bytes(dir / "out.webp", out.bytes);
  test::WebpInfo info = test::webpmux_info(dir / "out.webp");
  CHECK(info.width == 512);
  CHECK(info.height == 512);
  CHECK(info.loop_count == 0);
  CHECK_FALSE(info.first_frame_blends);  // the first frame is a complete picture on its own
  CHECK(static_cast<int>(info.durations_ms.size()) == out.frames);
  CHECK(out.frames <= 60);  // libwebp merges frames identical to the previous one
  CHECK(std::accumulate(info.durations_ms.begin(), info.durations_ms.end(), 0) == 2000);
  for (int d : info.durations_ms) CHECK(d >= 8);
  CHECK(out.bytes.size() <= 500 * 1024);
  CHECK(out.trials >= 1);
  CHECK(out.settings.at(0).first == "quality");
  CHECK(out.psnr_db > 30);  // a flat red square: near-lossless at this budget
}

TEST_CASE("WhatsApp: a 12 s GIF is cut to 10 s with a note", "[motion]") {
  TempDir dir;
  test::ffmpeg("-f lavfi -i testsrc=s=96x96:r=2:d=12 -f gif '" + (dir / "long.gif").string() + "'");
  motion::Animation source = motion::decode_animation(dir / "long.gif", {});
  CHECK(motion::total_duration_ms(source) == 12000);
  auto out = motion::render_animation(source, motion::find_animated_target("whatsapp"));
  test::write_bytes(dir / "out.webp", out.bytes);
  test::WebpInfo info = test::webpmux_info(dir / "out.webp");
  CHECK(std::accumulate(info.durations_ms.begin(), info.durations_ms.end(), 0) == 10000);
  CHECK(out.duration_ms == 10000);
  REQUIRE_FALSE(out.notes.empty());
  CHECK_THAT(out.notes[0], Catch::Contains("cut from 12.00 s to 10.00 s"));
}

TEST_CASE("Telegram: WEBM VP9 with alpha and no audio and one side 512 at <= 30 fps cut to 3 s", "[motion]") {
  TempDir dir;
  // 4 s, 60 fps, 320x240 with half-transparent pixels and an audio track.
  test::ffmpeg("-f lavfi -i testsrc=s=320x240:r=60:d=4,format=rgba,colorchannelmixer=aa=0.6 "
               "-f lavfi -i sine=d=4 -c:v libvpx-vp9 -pix_fmt yuva420p -deadline realtime -cpu-used 8 "
               "-c:a libopus -shortest '" + (dir / "clip.webm").string() + "'");
  motion::DecodeOptions decode;
  decode.stop_after_ms = 3000;
  motion::Animation source = motion::decode_animation(dir / "clip.webm", decode);
  CHECK(source.frames[0].rgba[3] < 200);  // alpha survived decoding
  auto out = motion::render_animation(source, motion::find_animated_target("telegram"));
  test::write_bytes(dir / "out.webm", out.bytes);
  CHECK(out.bytes.size() <= 256'000);
  nlohmann::json probe = test::ffprobe(dir / "out.webm");
  REQUIRE(probe["streams"].size() == 1);  // no audio stream
  auto& stream = probe["streams"][0];
  CHECK(stream["codec_name"] == "vp9");
  CHECK(stream["tags"].value("alpha_mode", "") == "1");
  CHECK(stream["width"] == 512);
  CHECK(stream["height"] == 384);
  CHECK(std::abs(number(probe["format"]["duration"]) - 3.0) <= 0.034);
  int frames = std::stoi(stream["nb_read_frames"].get<std::string>());
  CHECK(frames == out.frames);
  CHECK(frames <= 90);
  CHECK(rate(stream["avg_frame_rate"]) <= 30.01);
  CHECK_THAT(join(out.notes, "; "), Catch::Contains("frame rate"));
  // Measured by decoding the WEBM again (libvpx, alpha included): lossy, and
  // a test pattern at 256 KB for 3 s stays recognisable.
  CHECK(out.psnr_db > 20);
  CHECK(out.psnr_db < 60);
}

TEST_CASE("Telegram: the last WEBM frame ends at 3.000 s in the container, by its own block duration", "[motion]") {
  // 12.5 fps for 3.52 s, cut to 3 s: the last frame keeps only 40 of its
  // 80 ms, which no frame rate predicts; the container must say so.
  TempDir dir;
  motion::Animation source = test::synthetic(64, 64, 44, 80);
  auto out = motion::render_animation(source, motion::find_animated_target("telegram"));
  test::write_bytes(dir / "out.webm", out.bytes);
  test::CommandResult probe = test::run_command(
      "ffprobe -v error -show_entries packet=pts_time,duration_time:format=duration -of json '" +
      (dir / "out.webm").string() + "'");
  REQUIRE(probe.status == 0);
  nlohmann::json info = nlohmann::json::parse(probe.output);
  REQUIRE(info["packets"].size() == 38);
  const nlohmann::json& last = info["packets"].back();
  CHECK(number(last["pts_time"]) == Approx(2.960));
  CHECK(number(last["duration_time"]) == Approx(0.040));
  CHECK(number(last["pts_time"]) + number(last["duration_time"]) <= 3.0 + 1e-9);
  CHECK(number(info["format"]["duration"]) <= 3.0 + 1e-9);
}

TEST_CASE("Telegram: speed-up policy fits a 4 s clip into 3 s", "[motion]") {
  TempDir dir;
  motion::Animation source = lottie_source(dir, 120);  // 4 s at 30 fps
  motion::RenderOptions options;
  options.duration_policy = pack::DurationPolicy::speed_up;
  auto out = motion::render_animation(source, motion::find_animated_target("telegram"), options);
  test::write_bytes(dir / "out.webm", out.bytes);
  nlohmann::json probe = test::ffprobe(dir / "out.webm");
  CHECK(std::abs(number(probe["format"]["duration"]) - 3.0) <= 0.034);
  CHECK(rate(probe["streams"][0]["avg_frame_rate"]) <= 30.01);
  CHECK(probe["streams"][0]["width"] == 512);
  CHECK_THAT(out.notes.at(0), Catch::Contains("sped up 1.33x"));
  CHECK(out.psnr_db > 30);  // a flat red square, compared at the sped-up timestamps
}

TEST_CASE("Telegram: refuse policy names the file and the limit", "[motion]") {
  TempDir dir;
  motion::Animation source = lottie_source(dir, 120);
  motion::RenderOptions options;
  options.duration_policy = pack::DurationPolicy::refuse;
  REQUIRE_THROWS_WITH(motion::render_animation(source, motion::find_animated_target("telegram"), options),
                      Catch::Contains("src.json") && Catch::Contains("lasts 4.00 s") &&
                          Catch::Contains("Telegram allows at most 3.00 s"));
}

TEST_CASE("Telegram: video set thumbnail is 100x100 WEBM under 32 KB", "[motion]") {
  TempDir dir;
  motion::Animation source = lottie_source(dir, 45);
  auto out = motion::render_animation(source, motion::find_animated_target("telegram_thumbnail"));
  test::write_bytes(dir / "thumb.webm", out.bytes);
  CHECK(out.bytes.size() <= 32'000);
  nlohmann::json probe = test::ffprobe(dir / "thumb.webm");
  CHECK(probe["streams"][0]["width"] == 100);
  CHECK(probe["streams"][0]["height"] == 100);
  CHECK(probe["streams"][0]["tags"].value("alpha_mode", "") == "1");
}

TEST_CASE("Signal: square APNG that loops forever with the source's delays", "[motion]") {
  TempDir dir;
  motion::Animation source = lottie_source(dir, 60);
  auto out = motion::render_animation(source, motion::find_animated_target("signal"));
  test::ApngInfo apng = test::parse_apng(out.bytes);
  CHECK(apng.crc_ok);
  CHECK(apng.width == 512);  // Lottie is drawn at the largest size
  CHECK(apng.height == 512);
  CHECK(apng.plays == 0);
  CHECK(apng.actl_frames == 60);
  CHECK(apng.delays_ms.size() == 60);
  CHECK(apng.fdat_chunks == 59);
  CHECK(std::accumulate(apng.delays_ms.begin(), apng.delays_ms.end(), 0.0) == Approx(2000));
  CHECK(out.bytes.size() <= 300 * 1024);
  CHECK(out.psnr_db > 35);
  // FFmpeg decodes every frame of it.
  test::write_bytes(dir / "out.png", out.bytes);
  nlohmann::json probe = test::ffprobe(dir / "out.png");
  CHECK(probe["streams"][0]["codec_name"] == "apng");
  CHECK(std::stoi(probe["streams"][0]["nb_read_frames"].get<std::string>()) == 60);
  // And our decoder reads back the same pictures (lossless when truecolor
  // or palette fits): frame count and duration round-trip.
  motion::Animation back = motion::decode_animation(dir / "out.png", {});
  CHECK(back.frames.size() == 60);
  CHECK(motion::total_duration_ms(back) == 2000);
}

TEST_CASE("Signal draws a small raster source at its own pixels and says so; exact sizes are kept", "[motion]") {
  // A 200 px GIF-like source: Signal takes any square of 10-512 px, so it
  // is drawn at 200 (margin 16 of 512 scaled alike: 7), not enlarged to 512.
  // iMessage keeps the pack's grid size (408), as the exporter checks.
  motion::Animation source = test::synthetic(200, 200, 10, 100);
  motion::RenderOptions options;
  options.margin_px = 16;
  auto signal = motion::render_animation(source, motion::find_animated_target("signal"), options);
  test::ApngInfo apng = test::parse_apng(signal.bytes);
  CHECK(apng.width == 214);
  CHECK(apng.height == 214);
  auto setting = [](const motion::EncodedAnimation& out, const std::string& key) {
    for (const auto& [name, value] : out.settings)
      if (name == key) return value;
    return std::string();
  };
  CHECK_THAT(setting(signal, "canvas"), Catch::Contains("not enlarged to 512x512") && Catch::Contains("10-512"));
  CHECK(signal.psnr_db > 40);
  auto imessage = motion::render_animation(source, motion::find_animated_target("imessage"), options);
  CHECK(test::parse_apng(imessage.bytes).width == 408);
  CHECK(setting(imessage, "canvas").empty());
  // WhatsApp demands exactly 512: it keeps it.
  motion::Animation two = test::synthetic(200, 200, 2, 100);
  CHECK(motion::render_animation(two, motion::find_animated_target("whatsapp"), options).width == 512);
}

TEST_CASE("LINE: APNG within 320x270 with 5-20 frames and loops x length <= 4 s", "[motion]") {
  TempDir dir;
  test::ffmpeg("-f lavfi -i testsrc=s=400x300:r=10:d=6 -f gif '" + (dir / "long.gif").string() + "'");
  motion::Animation source = motion::decode_animation(dir / "long.gif", {});
  auto out = motion::render_animation(source, motion::find_animated_target("line"));
  test::ApngInfo apng = test::parse_apng(out.bytes);
  CHECK(apng.width <= 320);
  CHECK(apng.height <= 270);
  CHECK((apng.width >= 270 || apng.height >= 270));
  CHECK(apng.width % 2 == 0);
  CHECK(apng.height % 2 == 0);
  CHECK(apng.actl_frames >= 5);
  CHECK(apng.actl_frames <= 20);
  double length = std::accumulate(apng.delays_ms.begin(), apng.delays_ms.end(), 0.0);
  CHECK(length == Approx(4000));
  CHECK(apng.plays >= 1);
  CHECK(apng.plays * length <= 4000);
  CHECK(out.bytes.size() <= 300'000);

  // A two-frame source is split into at least 5 frames, played 4 times.
  motion::Animation blink = test::synthetic(64, 64, 2, 500);
  auto short_out = motion::render_animation(blink, motion::find_animated_target("line"));
  test::ApngInfo short_apng = test::parse_apng(short_out.bytes);
  CHECK(short_apng.actl_frames == 5);
  CHECK(std::accumulate(short_apng.delays_ms.begin(), short_apng.delays_ms.end(), 0.0) == Approx(1000));
  CHECK(short_apng.plays == 4);
}

TEST_CASE("LINE main image and Discord APNG and iMessage GIF outputs", "[motion]") {
  TempDir dir;
  motion::Animation source = lottie_source(dir, 30);
  auto main = motion::render_animation(source, motion::find_animated_target("line_main"));
  test::ApngInfo apng = test::parse_apng(main.bytes);
  CHECK(apng.width == 240);
  CHECK(apng.height == 240);
  CHECK(apng.actl_frames <= 20);

  auto discord = motion::render_animation(source, motion::find_animated_target("discord"));
  test::ApngInfo d = test::parse_apng(discord.bytes);
  CHECK(d.width == 320);
  CHECK(d.plays == 0);
  CHECK(discord.bytes.size() <= 512'000);

  auto gif = motion::render_animation(source, motion::find_animated_target("imessage_gif"));
  test::write_bytes(dir / "out.gif", gif.bytes);
  nlohmann::json probe = test::ffprobe(dir / "out.gif");
  CHECK(probe["streams"][0]["codec_name"] == "gif");
  CHECK(probe["streams"][0]["width"] == 408);
  CHECK(std::stoi(probe["streams"][0]["nb_read_frames"].get<std::string>()) == 30);
  CHECK(std::abs(number(probe["format"]["duration"]) - 1.0) <= 0.02);
  // Transparency survives: decoded by FFmpeg, the corner is clear and the
  // art is opaque.
  motion::Animation back = motion::decode_animation(dir / "out.gif", {});
  REQUIRE(back.width == 408);
  CHECK(back.frames[0].rgba[3] == 0);
  std::size_t centre = (static_cast<std::size_t>(204) * 408 + 150) * 4;  // square starts 30% across
  CHECK(back.frames[0].rgba[centre + 3] == 255);
  CHECK(back.frames[0].rgba[centre] > 200);
}

TEST_CASE("a tight byte budget lowers quality first and says so", "[motion]") {
  motion::Animation noisy = test::synthetic(128, 128, 12, 100, true);
  motion::AnimatedTarget target = motion::find_animated_target("whatsapp");
  target.max_bytes = 700 * 1024;
  auto out = motion::render_animation(noisy, target);
  INFO(join(out.sacrifices, "; "));
  CHECK(out.bytes.size() <= target.max_bytes);
  CHECK(out.width == 512);  // resolution kept
  REQUIRE(out.sacrifices.size() == 1);
  CHECK_THAT(out.sacrifices[0], Catch::StartsWith("quality 100 -> "));
  CHECK(out.psnr_db > 5);  // noise is hard: measured, and low
  CHECK(out.psnr_db < 40);
  CHECK(out.trials <= 5);
}

TEST_CASE("when the lowest quality is not enough the frame rate goes next and size last", "[motion]") {
  motion::Animation noisy = test::synthetic(128, 128, 12, 100, true);
  motion::AnimatedTarget target = motion::find_animated_target("whatsapp");
  target.max_bytes = 150 * 1024;
  auto out = motion::render_animation(noisy, target);
  INFO(join(out.sacrifices, "; "));
  CHECK(out.bytes.size() <= target.max_bytes);
  REQUIRE(out.sacrifices.size() >= 2);
  CHECK_THAT(out.sacrifices[0], Catch::StartsWith("quality 100 -> "));
  CHECK_THAT(out.sacrifices[1], Catch::StartsWith("frame rate 10.0 -> "));
  if (out.sacrifices.size() == 3) CHECK_THAT(out.sacrifices[2], Catch::StartsWith("art drawn at "));
  test::TempDir dir;
  test::write_bytes(dir / "out.webp", out.bytes);
  test::WebpInfo info = test::webpmux_info(dir / "out.webp");
  CHECK(std::accumulate(info.durations_ms.begin(), info.durations_ms.end(), 0) == 1200);  // timing kept
}

TEST_CASE("an impossible budget fails naming the file and best size and limit", "[motion]") {
  motion::Animation noisy = test::synthetic(64, 64, 4, 100, true);
  noisy.file = "art/noise.gif";
  motion::AnimatedTarget target = motion::find_animated_target("signal");
  target.max_bytes = 300;
  REQUIRE_THROWS_WITH(motion::render_animation(noisy, target),
                      Catch::Contains("art/noise.gif") && Catch::Contains("best size") &&
                          Catch::Contains("Signal allows 300 bytes"));
}

TEST_CASE("unknown animated target suggests the nearest", "[motion]") {
  REQUIRE_THROWS_WITH(motion::find_animated_target("telegarm"),
                      Catch::Contains("unknown animated target 'telegarm'") && Catch::Contains("telegram"));
}
