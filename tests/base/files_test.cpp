#include <catch2/catch.hpp>
#include <sys/stat.h>

#include "base/error.h"
#include "base/files.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;

TEST_CASE("write_file_atomic writes the content with the requested mode", "[base]") {
  sf::test::TempDir dir;
  sf::write_file_atomic(dir / "keyring", "secret", 0600);
  CHECK(sf::read_text_file(dir / "keyring") == "secret");
  struct stat st {};
  REQUIRE(::stat((dir / "keyring").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

TEST_CASE("read_file names a missing file", "[base]") {
  sf::test::TempDir dir;
  REQUIRE_THROWS_WITH(sf::read_file(dir / "nope.png"),
                      Catch::Contains("nope.png") && Catch::Contains("not found"));
}

TEST_CASE("replace_dir swaps a staged folder into place", "[base]") {
  sf::test::TempDir dir;
  sf::test::write_file(dir / "out" / "old.txt", "old");
  fs::path staged = sf::make_sibling_temp_dir(dir / "out");
  sf::test::write_file(staged / "new.txt", "new");
  sf::replace_dir(staged, dir / "out");
  CHECK(fs::exists(dir / "out" / "new.txt"));
  CHECK_FALSE(fs::exists(dir / "out" / "old.txt"));
  CHECK_FALSE(fs::exists(staged));
}
