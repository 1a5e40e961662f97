#include <catch2/catch.hpp>

#include "base/text.h"

TEST_CASE("did_you_mean suggests the nearest name for a typo", "[base]") {
  std::vector<std::string_view> names{"telegram", "whatsapp", "signal"};
  CHECK(sf::did_you_mean("telegarm", names) == " did you mean 'telegram'?");
  CHECK(sf::did_you_mean("whatsap", names) == " did you mean 'whatsapp'?");
}

TEST_CASE("did_you_mean stays quiet when nothing is close", "[base]") {
  std::vector<std::string_view> names{"telegram", "whatsapp"};
  CHECK(sf::did_you_mean("myspace", names).empty());
}

TEST_CASE("quote escapes control characters", "[base]") {
  CHECK(sf::quote("a\nb") == "'a\\x0ab'");
}

TEST_CASE("html_escape makes text safe in HTML text and quoted attributes", "[base]") {
  CHECK(sf::html_escape("Fergie & Co <b>\"hot\"</b> it's") ==
        "Fergie &amp; Co &lt;b&gt;&quot;hot&quot;&lt;/b&gt; it&#39;s");
  CHECK(sf::html_escape("plain text, ünïcode ✓") == "plain text, ünïcode ✓");
  CHECK(sf::html_escape("").empty());
}
