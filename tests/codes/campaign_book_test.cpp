#include "codes/campaign_book.h"

#include <catch2/catch.hpp>

#include "base/error.h"
#include "codes/fixtures.h"
#include "codes/time_text.h"
#include "codes/typed_code.h"

using namespace sf::codes;
using sf::test::TempDir;

namespace {
Campaign make(const std::string& id) {
  Campaign c;
  c.id = id;
  c.pack_id = "acme_hearts";
  c.trigger = "survey";
  return c;
}
}  // namespace

TEST_CASE("campaigns round-trip through the file", "[codes]") {
  TempDir dir;
  CampaignBook book;
  Campaign c = make("spring");
  c.starts_unix = 1767225600;
  c.ends_unix = 1798761600;
  c.cap = 500;
  c.uses_per_code = 2;
  book.add(c);
  book.reserve("spring", 1, 10);
  book.save(dir / "campaigns.json");
  CampaignBook loaded = CampaignBook::load(dir / "campaigns.json");
  const CampaignRecord* r = loaded.find("spring");
  REQUIRE(r);
  CHECK(r->campaign.ends_unix == 1798761600);
  CHECK(r->campaign.cap == 500);
  CHECK(r->campaign.uses_per_code == 2);
  CHECK(r->campaign.name == "spring");
  CHECK(r->issued() == 10);
}

TEST_CASE("reserving serials never repeats and takes new slots when one fills", "[codes]") {
  CampaignBook book;
  book.add(make("a"));
  book.add(make("b"));
  auto first = book.reserve("a", 1, 1000);
  REQUIRE(first.size() == 1);
  CHECK(first[0].slot.number == 0);
  CHECK(first[0].first == 0);
  auto other = book.reserve("b", 1, 5);
  CHECK(other[0].slot.number == 1);  // numbers are per key, one owner each
  auto big = book.reserve("a", 1, kTypedSerialsPerSlot);
  REQUIRE(big.size() == 2);
  CHECK(big[0].first == 1000);
  CHECK(big[0].count == kTypedSerialsPerSlot - 1000);
  CHECK(big[1].slot.number == 2);
  CHECK(big[1].slot.first_serial == kTypedSerialsPerSlot);
  CHECK(big[1].count == 1000);
  auto other_key = book.reserve("a", 2, 1);
  CHECK(other_key[0].slot.key_id == 2);
  CHECK(other_key[0].slot.number == 0);
  CHECK(other_key[0].slot.first_serial == 2 * kTypedSerialsPerSlot);
}

TEST_CASE("a reservation beyond a key's capacity is refused and changes nothing", "[codes]") {
  CampaignBook book;
  book.add(make("a"));
  std::uint64_t capacity = std::uint64_t(1024) * kTypedSerialsPerSlot;
  REQUIRE_THROWS_WITH(book.reserve("a", 1, capacity + 1), Catch::Contains("add a key with 'keys new'"));
  CHECK(book.find("a")->slots.empty());
}

TEST_CASE("bad campaigns are refused with clear messages", "[codes]") {
  CampaignBook book;
  Campaign c = make("Spring Sale");
  REQUIRE_THROWS_WITH(book.add(c), Catch::Contains("campaign id 'Spring Sale' is invalid"));
  c = make("x");
  c.trigger = "survy";
  REQUIRE_THROWS_WITH(book.add(c), Catch::Contains("trigger 'survy' is unknown") &&
                                       Catch::Contains("did you mean 'survey'?"));
  c = make("x");
  c.starts_unix = 2000;
  c.ends_unix = 1000;
  REQUIRE_THROWS_WITH(book.add(c), Catch::Contains("ends") && Catch::Contains("before it starts"));
  book.add(make("x"));
  REQUIRE_THROWS_WITH(book.add(make("x")), Catch::Contains("campaign 'x' already exists"));
  REQUIRE_THROWS_WITH(book.get("y"), Catch::Contains("campaign 'y' is not in the campaigns file"));
}

TEST_CASE("a malformed campaigns file lists every problem", "[codes]") {
  TempDir dir;
  auto path = sf::test::write_file(dir / "campaigns.json", R"({"campaigns": [
    {"id": "a", "pack": "p", "trigger": "survey", "ends": "2026-02-30"},
    {"id": "b", "trigger": "purchase", "cap": "lots"},
    {"id": "a", "pack": "p", "trigger": "manual"}]})");
  try {
    CampaignBook::load(path);
    FAIL("expected an error");
  } catch (const sf::Error& e) {
    std::string text = e.what();
    CHECK_THAT(text, Catch::Contains("campaigns[0].ends") && Catch::Contains("'2026-02-30' is not a date"));
    CHECK_THAT(text, Catch::Contains("campaigns[1].pack: expected a string"));
    CHECK_THAT(text, Catch::Contains("campaigns[1].cap: expected an integer"));
    CHECK_THAT(text, Catch::Contains("campaigns[2].id: 'a' appears twice"));
  }
  sf::test::write_file(path, "{\"campaigns\": 3}");
  REQUIRE_THROWS_WITH(CampaignBook::load(path), Catch::Contains("expected an object with a \"campaigns\" array"));
  sf::test::write_file(path, "{\"campaigns\": [");
  REQUIRE_THROWS_WITH(CampaignBook::load(path), Catch::Contains("is not valid JSON"));
}

TEST_CASE("dates are UTC days, UTC times or times with an RFC 3339 offset", "[codes]") {
  using sf::codes::DateEdge;
  using sf::codes::parse_utc;
  // 2026-06-30T16:00:00Z is 1782835200.
  CHECK(parse_utc("2026-06-30T16:00:00Z", DateEdge::start_of_day, "--ends") == 1782835200);
  // 18:00 in Berlin in summer (UTC+2) and 12:00 in New York (UTC-4) are that same second.
  CHECK(parse_utc("2026-06-30T18:00:00+02:00", DateEdge::start_of_day, "--ends") == 1782835200);
  CHECK(parse_utc("2026-06-30T12:00:00-04:00", DateEdge::start_of_day, "--ends") == 1782835200);
  CHECK(parse_utc("2026-06-30T21:30:00+05:30", DateEdge::start_of_day, "--ends") == 1782835200);
  CHECK(sf::codes::format_utc(parse_utc("2026-06-30T18:00:00+02:00", DateEdge::end_of_day, "x")) ==
        "2026-06-30T16:00:00Z");
  // A bare date is a UTC day; its end is the next day's first second.
  CHECK(parse_utc("2026-06-30", DateEdge::end_of_day, "--ends") == 1782864000);
  for (const char* bad : {"2026-06-30T18:00:00+2:00", "2026-06-30T18:00:00+24:00",
                          "2026-06-30T18:00:00 02:00", "2026-06-30T18:00:00+02-00",
                          "2026-06-30T18:00:00X", "2026-06-30 18:00"}) {
    INFO(bad);
    REQUIRE_THROWS_WITH(parse_utc(bad, DateEdge::start_of_day, "--ends"),
                        Catch::Contains("--ends '" + std::string(bad) + "' is not a date") &&
                            Catch::Contains("YYYY-MM-DDTHH:MM:SS+HH:MM"));
  }
}
