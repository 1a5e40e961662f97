// The HTTP layer on a real socket (issue 17): every limit holds before the
// bytes are, connections are budgeted, pipelining and Range behave.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "verifier/live_service.h"
#include "verifier/raw_client.h"

using nlohmann::json;
using sf::test::LiveService;
using sf::test::RawClient;
using namespace std::chrono_literals;

namespace {

std::string post(const std::string& body, const std::string& extra = "") {
  return "POST /v1/redemptions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + extra +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string code_body(const std::string& code) { return R"({"code":")" + code + R"("})"; }

}  // namespace

TEST_CASE("limits answer before the bytes are held, whatever the framing", "[verifier][http]") {
  LiveService live(2);
  SECTION("a chunked body over the limit is refused as it streams") {
    RawClient client(live.port());
    client.send("POST /v1/redemptions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Transfer-Encoding: chunked\r\n\r\n");
    const std::string chunk = "1000\r\n" + std::string(4096, 'x') + "\r\n";
    for (int i = 0; i < 4 && client.send(chunk); ++i) {
    }
    // The answer comes while the client still "sends": nothing waits for the end.
    auto response = client.read_response();
    CHECK(response.status == 413);
    CHECK(json::parse(response.body)["error"] == "body_too_large");
    CHECK(client.closed_within(2s));
  }
  SECTION("a compressed body is refused by its header") {
    RawClient client(live.port());
    client.send(post(std::string(100, 'z'), "Content-Encoding: gzip\r\n"));
    auto response = client.read_response();
    CHECK(response.status == 415);
    CHECK(json::parse(response.body)["error"] == "content_encoding_refused");
  }
  SECTION("a Content-Length over the limit is refused before the body") {
    RawClient client(live.port());
    client.send("POST /v1/redemptions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Content-Length: 1000000000\r\n\r\n");
    CHECK(client.read_response().status == 413);
  }
  SECTION("a 100 KB header, a 100 KB request line, 200 headers: 431") {
    RawClient a(live.port());
    a.send("GET /healthz HTTP/1.1\r\nX-Big: " + std::string(100'000, 'a') + "\r\n\r\n");
    auto big = a.read_response();
    CHECK(big.status == 431);
    CHECK(json::parse(big.body)["error"] == "headers_too_large");
    RawClient b(live.port());
    b.send("GET /" + std::string(100'000, 'a') + " HTTP/1.1\r\n\r\n");
    CHECK(b.read_response().status == 431);
    RawClient c(live.port());
    std::string many = "GET /healthz HTTP/1.1\r\n";
    for (int i = 0; i < 200; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
    c.send(many + "\r\n");
    CHECK(c.read_response().status == 431);
  }
  SECTION("garbage is a 400 in the service's JSON shape") {
    RawClient client(live.port());
    client.send("HELLO\x01 / HTTP/9\r\n\r\n");
    auto response = client.read_response();
    CHECK(response.status == 400);
    CHECK(json::parse(response.body)["error"] == "bad_request");
  }
  // Each refusal is counted.
  auto metrics = live.services().connections.protocol_refusals.load();
  CHECK(metrics >= 1);
}

TEST_CASE("pipelined requests are answered in order", "[verifier][http]") {
  LiveService live(2);
  RawClient client(live.port());
  client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" + post(code_body(live.codes()[0])) +
              "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n" + "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(client.read_response().status == 200);
  auto redeemed = client.read_response();
  CHECK(redeemed.status == 200);
  CHECK(json::parse(redeemed.body)["status"] == "redeemed");
  CHECK(client.read_response().status == 404);
  auto ready = client.read_response();
  CHECK(ready.status == 200);
  CHECK(json::parse(ready.body)["status"] == "ready");
}

TEST_CASE("downloads answer one Range with 206 and a range past the end with 416", "[verifier][http]") {
  LiveService live(2);
  RawClient client(live.port());
  client.send(post(code_body(live.codes()[0])));
  auto redeemed = client.read_response();
  REQUIRE(redeemed.status == 200);
  std::string url;
  const json answer = json::parse(redeemed.body);
  for (const auto& platform : answer["unlock"]["platforms"])
    for (const auto& download : platform["downloads"]) url = download["url"].get<std::string>();
  REQUIRE(!url.empty());
  auto get = [&](const std::string& range) {
    client.send("GET " + url + " HTTP/1.1\r\nHost: x\r\n" + (range.empty() ? "" : "Range: " + range + "\r\n") + "\r\n");
    return client.read_response();
  };
  auto whole = get("");
  REQUIRE(whole.status == 200);
  CHECK(whole.headers["accept-ranges"] == "bytes");
  const std::size_t size = whole.body.size();
  REQUIRE(size > 10);
  auto part = get("bytes=2-5");
  CHECK(part.status == 206);
  CHECK(part.body == whole.body.substr(2, 4));
  CHECK(part.headers["content-range"] == "bytes 2-5/" + std::to_string(size));
  auto tail = get("bytes=-3");
  CHECK(tail.status == 206);
  CHECK(tail.body == whole.body.substr(size - 3));
  auto past = get("bytes=99999999-");
  CHECK(past.status == 416);
  CHECK(past.headers["content-range"] == "bytes */" + std::to_string(size));
  CHECK(get("bytes=0-1,4-5").status == 200);  // several ranges: the whole file
}

TEST_CASE("one address gets only its share of connections and others are served", "[verifier][http]") {
  LiveService live(2, "", false, [](auto& config, auto&) { config.max_connections_per_client = 4; });
  std::vector<std::unique_ptr<RawClient>> hogs;
  for (int i = 0; i < 4; ++i) hogs.push_back(std::make_unique<RawClient>(live.port(), "127.0.0.1"));
  std::this_thread::sleep_for(100ms);
  RawClient fifth(live.port(), "127.0.0.1");
  CHECK(fifth.closed_within(2s));
  RawClient other(live.port(), "127.0.0.2");
  other.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(other.read_response().status == 200);
  CHECK(live.services().connections.refused_per_client >= 1);
}

TEST_CASE("headers that trickle in are cut off at one deadline for the whole block", "[verifier][http]") {
  LiveService live(2, "", false, [](auto& config, auto&) { config.header_timeout_seconds = 1; });
  RawClient slow(live.port());
  const auto start = std::chrono::steady_clock::now();
  const std::string request = "GET /healthz HTTP/1.1\r\nX-Slow: " + std::string(40, 'a');
  bool closed = false;
  for (char c : request) {  // one byte every 100 ms: each byte is "in time"
    if (!slow.send(std::string(1, c))) {
      closed = true;
      break;
    }
    if (slow.closed_within(100ms)) {
      closed = true;
      break;
    }
  }
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(closed);
  CHECK(took < 3s);
  CHECK(live.services().connections.header_timeouts >= 1);
}

TEST_CASE("when full, the oldest idle connection makes room for a new one", "[verifier][http]") {
  LiveService live(2, "", false, [](auto& config, auto&) {
    config.max_connections = 16;
    config.max_connections_per_client = 1000;
  });
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 16; ++i) idle.push_back(std::make_unique<RawClient>(live.port(), "127.0.0.3"));
  std::this_thread::sleep_for(100ms);
  RawClient probe(live.port(), "127.0.0.4");
  probe.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(probe.read_response().status == 200);
  CHECK(idle.front()->closed_within(2s));
  CHECK(live.services().connections.evicted >= 1);
}

TEST_CASE("behind a trusted proxy, limits count the forwarded client", "[verifier][http]") {
  LiveService live(2, "", false, [](auto& config, auto& limits) {
    config.trusted_proxies = "127.0.0.1";
    limits.failed_per_client_per_minute = 2;
  });
  auto bad_json_from = [&](const std::string& source, const std::string& forwarded_for) {
    RawClient client(live.port(), source);
    client.send(post("{nope", "X-Forwarded-For: " + forwarded_for + "\r\n"));
    return client.read_response().status;
  };
  // Through the proxy: 203.0.113.1 spends its window, 203.0.113.2 has its own.
  CHECK(bad_json_from("127.0.0.1", "203.0.113.1") == 400);
  CHECK(bad_json_from("127.0.0.1", "203.0.113.1") == 400);
  CHECK(bad_json_from("127.0.0.1", "203.0.113.1") == 429);
  CHECK(bad_json_from("127.0.0.1", "203.0.113.2") == 400);
  // Not a proxy: the header is ignored, the socket address counts.
  CHECK(bad_json_from("127.0.0.5", "198.51.100.1") == 400);
  CHECK(bad_json_from("127.0.0.5", "198.51.100.2") == 400);
  CHECK(bad_json_from("127.0.0.5", "198.51.100.3") == 429);
}

TEST_CASE("malformed bytes cost a log line only within the client's window", "[verifier][http]") {
  LiveService live(2, "", false, [](auto&, auto& limits) { limits.failed_per_client_per_minute = 3; });
  for (int i = 0; i < 20; ++i) {
    RawClient client(live.port(), "127.0.0.6");
    client.send("NOT HTTP AT ALL\r\n\r\n");
    CHECK(client.read_response().status == 400);
  }
  std::size_t lines = 0;
  for (const auto& line : live.log_lines()) lines += line.find("\"protocol_refused\"") != std::string::npos;
  CHECK(lines == 3);
  CHECK(live.services().connections.protocol_refusals == 20);
}
