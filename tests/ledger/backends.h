// The two ledger back ends the contract tests run against. SQLite is a real
// file in a TempDir; PostgreSQL is the server tools/test starts
// (SF_TEST_PG_URL), each test in its own schema so tests cannot see each
// other's rows. Without SF_TEST_PG_URL the PostgreSQL cases WARN and return.
#pragma once

#include <atomic>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "ledger/ledger.h"
#include "support/temp_dir.h"

namespace sf::test {

/// A name no other test run uses (tests share one PostgreSQL server).
inline std::string unique_name(const std::string& prefix) {
  static std::atomic<int> counter{0};
  static const std::string run = [] {
    std::random_device device;
    return std::to_string(device() % 1000000);
  }();
  return prefix + "_" + run + "_" + std::to_string(counter++);
}

struct SqliteBackend {
  static constexpr const char* kName = "sqlite";
  TempDir dir;
  std::string url() const { return "sqlite:" + (dir / "ledger.db").string(); }
  bool available() const { return true; }
};

struct PostgresBackend {
  static constexpr const char* kName = "postgres";
  std::string base_url;
  std::string schema;

  PostgresBackend() {
    const char* env = std::getenv("SF_TEST_PG_URL");
    if (!env || !*env) return;
    base_url = env;
    schema = unique_name("sf_test");
    auto created = run_command("psql -q -v ON_ERROR_STOP=1 '" + base_url +
                               "' -c 'CREATE SCHEMA " + schema + "'");
    if (created.status != 0) FAIL("cannot create schema " << schema << ": " << created.output);
  }
  ~PostgresBackend() {
    if (!schema.empty()) {
      run_command("psql -q '" + base_url + "' -c 'DROP SCHEMA " + schema + " CASCADE'");
    }
  }
  std::string url() const {
    const char separator = base_url.find('?') == std::string::npos ? '?' : '&';
    return base_url + separator + "options=-csearch_path%3D" + schema;
  }
  bool available() const {
    if (base_url.empty()) WARN("SF_TEST_PG_URL is not set; PostgreSQL ledger case not run");
    return !base_url.empty();
  }
};

}  // namespace sf::test
