#include "verifier/config.h"

#include <cctype>
#include <charconv>
#include <nlohmann/json.hpp>
#include <vector>

#include "base/error.h"
#include "base/files.h"
#include "base/problems.h"
#include "base/text.h"
#include "verifier/trusted_proxies.h"

namespace fs = std::filesystem;

namespace sf::verifier {
namespace {

constexpr std::string_view kKeys[] = {
    "listen",
    "ledger",
    "keyring",
    "campaigns",
    "revocations",
    "packs",
    "store-keys",
    "tls-cert",
    "tls-key",
    "download-secret",
    "metrics-token",
    "public-url",
    "triggers",
    "threads",
    "max-body-bytes",
    "max-header-bytes",
    "read-timeout-seconds",
    "write-timeout-seconds",
    "keep-alive-seconds",
    "download-ttl-seconds",
    "failed-per-client-per-minute",
    "failed-per-store-per-minute",
    "global-failed-per-second",
    "breaker-seconds",
    "max-connections",
    "max-connections-per-client",
    "header-timeout-seconds",
    "trusted-proxies",
    "failure-writes-per-minute",
};

fs::path resolve(std::string_view value, const fs::path& base) {
  fs::path path(value);
  if (path.empty() || path.is_absolute()) return path;
  return (base / path).lexically_normal();
}

long long parse_number(std::string_view key, std::string_view value, long long min,
                       long long max) {
  long long number = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec != std::errc() || end != value.data() + value.size() || number < min ||
      number > max) {
    throw bad_input("config '" + std::string(key) + "': value " + quote(value) +
                    " is not a whole number from " + std::to_string(min) + " to " +
                    std::to_string(max));
  }
  return number;
}

}  // namespace

std::span<const std::string_view> config_keys() { return kKeys; }

std::pair<std::string, int> split_listen(std::string_view listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == listen.size()) {
    throw bad_input("config 'listen': value " + quote(listen) +
                    " is not host:port (e.g. 127.0.0.1:8080)");
  }
  std::string host(listen.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  std::string_view port_text = listen.substr(colon + 1);
  int port = -1;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 0 ||
      port > 65535) {
    throw bad_input("config 'listen': port " + quote(port_text) +
                    " is not a number from 0 to 65535");
  }
  return {host, port};
}

void set_config_value(Config& config, std::string_view key, std::string_view value,
                      const fs::path& base) {
  auto number = [&](long long min, long long max) {
    return parse_number(key, value, min, max);
  };
  if (key == "listen") {
    split_listen(value);
    config.listen = value;
  } else if (key == "ledger") {
    if (value.empty()) throw bad_input("config 'ledger': value is empty; expected sqlite:PATH or postgres://...");
    // A relative sqlite path follows the same rule as every other path.
    if (value.starts_with("sqlite:") && !value.starts_with("sqlite::memory:")) {
      config.ledger = "sqlite:" + resolve(value.substr(7), base).string();
    } else {
      config.ledger = value;
    }
  } else if (key == "keyring") {
    config.keyring = resolve(value, base);
  } else if (key == "campaigns") {
    config.campaigns = resolve(value, base);
  } else if (key == "revocations") {
    config.revocations = resolve(value, base);
  } else if (key == "packs") {
    config.packs = resolve(value, base);
  } else if (key == "store-keys") {
    config.store_keys = resolve(value, base);
  } else if (key == "tls-cert") {
    config.tls_cert = resolve(value, base);
  } else if (key == "tls-key") {
    config.tls_key = resolve(value, base);
  } else if (key == "download-secret") {
    config.download_secret = resolve(value, base);
  } else if (key == "metrics-token") {
    config.metrics_token = resolve(value, base);
  } else if (key == "public-url") {
    std::string url(value);
    while (!url.empty() && url.back() == '/') url.pop_back();
    config.public_url = url;
  } else if (key == "triggers") {
    config.triggers = resolve(value, base);
  } else if (key == "threads") {
    config.threads = int(number(2, 4096));
  } else if (key == "max-body-bytes") {
    config.max_body_bytes = std::size_t(number(256, 1 << 20));
  } else if (key == "max-header-bytes") {
    config.max_header_bytes = std::size_t(number(1024, 1 << 16));
  } else if (key == "read-timeout-seconds") {
    config.read_timeout_seconds = int(number(1, 300));
  } else if (key == "write-timeout-seconds") {
    config.write_timeout_seconds = int(number(1, 300));
  } else if (key == "keep-alive-seconds") {
    config.keep_alive_seconds = int(number(0, 300));
  } else if (key == "download-ttl-seconds") {
    config.download_ttl_seconds = int(number(10, 7 * 86400));
  } else if (key == "failed-per-client-per-minute") {
    config.failed_per_client_per_minute = int(number(1, 1000000));
  } else if (key == "failed-per-store-per-minute") {
    config.failed_per_store_per_minute = int(number(1, 1000000));
  } else if (key == "global-failed-per-second") {
    config.global_failed_per_second = int(number(1, 1000000));
  } else if (key == "breaker-seconds") {
    config.breaker_seconds = int(number(1, 86400));
  } else if (key == "max-connections") {
    config.max_connections = int(number(16, 1000000));
  } else if (key == "max-connections-per-client") {
    config.max_connections_per_client = int(number(1, 1000000));
  } else if (key == "header-timeout-seconds") {
    config.header_timeout_seconds = int(number(1, 300));
  } else if (key == "trusted-proxies") {
    TrustedProxies::parse(value);  // refuses a bad entry by name now, not at start
    config.trusted_proxies = value;
  } else if (key == "failure-writes-per-minute") {
    config.failure_writes_per_minute = int(number(0, 1000000));
  } else {
    throw bad_input("config: unknown key " + quote(key) + ";" +
                    did_you_mean(key, config_keys()) + " keys are " +
                    "listen, ledger, keyring, campaigns, revocations, packs, store-keys, "
                    "tls-cert, tls-key and the limits in docs/operations.md");
  }
}

Config load_config_file(const fs::path& path) {
  std::string text = read_text_file(path, 1 << 20);
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw bad_input(path.string() + ": not valid JSON (" + e.what() + ")");
  }
  if (!json.is_object()) {
    throw bad_input(path.string() + ": expected a JSON object of settings, got " +
                    std::string(json.type_name()));
  }
  Config config;
  Problems problems;
  fs::path base = path.has_parent_path() ? path.parent_path() : fs::path(".");
  for (const auto& [key, value] : json.items()) {
    std::string text_value;
    if (value.is_string()) {
      text_value = value.get<std::string>();
    } else if (value.is_number_integer()) {
      text_value = std::to_string(value.get<long long>());
    } else {
      problems.push_back({path.string() + ": " + key,
                          "expected a string or a whole number, got " +
                              std::string(value.type_name())});
      continue;
    }
    try {
      set_config_value(config, key, text_value, base);
    } catch (const Error& e) {
      problems.push_back({path.string(), e.what()});
    }
  }
  throw_if_any(problems, path.string());
  return config;
}

void validate_config(const Config& config) {
  Problems problems;
  try {
    split_listen(config.listen);
  } catch (const Error& e) {
    problems.push_back({"", e.what()});
  }
  auto need_file = [&](std::string_view key, const fs::path& path, bool required) {
    if (path.empty()) {
      if (required)
        problems.push_back({"config '" + std::string(key) + "'",
                            "is missing; give --" + std::string(key) + " FILE"});
      return;
    }
    std::error_code ec;
    if (!fs::exists(path, ec))
      problems.push_back({"config '" + std::string(key) + "'",
                          "file " + quote(path.string()) + " does not exist"});
  };
  need_file("keyring", config.keyring, true);
  need_file("campaigns", config.campaigns, true);
  // revocations: created empty at start when missing (run_verifier).
  need_file("store-keys", config.store_keys, false);
  need_file("tls-cert", config.tls_cert, false);
  need_file("tls-key", config.tls_key, false);
  need_file("download-secret", config.download_secret, false);
  need_file("metrics-token", config.metrics_token, false);
  need_file("triggers", config.triggers, false);
  if (config.packs.empty()) {
    problems.push_back({"config 'packs'", "is missing; give --packs DIR (stickerforge build output)"});
  } else if (std::error_code ec; !fs::is_directory(config.packs, ec)) {
    problems.push_back({"config 'packs'",
                        "folder " + quote(config.packs.string()) + " does not exist"});
  }
  if (config.tls_cert.empty() != config.tls_key.empty())
    problems.push_back({"config", "tls-cert and tls-key must be given together"});
  if (!config.ledger.starts_with("sqlite:") && !config.ledger.starts_with("postgres://") &&
      !config.ledger.starts_with("postgresql://")) {
    problems.push_back({"config 'ledger'", "value " + quote(config.ledger) +
                                               " is not sqlite:PATH or postgres://..."});
  }
  throw_if_any(problems, "the verifier configuration");
}

std::string load_metrics_token(const fs::path& path) {
  if (path.empty()) return "";
  std::string token = read_text_file(path, 4096);
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!token.empty() && is_space(token.back())) token.pop_back();
  std::size_t start = 0;
  while (start < token.size() && is_space(token[start])) ++start;
  token.erase(0, start);
  if (token.size() < 16)
    throw bad_input("config 'metrics-token': file " + quote(path.string()) + " holds " +
                    std::to_string(token.size()) +
                    " characters; expected a token of at least 16 (e.g. openssl rand -hex 16)");
  return token;
}

}  // namespace sf::verifier
