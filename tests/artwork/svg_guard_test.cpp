#include <catch2/catch.hpp>

#include "artwork/artwork.h"
#include "support/temp_dir.h"

using namespace sf::artwork;
using sf::test::TempDir;

namespace {

std::string svg(const std::string& body) {
  return R"(<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" )"
         R"(xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64">)" +
         body + "<rect width=\"32\" height=\"32\" fill=\"#123456\"/></svg>";
}

void require_refused(const std::string& body, const std::string& reference) {
  TempDir dir;
  auto path = sf::test::write_file(dir / "evil.svg", svg(body));
  LoadOptions options;
  options.max_side_px = 64;
  REQUIRE_THROWS_WITH(load_artwork(path, options),
                      Catch::Contains("evil.svg: SVG refers to something outside the file") &&
                          Catch::Contains(reference));
}

}  // namespace

TEST_CASE("svg referring to files or urls is refused, naming the reference", "[artwork][svg]") {
  SECTION("image href to a local file") {
    require_refused(R"(<image href="/etc/passwd" width="10" height="10"/>)", "href '/etc/passwd'");
  }
  SECTION("xlink:href to a url") {
    require_refused(R"(<image xlink:href="https://evil.example/x.png"/>)",
                    "href 'https://evil.example/x.png'");
  }
  SECTION("use pointing into another file") {
    require_refused(R"(<use href='other.svg#shape'/>)", "href 'other.svg#shape'");
  }
  SECTION("feImage filter source") {
    require_refused(R"(<filter id="f"><feImage xlink:href="file:///tmp/a.png"/></filter>)",
                    "href 'file:///tmp/a.png'");
  }
  SECTION("css url() in a style element") {
    require_refused(R"x(<style>rect { fill: url("http://x.example/p.svg#g"); }</style>)x",
                    "CSS url('http://x.example/p.svg#g')");
  }
  SECTION("css @import") {
    require_refused(R"(<style>@import "theme.css";</style>)", "CSS @import");
  }
  SECTION("entity declarations") {
    TempDir dir;
    auto path = sf::test::write_file(
        dir / "evil.svg", R"(<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>)"
                          R"(<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>)");
    REQUIRE_THROWS_WITH(load_artwork(path, LoadOptions{}), Catch::Contains("<!ENTITY>"));
  }
}

TEST_CASE("svg with only local references and inline data loads", "[artwork][svg]") {
  TempDir dir;
  // A 1x1 opaque PNG as inline data, a gradient used through url(#id).
  auto path = sf::test::write_file(
      dir / "fine.svg",
      svg(R"x(<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>)x"
          R"x(<rect x="32" y="32" width="32" height="32" fill="url(#g)"/><use href="#g"/>)x"
          R"x(<image x="0" y="40" width="8" height="8" href="data:image/png;base64,)x"
          R"x(iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="/>)x"));
  LoadOptions options;
  options.max_side_px = 64;
  Artwork art = load_artwork(path, options);
  CHECK(art.source_format() == "svg");
  CHECK(art.width() > 0);
}
