// verifier: the service's settings. One flat list of keys, each usable in
// the JSON config file and as a command-line flag of the same name, so a
// first run needs no file. Depends on base only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sf::verifier {

/// Everything `stickerforge-verifier` needs to start. Paths are absolute
/// once loaded (relative ones are resolved against the config file's folder
/// or, for flags, the working directory).
struct Config {
  std::string listen = "127.0.0.1:8080";   // host:port; port 0 picks a free one
  std::string ledger = "sqlite:stickerforge-ledger.db";
  std::filesystem::path keyring, campaigns, revocations, packs, store_keys;
  std::filesystem::path tls_cert, tls_key;
  /// Secret for download tokens; shared by every instance behind one load
  /// balancer. Empty: a random one per process (tokens die with a restart).
  std::filesystem::path download_secret;
  /// File holding a token that GET /metrics then requires as
  /// "Authorization: Bearer <token>". Empty: /metrics is open (serve it on
  /// a private network only).
  std::filesystem::path metrics_token;
  /// Base of the links in answers ("https://stickers.example"); empty: links
  /// are relative to the service root.
  std::string public_url;
  /// The trigger receivers' file (docs/triggers.md): provider secrets and
  /// tolerances, reloaded on SIGHUP. Empty: no receivers, the verifier alone.
  std::filesystem::path triggers;

  int threads = 128;                 // workers running routes (ledger waits), not connections
  std::size_t max_body_bytes = 4096;
  std::size_t max_header_bytes = 8192;
  int read_timeout_seconds = 5;
  int write_timeout_seconds = 5;
  int keep_alive_seconds = 5;
  int download_ttl_seconds = 900;
  int failed_per_client_per_minute = 10;
  int failed_per_store_per_minute = 60;
  int global_failed_per_second = 100;   // reward-codes.md §6
  int breaker_seconds = 300;            // anonymous redemption off this long
  int max_connections = 4096;           // the whole service; oldest waiting one evicted when full
  int max_connections_per_client = 128; // per address (trusted proxies exempt)
  int header_timeout_seconds = 10;      // request line + headers must arrive within this
  std::string trusted_proxies;          // CIDRs whose Forwarded / X-Forwarded-For count
  int failure_writes_per_minute = 600;  // audit rows + log lines for failures; then counted only
};

/// The keys accepted in the file and as `--<key>` flags, in help order.
std::span<const std::string_view> config_keys();

/// Sets one key from its text value. Throws Error(bad_input) naming the key
/// and value when the key is unknown (with a did-you-mean) or the value does
/// not parse; `base` resolves relative paths.
void set_config_value(Config& config, std::string_view key, std::string_view value,
                      const std::filesystem::path& base);

/// Reads a JSON object of config keys. Throws Error(not_found/io) for an
/// unreadable file and Error(bad_input) listing every bad key or value.
Config load_config_file(const std::filesystem::path& path);

/// Checks that the settings can start a service: listen address shape, the
/// files it names exist, TLS cert and key given together. Throws
/// Error(bad_input) listing every problem.
void validate_config(const Config& config);

/// The token in `path` (surrounding whitespace removed), or "" when `path`
/// is empty. Throws Error(bad_input) naming the file when the token is
/// shorter than 16 characters, and Error(not_found/io) when it is unreadable.
std::string load_metrics_token(const std::filesystem::path& path);

/// "host:port" split; throws Error(bad_input) for anything else.
std::pair<std::string, int> split_listen(std::string_view listen);

}  // namespace sf::verifier
