// verifier: the HTTP server around route(). The only file that includes
// httplib (cpp-httplib 0.11, Debian's compiled library). Tuned on purpose:
// TCP_NODELAY (without it every keep-alive reply waits ~40 ms for a delayed
// ACK), a thread pool sized for the keep-alive connections it serves, limits
// on body, header size and time.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "verifier/config.h"
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

  /// Serves until stop(); then waits for in-flight requests to finish.
  void run();

  /// Stops accepting; requests already being handled complete. Thread-safe,
  /// callable before or during run().
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  std::atomic<bool> run_active_{false};
  std::atomic<bool> stop_requested_{false};
};

/// Everything `stickerforge-verifier` does: loads the config's files, opens
/// the ledger, serves until SIGTERM/SIGINT, drains, flushes the ledger.
/// Prints "listening on http://HOST:PORT" to stderr once bound. Throws
/// sf::Error for bad settings and unusable files; returns 0 after a clean
/// shutdown.
int run_verifier(const Config& config);

}  // namespace sf::verifier
