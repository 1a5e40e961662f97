// verifier: connections as a budgeted resource. One address may hold only
// `max_per_client` connections (trusted proxies excepted: they carry many
// clients); the whole service holds `max_connections`. Above three quarters
// of that the service is "under pressure": idle keep-alive connections are
// closed early and, when full, the oldest connection that is idle or still
// sending its headers makes room for a new one, so a flood of slow or idle
// connections cannot keep health probes and stores out.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace sf::verifier {

/// Counters for /metrics, bumped by the server's network thread.
struct ConnectionStats {
  std::atomic<std::int64_t> open{0};
  std::atomic<std::uint64_t> accepted{0};
  std::atomic<std::uint64_t> refused_per_client{0};  // address over its cap
  std::atomic<std::uint64_t> refused_full{0};        // service full, nothing to evict
  std::atomic<std::uint64_t> evicted{0};             // idle/slow ones closed to make room
  std::atomic<std::uint64_t> idle_closed{0};         // keep-alive timeouts
  std::atomic<std::uint64_t> header_timeouts{0};     // headers not complete in time
  std::atomic<std::uint64_t> body_timeouts{0};
  std::atomic<std::uint64_t> protocol_refusals{0};   // 400/413/415/431 before routing
  std::atomic<int> under_pressure{0};

  /// Prometheus text for these counters.
  std::string render() const;
};

struct ConnectionLimits {
  int max_connections = 4096;
  int max_per_client = 128;
};

/// Used on the server's network thread only (no locks).
class ConnectionBudget {
 public:
  ConnectionBudget(ConnectionLimits limits, ConnectionStats& stats)
      : limits_(limits), stats_(stats) {}

  enum class Verdict { admit, over_client_cap, full };
  /// Whether a new connection from `address` may stay; `exempt` (a trusted
  /// proxy) skips the per-address cap. `full` means the caller must evict
  /// one waiting connection first (or refuse).
  Verdict check(const std::string& address, bool exempt) const;
  void add(const std::string& address);
  void remove(const std::string& address);

  int open() const { return open_; }
  int open_from(const std::string& address) const;
  bool under_pressure() const { return open_ * 4 >= limits_.max_connections * 3; }
  const ConnectionLimits& limits() const { return limits_; }

 private:
  void update_pressure();

  ConnectionLimits limits_;
  ConnectionStats& stats_;
  std::unordered_map<std::string, int> per_address_;
  int open_ = 0;
};

}  // namespace sf::verifier
