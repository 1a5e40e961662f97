// A bare TCP client for tests of the HTTP layer itself: sends exactly the
// bytes given (malformed, slow, pipelined) and reads exactly what comes back.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace sf::test {

struct RawResponse {
  int status = 0;  // 0: the connection closed (or timed out) before a status line
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

class RawClient {
 public:
  /// Connects to 127.0.0.1:port from `source` (any 127.x.y.z works on Linux,
  /// so tests play several clients). Throws std::runtime_error when it cannot.
  explicit RawClient(int port, const std::string& source = "127.0.0.1");
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  /// False when the peer has closed or reset the connection.
  bool send(const std::string& bytes);
  /// One response (Content-Length or to close), or status 0.
  RawResponse read_response(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  /// True when the server closed the connection within `timeout`.
  bool closed_within(std::chrono::milliseconds timeout);

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string pending_;
  bool eof_ = false;
};

}  // namespace sf::test
