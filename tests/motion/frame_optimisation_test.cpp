// APNG and GIF frames after the first store only what changed. Every frame
// is decoded by FFmpeg (its own blend/dispose handling, no code of ours) and
// compared pixel for pixel with the full frame we meant to show.
#include <catch2/catch.hpp>

#include "motion/encoders.h"
#include "motion/fixtures.h"
#include "support/temp_dir.h"

using namespace sf;
using sf::test::TempDir;

namespace {

constexpr int kWidth = 64, kHeight = 48;

void put(motion::Frame& frame, int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a) {
  if (x < 0 || y < 0 || x >= kWidth || y >= kHeight) return;
  std::uint8_t* p = &frame.rgba[(static_cast<std::size_t>(y) * kWidth + x) * 4];
  p[0] = r;
  p[1] = g;
  p[2] = b;
  p[3] = a;
}

// The cases a frame optimiser can get wrong: a half-transparent disc moving
// over clear canvas, an opaque square moving over an opaque bar, a frame
// equal to the one before, the bar vanishing (opaque pixels turning clear,
// which blending OVER cannot do) and a noisy patch.
motion::Animation scene() {
  motion::Animation animation;
  animation.width = kWidth;
  animation.height = kHeight;
  animation.file = "scene";
  for (int f = 0; f < 8; ++f) {
    int t = f == 4 ? 3 : f;  // frame 4 repeats frame 3
    motion::Frame frame;
    frame.duration_ms = 100;
    frame.rgba.assign(static_cast<std::size_t>(kWidth) * kHeight * 4, 0);
    if (f < 6)
      for (int y = 36; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) put(frame, x, y, static_cast<std::uint8_t>(x * 4), 100, static_cast<std::uint8_t>(200 - x * 2), 255);
    for (int y = 10; y <= 26; ++y)
      for (int x = 2 + 6 * t; x <= 18 + 6 * t; ++x)
        if ((x - 10 - 6 * t) * (x - 10 - 6 * t) + (y - 18) * (y - 18) <= 64) put(frame, x, y, 250, 200, 30, 160);
    for (int y = 30; y < 42; ++y)
      for (int x = 5 + 4 * t; x < 17 + 4 * t; ++x) put(frame, x, y, 20, 220, 90, 255);
    if (f == 7)
      for (int y = 0; y < 8; ++y)
        for (int x = 40; x < 56; ++x)
          put(frame, x, y, static_cast<std::uint8_t>(x * 37 + y * 91), static_cast<std::uint8_t>(x * y * 13), 60, 255);
    animation.frames.push_back(std::move(frame));
  }
  return animation;
}

std::vector<std::vector<std::uint8_t>> from_palette(const motion::detail::Indexed& indexed) {
  std::vector<std::vector<std::uint8_t>> frames;
  for (const auto& indices : indexed.frames) {
    std::vector<std::uint8_t> rgba(indices.size() * 4);
    for (std::size_t p = 0; p < indices.size(); ++p)
      std::copy_n(&indexed.palette[indices[p] * 4u], 4, &rgba[p * 4]);
    frames.push_back(std::move(rgba));
  }
  return frames;
}

// Equal pictures: same alpha everywhere, same colour wherever it shows.
// `binary_alpha`: GIF, where any visible pixel is opaque.
void check_same_frames(const std::vector<std::vector<std::uint8_t>>& decoded,
                       const std::vector<std::vector<std::uint8_t>>& intended, bool binary_alpha = false) {
  REQUIRE(decoded.size() == intended.size());
  for (std::size_t f = 0; f < decoded.size(); ++f) {
    int wrong = 0;
    for (std::size_t p = 0; p < decoded[f].size(); p += 4) {
      const std::uint8_t* d = &decoded[f][p];
      const std::uint8_t* i = &intended[f][p];
      std::uint8_t want_alpha = binary_alpha ? (i[3] ? 255 : 0) : i[3];
      bool same = d[3] == want_alpha && (want_alpha == 0 || (d[0] == i[0] && d[1] == i[1] && d[2] == i[2]));
      if (!same) ++wrong;
    }
    INFO("frame " << f);
    CHECK(wrong == 0);
  }
}

}  // namespace

TEST_CASE("truecolour APNG frames store changed rectangles and decode to the full frames in FFmpeg", "[motion]") {
  TempDir dir;
  motion::Animation animation = scene();
  Bytes apng = motion::detail::encode_apng(animation, 0, 0);
  test::write_bytes(dir / "scene.png", apng);
  std::vector<std::vector<std::uint8_t>> intended;
  for (const motion::Frame& frame : animation.frames) intended.push_back(frame.rgba);
  check_same_frames(test::ffmpeg_frames(dir / "scene.png", kWidth, kHeight), intended);

  test::ApngInfo info = test::parse_apng(apng);
  REQUIRE(info.controls.size() == 8);
  for (const auto& control : info.controls) CHECK(control.dispose_op == 0);
  // Frame 4 equals frame 3: a 1x1 rectangle.
  CHECK(info.controls[4].width * info.controls[4].height == 1);
  // The disc and square move: only the band they cover is stored.
  CHECK(info.controls[1].width < kWidth);
  CHECK(info.controls[1].height < kHeight);
  // The bar vanishes in frame 6: opaque pixels turn clear, so that frame
  // must replace (SOURCE), not blend OVER.
  CHECK(info.controls[6].blend_op == 0);
  CHECK(info.controls[6].y + info.controls[6].height == kHeight);
}

TEST_CASE("palette APNG frames decode in FFmpeg to exactly the indexed frames meant", "[motion]") {
  TempDir dir;
  motion::Animation animation = scene();
  motion::detail::Indexed indexed;
  Bytes apng = motion::detail::encode_apng(animation, 64, 0, &indexed);
  test::write_bytes(dir / "scene.png", apng);
  REQUIRE(indexed.frames.size() == 8);
  CHECK(indexed.colors <= 64);
  CHECK(indexed.palette[3] == 0);  // index 0 is the clear colour
  check_same_frames(test::ffmpeg_frames(dir / "scene.png", kWidth, kHeight), from_palette(indexed));
  CHECK(test::parse_apng(apng).color_type == 3);
}

TEST_CASE("unchanged pixels inside a changed rectangle are left transparent where that is smaller", "[motion]") {
  // Two small squares moving in opposite corners of an opaque, static,
  // noisy picture: the changed rectangle spans the whole noise, which
  // deflates far smaller as "unchanged" (index 0, blended OVER).
  TempDir dir;
  motion::Animation animation;
  animation.width = kWidth;
  animation.height = kHeight;
  std::uint32_t seed = 7;
  motion::Frame still;
  still.duration_ms = 100;
  still.rgba.resize(static_cast<std::size_t>(kWidth) * kHeight * 4);
  for (std::size_t p = 0; p < still.rgba.size(); ++p) {
    seed = seed * 1103515245u + 12345u;
    still.rgba[p] = p % 4 == 3 ? 255 : static_cast<std::uint8_t>(seed >> 24);
  }
  for (int f = 0; f < 3; ++f) {
    motion::Frame frame = still;
    for (int y = 0; y < 4; ++y)
      for (int x = 0; x < 4; ++x) {
        put(frame, x + f, y, 255, 255, 255, 255);
        put(frame, kWidth - 5 - f + x, kHeight - 4 + y, 0, 0, 0, 255);
      }
    animation.frames.push_back(std::move(frame));
  }
  for (int colors : {0, 256}) {
    motion::detail::Indexed indexed;
    Bytes apng = motion::detail::encode_apng(animation, colors, 0, &indexed);
    test::write_bytes(dir / "noise.png", apng);
    std::vector<std::vector<std::uint8_t>> intended;
    if (colors) {
      intended = from_palette(indexed);
    } else {
      for (const motion::Frame& frame : animation.frames) intended.push_back(frame.rgba);
    }
    INFO("colors " << colors);
    check_same_frames(test::ffmpeg_frames(dir / "noise.png", kWidth, kHeight), intended);
    test::ApngInfo info = test::parse_apng(apng);
    REQUIRE(info.controls.size() == 3);
    CHECK(info.controls[1].width * info.controls[1].height > kWidth * kHeight / 2);
    CHECK(info.controls[1].blend_op == 1);
    CHECK(info.controls[2].blend_op == 1);
  }
}

TEST_CASE("GIF frames decode in FFmpeg to exactly the indexed frames meant", "[motion]") {
  TempDir dir;
  motion::Animation animation = scene();
  motion::detail::Indexed indexed;
  Bytes gif = motion::detail::encode_gif(animation, 64, 0, &indexed);
  test::write_bytes(dir / "scene.gif", gif);
  check_same_frames(test::ffmpeg_frames(dir / "scene.gif", kWidth, kHeight), from_palette(indexed), true);
}

TEST_CASE("a still area keeps its dithered indices from frame to frame", "[motion]") {
  // A smooth gradient (dithered with 16 colours) with a small square moving
  // in one corner: the gradient's indices must not change between frames.
  motion::Animation animation;
  animation.width = kWidth;
  animation.height = kHeight;
  for (int f = 0; f < 4; ++f) {
    motion::Frame frame;
    frame.duration_ms = 100;
    frame.rgba.assign(static_cast<std::size_t>(kWidth) * kHeight * 4, 0);
    for (int y = 0; y < kHeight; ++y)
      for (int x = 0; x < kWidth; ++x) put(frame, x, y, static_cast<std::uint8_t>(x * 4), static_cast<std::uint8_t>(y * 5), 128, 255);
    for (int y = 0; y < 6; ++y)
      for (int x = 6 * f; x < 6 * f + 6; ++x) put(frame, x, y, 255, 255, 255, 255);
    animation.frames.push_back(std::move(frame));
  }
  motion::detail::Indexed indexed = motion::detail::quantize(animation, {16});
  int changed_below = 0;
  for (std::size_t f = 1; f < indexed.frames.size(); ++f)
    for (std::size_t p = static_cast<std::size_t>(8) * kWidth; p < indexed.frames[f].size(); ++p)
      changed_below += indexed.frames[f][p] != indexed.frames[f - 1][p];
  CHECK(changed_below == 0);
  // And it is dithered: undithered, a row of the gradient crosses a few
  // palette steps; dithered, neighbouring indices alternate many times.
  int switches = 0;
  const auto& row = indexed.frames[0];
  for (int x = 1; x < kWidth; ++x) switches += row[static_cast<std::size_t>(30) * kWidth + x] != row[static_cast<std::size_t>(30) * kWidth + x - 1];
  CHECK(switches > 8);
}
