#include <catch2/catch.hpp>

#include "base/error.h"
#include "motion/fixtures.h"
#include "motion/timing.h"

using namespace sf;

namespace {
std::vector<int> durations(const motion::Animation& a) {
  std::vector<int> out;
  for (const auto& f : a.frames) out.push_back(f.duration_ms);
  return out;
}
}  // namespace

TEST_CASE("cut keeps the first seconds and says so", "[motion]") {
  motion::Animation source = test::synthetic(8, 8, 50, 100);  // 5 s
  std::vector<std::string> notes;
  motion::Animation out = motion::apply_duration_policy(source, 3000, pack::DurationPolicy::cut, "Telegram", notes);
  CHECK(motion::total_duration_ms(out) == 3000);
  CHECK(out.frames.size() == 30);
  CHECK(out.frames[7].rgba == source.frames[7].rgba);
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0], Catch::Contains("cut from 5.00 s to 3.00 s"));
}

TEST_CASE("cut shortens a frame that straddles the limit", "[motion]") {
  motion::Animation source = test::synthetic(8, 8, 4, 900);  // 3.6 s
  std::vector<std::string> notes;
  motion::Animation out = motion::apply_duration_policy(source, 3000, pack::DurationPolicy::cut, "x", notes);
  CHECK(durations(out) == std::vector<int>{900, 900, 900, 300});
}

TEST_CASE("speed-up scales every timestamp to the limit", "[motion]") {
  motion::Animation source = test::synthetic(8, 8, 40, 100);  // 4 s
  std::vector<std::string> notes;
  motion::Animation out =
      motion::apply_duration_policy(source, 3000, pack::DurationPolicy::speed_up, "Telegram", notes);
  CHECK(motion::total_duration_ms(out) == 3000);
  CHECK(out.frames.size() == 40);
  for (int d : durations(out)) CHECK((d == 75));
  CHECK_THAT(notes.at(0), Catch::Contains("sped up 1.33x"));
}

TEST_CASE("refuse names the file and its length and the platform's limit", "[motion]") {
  motion::Animation source = test::synthetic(8, 8, 40, 100);
  source.file = "art/wave.gif";
  std::vector<std::string> notes;
  REQUIRE_THROWS_WITH(
      motion::apply_duration_policy(source, 3000, pack::DurationPolicy::refuse, "Telegram", notes),
      Catch::Contains("art/wave.gif") && Catch::Contains("lasts 4.00 s") &&
          Catch::Contains("Telegram allows at most 3.00 s") && Catch::Contains("duration_policy 'refuse'"));
  CHECK(notes.empty());
}

TEST_CASE("frame-rate reduction keeps the total duration", "[motion]") {
  SECTION("60 to 30 fps") {
    motion::Animation source = test::synthetic(8, 8, 60, 17);  // 1020 ms, ~59 fps
    motion::Animation out = motion::reduce_frame_rate(source, 30);
    CHECK(motion::total_duration_ms(out) == 1020);
    CHECK(out.frames.size() == 30);  // floor(1.02 s x 30 fps): the average stays <= 30 fps
    CHECK(motion::average_fps(out) <= 30.0);
  }
  SECTION("uneven source, odd target") {
    motion::Animation source = test::synthetic(8, 8, 37, 33);
    source.frames[3].duration_ms = 120;
    std::int64_t total = motion::total_duration_ms(source);
    motion::Animation out = motion::reduce_frame_rate(source, 12.5);
    CHECK(motion::total_duration_ms(out) == total);
    CHECK(motion::average_fps(out) <= 12.5);
    CHECK(motion::average_fps(out) >= 11.5);
  }
  SECTION("slow enough already") {
    motion::Animation source = test::synthetic(8, 8, 10, 100);
    CHECK(motion::reduce_frame_rate(source, 30).frames.size() == 10);
  }
}

TEST_CASE("frame count rules: merge short frames and cap and pad the count", "[motion]") {
  motion::Animation source = test::synthetic(8, 8, 10, 5);  // 5 ms frames
  motion::Animation merged = motion::enforce_min_frame_duration(source, 8);
  CHECK(motion::total_duration_ms(merged) == 50);
  for (int d : durations(merged)) CHECK(d >= 8);

  motion::Animation many = test::synthetic(8, 8, 90, 33);
  motion::Animation capped = motion::limit_frame_count(many, 20);
  CHECK(capped.frames.size() <= 20);
  CHECK(capped.frames.size() >= 15);
  CHECK(motion::total_duration_ms(capped) == 90 * 33);

  motion::Animation two = test::synthetic(8, 8, 2, 500);
  motion::Animation padded = motion::ensure_min_frames(two, 5);
  CHECK(padded.frames.size() == 5);
  CHECK(motion::total_duration_ms(padded) == 1000);
}
