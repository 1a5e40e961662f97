#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "motion/knob_search.h"

using namespace sf;

namespace {
// Bytes grow exponentially with the knob, like quality -> size.
Bytes fake_encode(int knob, std::map<int, int>& calls) {
  ++calls[knob];
  return Bytes(static_cast<std::size_t>(1000 * std::exp(knob * 0.04)), 0);
}
}  // namespace

TEST_CASE("knob search finds the highest setting that fits and never repeats a trial", "[motion]") {
  std::map<int, int> calls;
  motion::KnobSearch search;
  search.lowest = 0;
  search.highest = 100;
  search.first_guess = 75;
  search.max_bytes = 20000;  // exp(0.04 k) <= 20 -> k <= 74.89
  motion::KnobResult result = motion::search_knob(search, [&](int k) { return fake_encode(k, calls); });
  REQUIRE(result.best);
  CHECK(*result.best >= 73);
  CHECK(*result.best <= 74);
  CHECK(result.best_bytes.size() <= 20000);
  CHECK(result.trials == static_cast<int>(calls.size()));
  for (auto& [knob, count] : calls) CHECK(count == 1);
  CHECK(result.trials <= 4);
}

TEST_CASE("knob search stops at once when the best setting fits", "[motion]") {
  std::map<int, int> calls;
  motion::KnobSearch search{0, 100, 100, 0.03, 1u << 30};
  motion::KnobResult result = motion::search_knob(search, [&](int k) { return fake_encode(k, calls); });
  CHECK(result.best == 100);
  CHECK(result.trials == 1);
}

TEST_CASE("knob search reports the smallest size when even the floor is over", "[motion]") {
  std::map<int, int> calls;
  motion::KnobSearch search{10, 100, 80, 0.03, 500};
  motion::KnobResult result = motion::search_knob(search, [&](int k) { return fake_encode(k, calls); });
  CHECK_FALSE(result.best);
  CHECK(result.smallest_knob == 10);
  CHECK(result.smallest_bytes == static_cast<std::uint64_t>(1000 * std::exp(0.4)));
  for (auto& [knob, count] : calls) CHECK(count == 1);
}
