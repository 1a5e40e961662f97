#include <catch2/catch.hpp>

#include "base/error.h"
#include "motion/decode.h"
#include "motion/fixtures.h"
#include "motion/tgs.h"
#include "support/temp_dir.h"

using namespace sf;
using sf::test::TempDir;

TEST_CASE("a TGS within Telegram's rules passes through byte for byte", "[motion]") {
  TempDir dir;
  auto json = test::write_file(dir / "ok.json", test::lottie_json(512, 512, 60, 120, true));
  auto gz = test::gzip_file(json);
  std::filesystem::rename(gz, dir / "ok.tgs");
  Bytes original = read_file(dir / "ok.tgs");
  CHECK(motion::validate_tgs(dir / "ok.tgs") == original);
  // And it decodes as an animation: 2 s at 60 fps.
  motion::Animation animation = motion::decode_animation(dir / "ok.tgs", {});
  CHECK(animation.source_format == "tgs");
  CHECK(motion::total_duration_ms(animation) == 2000);
  CHECK(animation.frames.size() == 120);
}

TEST_CASE("a TGS over Telegram's limits gets every problem named", "[motion]") {
  TempDir dir;
  auto json = test::write_file(dir / "big.json", test::lottie_json(100, 100, 30, 150, false));
  auto gz = test::gzip_file(json);
  std::filesystem::rename(gz, dir / "big.tgs");
  REQUIRE_THROWS_WITH(motion::validate_tgs(dir / "big.tgs"),
                      Catch::Contains("4 problems in") && Catch::Contains("big.tgs") && Catch::Contains("'tgs' is missing") &&
                          Catch::Contains("canvas is 100x100; Telegram needs 512x512") &&
                          Catch::Contains("Telegram needs 60 fps") &&
                          Catch::Contains("lasts 5000 ms; Telegram allows at most 3000 ms"));
}

TEST_CASE("a TGS larger than 64 KB or not gzip is refused", "[motion]") {
  TempDir dir;
  test::write_file(dir / "plain.tgs", "not gzip at all");
  REQUIRE_THROWS_WITH(motion::validate_tgs(dir / "plain.tgs"),
                      Catch::Contains("plain.tgs") && Catch::Contains("gzip"));
  // 64 KB limit: a tiny budget makes the same valid file too big.
  auto json = test::write_file(dir / "ok.json", test::lottie_json(512, 512, 60, 60, true));
  auto gz = test::gzip_file(json);
  motion::TgsRules rules;
  rules.max_bytes = 100;
  REQUIRE_THROWS_WITH(motion::validate_tgs(gz, rules),
                      Catch::Contains("bytes; Telegram allows at most 100 bytes gzipped"));
}

TEST_CASE("a conforming Lottie JSON becomes a TGS", "[motion]") {
  TempDir dir;
  auto json = test::write_file(dir / "ok.json", test::lottie_json(512, 512, 60, 90));
  Bytes tgs = motion::lottie_to_tgs(json);
  test::write_bytes(dir / "made.tgs", tgs);
  CHECK(motion::validate_tgs(dir / "made.tgs") == tgs);
  auto wrong = test::write_file(dir / "wrong.json", test::lottie_json(256, 256, 60, 90));
  REQUIRE_THROWS_WITH(motion::lottie_to_tgs(wrong), Catch::Contains("canvas is 256x256"));
}
