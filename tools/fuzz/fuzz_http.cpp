// libFuzzer driver: the HTTP layer itself. Each input is the raw bytes a
// client sends on one connection (request lines, headers, chunked bodies,
// pipelined requests, garbage), delivered over loopback to a real
// HttpServer (the same Beast parsing, limits and routing as production) with
// a SQLite ledger and real codes. Invariants: every answer is a well-formed
// HTTP/1.1 status line, never a 500, the connection ends (no hang past the
// deadline), and the server still answers /healthz afterwards.
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "verifier/live_service.h"

namespace {

sf::test::LiveService& service() {
  static auto* live = new sf::test::LiveService(4, "", false, [](auto& config, auto& limits) {
    config.max_connections_per_client = 100000;
    config.header_timeout_seconds = 2;
    limits.failed_per_client_per_minute = 1'000'000'000;
    limits.global_failed_per_second = 1'000'000'000;
  });
  return *live;
}

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_http: %s\n%s\n", what, detail.c_str());
  std::abort();
}

// Sends `bytes`, half-closes, reads everything the server says until it closes.
std::string exchange(const std::string& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(std::uint16_t(service().port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
    fail("cannot connect", "");
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server refused early and closed: allowed
    sent += std::size_t(n);
  }
  ::shutdown(fd, SHUT_WR);
  std::string answer;
  char buffer[65536];
  while (true) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) fail("the server neither answered nor closed within 5 s", bytes.substr(0, 400));
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    answer.append(buffer, std::size_t(n));
  }
  ::close(fd);
  return answer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static int runs = 0;
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string answer = exchange(input);
  // Every status line the server wrote is HTTP/1.x (the request's version)
  // with a 3-digit status, never 500.
  for (std::size_t at = answer.find("HTTP/1."); at != std::string::npos;
       at = answer.find("HTTP/1.", at + 9)) {
    if (at + 9 <= answer.size() && answer.compare(at + 8, 1, " ") != 0) continue;  // not a status line
    if (at + 12 > answer.size()) fail("truncated status line", answer.substr(at));
    const int status = std::atoi(answer.substr(at + 9, 3).c_str());
    if (status < 100 || status > 599) fail("bad status", answer.substr(at, 40));
    if (status == 500) fail("500 answer", input.substr(0, 400) + "\n---\n" + answer.substr(0, 400));
  }
  if (!answer.empty() && !answer.starts_with("HTTP/1.1 ") && !answer.starts_with("HTTP/1.0 "))
    fail("answer does not start with a status line", answer.substr(0, 200));
  if (++runs % 64 == 0 &&
      exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").find("HTTP/1.1 200") != 0)
    fail("/healthz stopped answering", "");
  return 0;
}
