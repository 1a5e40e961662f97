// open_ledger: every bad URL gets a message naming it and saying what was
// expected, and opening never leaves a half-made ledger behind.
#include <catch2/catch.hpp>

#include "base/error.h"
#include "base/files.h"
#include "ledger/ledger.h"
#include "support/temp_dir.h"

using sf::ledger::open_ledger;
using sf::test::TempDir;

namespace {

sf::ErrorKind kind_of(const std::string& url, bool create = true) {
  try {
    open_ledger(url, create);
  } catch (const sf::Error& e) {
    return e.kind();
  }
  FAIL("opening " << url << " did not throw");
  return sf::ErrorKind::internal;
}

}  // namespace

TEST_CASE("a URL of an unknown kind is refused with what was expected", "[ledger]") {
  REQUIRE_THROWS_WITH(open_ledger("mysql://db/ledger"),
                      Catch::Contains("ledger URL 'mysql://db/ledger' is not supported") &&
                          Catch::Contains("expected sqlite:PATH or postgresql://"));
  REQUIRE_THROWS_WITH(open_ledger("ledger.db"), Catch::Contains("'ledger.db' is not supported"));
  REQUIRE(kind_of("ledger.db") == sf::ErrorKind::bad_input);
}

TEST_CASE("a misspelt scheme gets a did-you-mean", "[ledger]") {
  REQUIRE_THROWS_WITH(open_ledger("sqllite:ledger.db"), Catch::Contains("did you mean 'sqlite'?"));
  REQUIRE_THROWS_WITH(open_ledger("postgress://h/db"), Catch::Contains("did you mean 'postgres'?"));
}

TEST_CASE("an SQLite URL without a usable path is refused", "[ledger]") {
  REQUIRE_THROWS_WITH(open_ledger("sqlite:"), Catch::Contains("'sqlite:' has no file path"));
  REQUIRE_THROWS_WITH(open_ledger("sqlite::memory:"),
                      Catch::Contains("is in memory; a ledger must survive restarts"));
}

TEST_CASE("an SQLite ledger that cannot be opened names the URL and the reason", "[ledger]") {
  TempDir dir;
  SECTION("missing folder") {
    const std::string url = "sqlite:" + (dir / "no/such/ledger.db").string();
    REQUIRE_THROWS_WITH(open_ledger(url), Catch::Contains(url) && Catch::Contains("cannot open"));
    REQUIRE(kind_of(url) == sf::ErrorKind::io);
  }
  SECTION("a file that is not a database, left unchanged") {
    const auto path = sf::test::write_file(dir / "notes.txt", std::string(4096, 'x'));
    REQUIRE_THROWS_WITH(open_ledger("sqlite:" + path.string()),
                        Catch::Contains("notes.txt") && Catch::Contains("not a database"));
    REQUIRE(sf::read_text_file(path) == std::string(4096, 'x'));
  }
  SECTION("a missing file when the caller only reads (reports)") {
    const auto path = dir / "absent.db";
    REQUIRE_THROWS_WITH(open_ledger("sqlite:" + path.string(), false),
                        Catch::Contains("absent.db") && Catch::Contains("does not exist"));
    REQUIRE(kind_of("sqlite:" + path.string(), false) == sf::ErrorKind::not_found);
    REQUIRE_FALSE(std::filesystem::exists(path));
  }
  SECTION("an SQLite file without our tables when the caller only reads") {
    // SQLite takes an empty file for an empty database.
    const auto path = sf::test::write_file(dir / "other.db", "");
    REQUIRE_THROWS_WITH(open_ledger("sqlite:" + path.string(), false),
                        Catch::Contains("without the stickerforge ledger tables"));
  }
}

TEST_CASE("a PostgreSQL URL that cannot connect is named without its password", "[ledger]") {
  // Port 1 on loopback: refused at once, no server needed.
  const std::string url = "postgresql://sf:s3cret@127.0.0.1:1/ledger?connect_timeout=2";
  try {
    open_ledger(url);
    FAIL("connected to port 1");
  } catch (const sf::Error& e) {
    const std::string message = e.what();
    CHECK(e.kind() == sf::ErrorKind::io);
    CHECK_THAT(message, Catch::Contains("postgresql://sf:***@127.0.0.1:1/ledger") &&
                            Catch::Contains("cannot connect"));
    CHECK_THAT(message, !Catch::Contains("s3cret"));
  }
}

TEST_CASE("redact_url hides passwords in the user part and in parameters", "[ledger]") {
  CHECK(sf::ledger::redact_url("postgres://u:pw@h:5432/db") == "postgres://u:***@h:5432/db");
  CHECK(sf::ledger::redact_url("postgres://h/db?user=u&password=pw&sslmode=require") ==
        "postgres://h/db?user=u&password=***&sslmode=require");
  CHECK(sf::ledger::redact_url("postgres://u@h/db") == "postgres://u@h/db");
  CHECK(sf::ledger::redact_url("sqlite:/var/lib/sf/ledger.db") == "sqlite:/var/lib/sf/ledger.db");
}
