// The HTTP layer's pure parts: trusted proxies, byte ranges, request
// targets, the connection budget and the failure-write budget.
#include <catch2/catch.hpp>

#include "base/error.h"
#include "verifier/byte_range.h"
#include "verifier/connection_budget.h"
#include "verifier/failure_writes.h"
#include "verifier/request_target.h"
#include "verifier/trusted_proxies.h"

using namespace sf::verifier;

TEST_CASE("trusted proxies name the client and anyone else's forwarding headers are ignored", "[verifier][http]") {
  auto proxies = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1 ::1");
  CHECK(proxies.contains("10.1.2.3"));
  CHECK(proxies.contains("::ffff:127.0.0.1"));
  CHECK(proxies.contains("::1"));
  CHECK_FALSE(proxies.contains("11.0.0.1"));
  CHECK_FALSE(proxies.contains("127.0.0.2"));
  // From a proxy: the right-most address that is not a proxy.
  CHECK(proxies.client("127.0.0.1", "", "203.0.113.9") == "203.0.113.9");
  CHECK(proxies.client("127.0.0.1", "", "198.51.100.1, 203.0.113.9, 10.0.0.5") == "203.0.113.9");
  // A client cannot pick its address by sending the header itself.
  CHECK(proxies.client("192.0.2.50", "", "203.0.113.9") == "192.0.2.50");
  // Forwarded (RFC 7239) wins over X-Forwarded-For; ports and quotes are stripped.
  CHECK(proxies.client("127.0.0.1", R"(for=192.0.2.60;proto=http, for="[2001:db8:cafe::17]:4711")",
                       "203.0.113.9") == "2001:db8:cafe::17");
  CHECK(proxies.client("127.0.0.1", "for=unknown", "") == "127.0.0.1");
  CHECK(proxies.client("127.0.0.1", "", "") == "127.0.0.1");
  CHECK(TrustedProxies().client("::ffff:192.0.2.1", "", "203.0.113.9") == "192.0.2.1");
  CHECK_THROWS_WITH(TrustedProxies::parse("10.0.0.0/33"),
                    Catch::Contains("'10.0.0.0/33' has a prefix length out of range"));
  CHECK_THROWS_WITH(TrustedProxies::parse("proxy.example"),
                    Catch::Contains("'proxy.example' is not an IPv4 or IPv6 address"));
}

TEST_CASE("byte ranges follow RFC 9110 with one range, 416 past the end, the rest ignored", "[verifier][http]") {
  using Kind = ByteRange::Kind;
  auto r = choose_range("bytes=0-99", 1000);
  CHECK(r.kind == Kind::partial);
  CHECK(r.content_range(1000) == "bytes 0-99/1000");
  CHECK(choose_range("bytes=900-", 1000).content_range(1000) == "bytes 900-999/1000");
  CHECK(choose_range("bytes=-100", 1000).content_range(1000) == "bytes 900-999/1000");
  CHECK(choose_range("bytes=-5000", 1000).content_range(1000) == "bytes 0-999/1000");
  CHECK(choose_range("bytes=990-5000", 1000).content_range(1000) == "bytes 990-999/1000");
  CHECK(choose_range("bytes=1000-", 1000).kind == Kind::unsatisfiable);
  CHECK(choose_range("bytes=99999999999-", 1000).content_range(1000) == "bytes */1000");
  CHECK(choose_range("bytes=-0", 1000).kind == Kind::unsatisfiable);
  CHECK(choose_range("bytes=0-1,5-6", 1000).kind == Kind::whole);
  CHECK(choose_range("bytes=5-1", 1000).kind == Kind::whole);
  CHECK(choose_range("items=0-1", 1000).kind == Kind::whole);
  CHECK(choose_range("bytes=99999999999999999999999-", 1000).kind == Kind::whole);
  CHECK(choose_range("", 1000).kind == Kind::whole);
}

TEST_CASE("request targets decode path and query as routes expect", "[verifier][http]") {
  auto t = split_target("/v1/downloads/a%20b/x+y?token=a%2Bb+c&flag&=v");
  CHECK(t.path == "/v1/downloads/a b/x+y");
  REQUIRE(t.query.size() == 3);
  CHECK(t.query[0] == std::pair<std::string, std::string>("token", "a+b c"));
  CHECK(t.query[1] == std::pair<std::string, std::string>("flag", ""));
  CHECK(percent_decode("%zz%4", false) == "%zz%4");
}

TEST_CASE("the connection budget caps an address, exempts proxies and knows when it is full", "[verifier][http]") {
  ConnectionStats stats;
  ConnectionBudget budget({8, 2}, stats);
  CHECK(budget.check("192.0.2.1", false) == ConnectionBudget::Verdict::admit);
  budget.add("192.0.2.1");
  budget.add("192.0.2.1");
  CHECK(budget.check("192.0.2.1", false) == ConnectionBudget::Verdict::over_client_cap);
  CHECK(budget.check("192.0.2.1", true) == ConnectionBudget::Verdict::admit);
  for (int i = 0; i < 4; ++i) budget.add("10.0.0.1");
  CHECK(budget.under_pressure());  // 6 of 8
  CHECK(stats.under_pressure == 1);
  budget.add("10.0.0.1");
  budget.add("10.0.0.1");
  CHECK(budget.check("192.0.2.9", false) == ConnectionBudget::Verdict::full);
  budget.remove("192.0.2.1");
  CHECK(budget.open_from("192.0.2.1") == 1);
  CHECK(stats.open == 7);
}

TEST_CASE("the failure-write budget allows so many a minute and reports the rest", "[verifier][http]") {
  FailureWrites writes(3);
  for (int i = 0; i < 3; ++i) CHECK(writes.take(600).write);
  CHECK_FALSE(writes.take(601).write);
  CHECK_FALSE(writes.take(659).write);
  auto next = writes.take(660);
  CHECK(next.write);
  CHECK(next.suppressed_before == 2);
  CHECK(writes.suppressed_total() == 2);
  CHECK(writes.written_total() == 4);
}
