#include <catch2/catch.hpp>

#include "base/error.h"
#include "motion/decode.h"
#include "motion/fixtures.h"
#include "support/temp_dir.h"

using namespace sf;
using sf::test::TempDir;

namespace {
const std::uint8_t* pixel(const motion::Animation& a, std::size_t frame, int x, int y) {
  return &a.frames[frame].rgba[(static_cast<std::size_t>(y) * a.width + x) * 4];
}
}  // namespace

TEST_CASE("decodes an animated GIF with its frame count and delays", "[motion]") {
  TempDir dir;
  test::ffmpeg("-f lavfi -i testsrc=s=64x48:r=10:d=2 -f gif '" + (dir / "a.gif").string() + "'");
  auto info = motion::probe_animation(dir / "a.gif");
  REQUIRE(info);
  CHECK(info->format == "gif");
  CHECK(info->frames == 20);
  CHECK(info->duration_ms == 2000);
  motion::Animation animation = motion::decode_animation(dir / "a.gif", {});
  CHECK(animation.width == 64);
  CHECK(animation.height == 48);
  CHECK(animation.frames.size() == 20);
  CHECK(motion::total_duration_ms(animation) == 2000);
  for (const auto& frame : animation.frames) CHECK(frame.duration_ms == 100);
}

TEST_CASE("decodes animated WEBP and APNG made by ffmpeg", "[motion]") {
  TempDir dir;
  std::string source = "-f lavfi -i testsrc=s=80x60:r=20:d=1 ";
  test::ffmpeg(source + "-c:v libwebp_anim -loop 0 '" + (dir / "a.webp").string() + "'");
  test::ffmpeg(source + "-f apng -plays 0 '" + (dir / "a.png").string() + "'");
  for (std::string name : {"a.webp", "a.png"}) {
    INFO(name);
    motion::Animation animation = motion::decode_animation(dir / name, {});
    CHECK(animation.width == 80);
    CHECK(animation.height == 60);
    CHECK(animation.frames.size() == 20);
    CHECK(motion::total_duration_ms(animation) == 1000);
    auto info = motion::probe_animation(dir / name);
    REQUIRE(info);
    CHECK(info->animated);
    CHECK(info->frames == 20);
  }
}

TEST_CASE("decodes a video and shrinks frames to the needed size", "[motion]") {
  TempDir dir;
  test::ffmpeg("-f lavfi -i testsrc=s=1280x720:r=30:d=1 -c:v mpeg4 '" + (dir / "a.mp4").string() + "'");
  motion::DecodeOptions options;
  options.max_side_px = 512;
  motion::Animation animation = motion::decode_animation(dir / "a.mp4", options);
  CHECK(animation.width == 512);
  CHECK(animation.height == 288);
  CHECK(animation.frames.size() == 30);
  CHECK(std::abs(motion::total_duration_ms(animation) - 1000) <= 34);
  CHECK(animation.source_format == "video");
}

TEST_CASE("keeps the alpha of a VP9 WEBM", "[motion]") {
  TempDir dir;
  test::ffmpeg("-f lavfi -i color=c=red@0.5:s=64x64:r=10:d=1,format=rgba -c:v libvpx-vp9 -pix_fmt yuva420p '" +
               (dir / "a.webm").string() + "'");
  auto info = motion::probe_animation(dir / "a.webm");
  REQUIRE(info);
  CHECK(info->has_alpha);
  motion::Animation animation = motion::decode_animation(dir / "a.webm", {});
  REQUIRE(animation.frames.size() == 10);
  const std::uint8_t* p = pixel(animation, 5, 32, 32);
  CHECK(std::abs(int(p[3]) - 128) <= 8);
  CHECK(p[0] > 200);
}

TEST_CASE("renders Lottie at the asked size with true timing and transparency", "[motion]") {
  TempDir dir;
  test::write_file(dir / "a.json", test::lottie_json(100, 100, 30, 45));
  motion::DecodeOptions options;
  options.max_side_px = 200;
  motion::Animation animation = motion::decode_animation(dir / "a.json", options);
  CHECK(animation.width == 200);
  CHECK(animation.height == 200);
  CHECK(animation.frames.size() == 45);
  CHECK(motion::total_duration_ms(animation) == 1500);
  CHECK(pixel(animation, 0, 2, 2)[3] == 0);         // corner: transparent
  const std::uint8_t* centre = pixel(animation, 0, 60, 100);  // square starts at 30% across
  CHECK(centre[3] == 255);
  CHECK(centre[0] == 255);
  CHECK(animation.frames.front().rgba != animation.frames.back().rgba);  // it moves
}

TEST_CASE("merges frames above max_fps without changing the length", "[motion]") {
  TempDir dir;
  test::write_file(dir / "a.json", test::lottie_json(64, 64, 60, 120));
  motion::DecodeOptions options;
  options.max_fps = 30;
  motion::Animation animation = motion::decode_animation(dir / "a.json", options);
  CHECK(animation.frames.size() == 60);
  CHECK(motion::total_duration_ms(animation) == 2000);
}

TEST_CASE("refuses a 10000-frame GIF from its headers", "[motion]") {
  TempDir dir;
  test::write_file(dir / "many.gif", test::tiny_gif(10'000));
  REQUIRE_THROWS_WITH(motion::decode_animation(dir / "many.gif", {}),
                      Catch::Contains("many.gif") && Catch::Contains("has 10000 frames") &&
                          Catch::Contains("at most 1000"));
}

TEST_CASE("refuses a 2-hour video from its header", "[motion]") {
  TempDir dir;
  test::ffmpeg("-f lavfi -i color=c=blue:s=16x16:r=1/600:d=7200 -c:v mpeg4 '" + (dir / "long.mp4").string() + "'");
  REQUIRE_THROWS_WITH(motion::decode_animation(dir / "long.mp4", {}),
                      Catch::Contains("long.mp4") && Catch::Contains("lasts 7200") &&
                          Catch::Contains("expected at most 60 s"));
}

TEST_CASE("refuses corrupt or empty or oversized inputs with the file named", "[motion]") {
  TempDir dir;
  SECTION("corrupt Lottie") {
    test::write_file(dir / "bad.json", "{\"v\":\"5\",\"fr\":30,\"ip\":0,\"op\":");
    REQUIRE_THROWS_WITH(motion::decode_animation(dir / "bad.json", {}),
                        Catch::Contains("bad.json") && Catch::Contains("not valid JSON"));
  }
  SECTION("Lottie without layers") {
    test::write_file(dir / "empty.json", R"({"v":"5","fr":30,"ip":0,"op":30,"w":100,"h":100})");
    REQUIRE_THROWS_WITH(motion::decode_animation(dir / "empty.json", {}),
                        Catch::Contains("empty.json") && Catch::Contains("'layers' is missing"));
  }
  SECTION("Lottie with a huge canvas") {
    test::write_file(dir / "huge.json", test::lottie_json(100000, 100000, 30, 10));
    REQUIRE_THROWS_WITH(motion::decode_animation(dir / "huge.json", {}),
                        Catch::Contains("huge.json") && Catch::Contains("out of range"));
  }
  SECTION("empty file") {
    test::write_file(dir / "zero.gif", "");
    REQUIRE_THROWS_WITH(motion::decode_animation(dir / "zero.gif", {}),
                        Catch::Contains("zero.gif") && Catch::Contains("empty"));
  }
  SECTION("truncated GIF") {
    std::string gif = test::tiny_gif(5);
    test::write_file(dir / "cut.gif", gif.substr(0, gif.size() - 9));
    REQUIRE_THROWS_WITH(motion::decode_animation(dir / "cut.gif", {}),
                        Catch::Contains("cut.gif") && Catch::Contains("truncated"));
  }
  SECTION("not an animation") {
    test::write_file(dir / "note.txt", "hello");
    REQUIRE_THROWS_WITH(motion::decode_animation(dir / "note.txt", {}),
                        Catch::Contains("note.txt") && Catch::Contains("not an animation"));
    CHECK_FALSE(motion::probe_animation(dir / "note.txt"));
  }
  SECTION("missing file") {
    REQUIRE_THROWS_WITH(motion::decode_animation(dir / "nope.gif", {}), Catch::Contains("nope.gif"));
  }
  SECTION("too many frames for the memory budget") {
    test::write_file(dir / "a.json", test::lottie_json(512, 512, 60, 600));
    motion::DecodeOptions options;
    options.limits.max_decoded_bytes = 64ull << 20;
    REQUIRE_THROWS_WITH(motion::decode_animation(dir / "a.json", options),
                        Catch::Contains("a.json") && Catch::Contains("MiB"));
  }
}

TEST_CASE("a long source decodes only what a cut keeps", "[motion]") {
  TempDir dir;
  test::write_file(dir / "long.gif", test::tiny_gif(1500));  // 150 s at 1/10 s
  motion::DecodeOptions options;
  options.limits.max_duration_ms = 200'000;
  REQUIRE_THROWS_WITH(motion::decode_animation(dir / "long.gif", options), Catch::Contains("has 1500 frames"));
  options.stop_after_ms = 2000;
  motion::Animation animation = motion::decode_animation(dir / "long.gif", options);
  CHECK(animation.frames.size() == 20);
  CHECK(motion::total_duration_ms(animation) == 2000);
}
