// verifier: the HTTP server around route(). The only file that includes
// Boost.Asio/Beast: one network thread holds every connection (event
// driven), a WorkQueue runs the routes. Every limit holds before the bytes
// do: request line and headers (431), bodies of any framing (413), encoded
// bodies (415), a deadline for a whole header block, per-address and total
// connection caps (connection_budget.h), trusted proxies for the client's
// address (trusted_proxies.h), one Range per download (byte_range.h),
// pipelined requests in order. TCP_NODELAY on (without it every keep-alive
// reply waits ~40 ms for a delayed ACK).
#pragma once

#include <functional>

#include <memory>
#include <string>

#include "verifier/config.h"
#include "verifier/extension.h"
#include "verifier/services.h"

namespace sf::verifier {

class HttpServer {
 public:
  /// Binds to `config.listen` (port 0: any free port). Throws Error(io)
  /// naming the address when it cannot bind, Error(bad_input) naming the
  /// files when the TLS certificate or key cannot be loaded.
  HttpServer(const Config& config, Services& services);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// The bound port.
  int port() const { return port_; }

  /// Serves on the calling thread until stop(); then waits for in-flight
  /// requests to be answered.
  void run();

  /// Stops accepting and closes idle connections; requests already being
  /// handled are answered. Thread-safe, callable before or during run().
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

/// Everything `stickerforge-verifier` does: loads the config's files, opens
/// the ledger, serves until SIGTERM/SIGINT, drains, flushes the ledger.
/// Prints "listening on http://HOST:PORT" to stderr once bound. Throws
/// sf::Error for bad settings and unusable files; returns 0 after a clean
/// shutdown. `extension` (may be empty) adds routes in the same process,
/// reloaded with the rest on SIGHUP. `clock` (Unix milliseconds) replaces the
/// system clock: the test fixture's hook to "come back a day later"; the
/// executables never set it.
int run_verifier(const Config& config, const ExtensionFactory& extension = {},
                 std::function<std::int64_t()> clock = {});

}  // namespace sf::verifier
