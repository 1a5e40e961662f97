// The planner alone: the fewest moves restore any order, and what it plans
// for a set known from the state file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "publish/set_name.h"
#include "publish/telegram_plan.h"

using sf::publish::KnownSticker;
using sf::publish::SetView;
using sf::publish::Step;
using sf::publish::WantedSet;

namespace {

WantedSet wanted_of(int count) {
  WantedSet w;
  w.title = "t";
  for (int i = 0; i < count; ++i) {
    sf::publish::WantedSticker s;
    s.file.content = "c" + std::to_string(i);
    s.file.format = "static";
    s.file.path = "stickers/" + std::to_string(i);
    s.emoji_list = {"😀"};
    w.stickers.push_back(s);
  }
  return w;
}

}  // namespace

TEST_CASE("plan: moves turn any order into the build's - as few as all but a longest increasing run") {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    int n = 1 + static_cast<int>(random() % 25);
    WantedSet wanted = wanted_of(n);
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), random);
    SetView view;
    view.exists = true;
    view.title = "t";
    std::vector<std::string> set;
    for (int i : order) {
      view.stickers.push_back({"id" + std::to_string(i), "c" + std::to_string(i), {"😀"}, {}});
      set.push_back("id" + std::to_string(i));
    }
    std::vector<Step> steps = sf::publish::plan_telegram(view, wanted);
    // Longest increasing run of the shuffled order.
    std::vector<int> tails;
    for (int v : order) {
      auto it = std::lower_bound(tails.begin(), tails.end(), v);
      if (it == tails.end()) tails.push_back(v); else *it = v;
    }
    REQUIRE(steps.size() == static_cast<std::size_t>(n) - tails.size());
    for (const Step& step : steps) {  // apply as the Bot API does: take out, put in at position
      REQUIRE(step.kind == Step::Kind::move);
      auto at = std::find(set.begin(), set.end(), step.sticker);
      REQUIRE(at != set.end());
      std::string moving = *at;
      set.erase(at);
      set.insert(set.begin() + static_cast<std::ptrdiff_t>(step.position), moving);
    }
    for (int i = 0; i < n; ++i) REQUIRE(set[i] == "id" + std::to_string(i));
  }
}

TEST_CASE("plan: a set made by hand (contents unknown) is replaced in place - extras deleted") {
  WantedSet wanted = wanted_of(2);
  SetView view;
  view.exists = true;
  view.title = "t";
  view.stickers = {{"a", "", {"😀"}, {}}, {"b", "", {"😀"}, {}}, {"c", "", {"😀"}, {}}};
  std::map<std::string, std::string> uploads = {{"c0", "F0"}, {"c1", "F1"}};
  view.uploads = &uploads;
  std::vector<Step> steps = sf::publish::plan_telegram(view, wanted);
  REQUIRE(steps.size() == 3);
  CHECK(steps[0].kind == Step::Kind::remove);
  CHECK(steps[0].sticker == "c");
  CHECK(steps[1].kind == Step::Kind::replace);
  CHECK(steps[1].sticker == "a");
  CHECK(steps[2].kind == Step::Kind::replace);
  CHECK(steps[2].sticker == "b");
}

TEST_CASE("set names: rules checked - random names unguessable and within 64 characters") {
  using sf::publish::set_name_problem;
  CHECK(set_name_problem("fergie_by_Stickerforge_Bot", "stickerforge_bot") == "");
  CHECK(set_name_problem("fergie_by_other_bot", "double_bot") ==
        "must end in _by_double_bot (the bot that owns the token is @double_bot)");
  CHECK(set_name_problem("fergie-x_by_double_bot", "double_bot") ==
        "may hold only English letters, digits and '_'");
  CHECK(set_name_problem(std::string(60, 'a') + "_by_double_bot", "double_bot") ==
        "is 74 characters; at most 64 are allowed");
  std::string a = sf::publish::random_set_name("fergie_friends", "double_bot");
  std::string b = sf::publish::random_set_name("fergie_friends", "double_bot");
  CHECK(a != b);
  CHECK(set_name_problem(a, "double_bot") == "");
  std::string long_one = sf::publish::random_set_name(std::string(80, 'x') + "-2024", "a_very_long_bot_username_32_bot");
  CHECK(long_one.size() <= 64);
  CHECK(set_name_problem(long_one, "a_very_long_bot_username_32_bot") == "");
  CHECK(set_name_problem(sf::publish::random_set_name("2024 pack", "double_bot"), "double_bot") == "");
}
