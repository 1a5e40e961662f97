// verifier: everything a request handler needs, built once at start-up.
// Handlers are plain functions of (HttpRequest, Services&) -> HttpReply
// (routes.h), so tests build a Services with fakes and call them directly.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "codes/brand.h"
#include "ledger/ledger.h"
#include "verifier/code_check.h"
#include "verifier/connection_budget.h"
#include "verifier/download_token.h"
#include "verifier/failure_writes.h"
#include "verifier/extension.h"
#include "verifier/limiter.h"
#include "verifier/log.h"
#include "verifier/metrics.h"
#include "verifier/pack_catalog.h"
#include "verifier/personal_unlock.h"
#include "verifier/reloadable.h"
#include "verifier/store_keys.h"

namespace sf::verifier {

struct ServiceSettings {
  std::string public_url;            // "" = links relative to the service root
  int download_ttl_seconds = 900;
  std::size_t max_body_bytes = 4096;
  std::string metrics_token;         // "" = /metrics needs no Authorization
  int failure_writes_per_minute = 600;  // audit rows + log lines for failures
  /// SQLite: the ledger's folder, whose free space /readyz checks; "" otherwise.
  std::filesystem::path ledger_folder;
};

/// Whether the ledger could write lately: a write failing (disk full, a
/// read-only database) turns /readyz to 503 until a write succeeds or
/// kLedgerFailureMs pass without another failure.
struct LedgerHealth {
  static constexpr std::int64_t kLedgerFailureMs = 10'000;
  std::atomic<std::int64_t> failed_at_ms{0};
  void failed(std::int64_t now_ms) { failed_at_ms.store(now_ms, std::memory_order_relaxed); }
  void succeeded() {
    if (failed_at_ms.load(std::memory_order_relaxed) != 0) failed_at_ms.store(0, std::memory_order_relaxed);
  }
  bool failing(std::int64_t now_ms) const {
    const std::int64_t at = failed_at_ms.load(std::memory_order_relaxed);
    return at != 0 && now_ms - at < kLedgerFailureMs;
  }
};

struct Services {
  Services(CodeChecker checker, ledger::Ledger& ledger, StoreKeys store_keys,
           LimiterSettings limits, std::filesystem::path packs, const Bytes& download_secret,
           ServiceSettings settings, Log::Sink log_sink = {})
      : check_code(std::move(checker)),
        ledger(ledger),
        store_keys(std::move(store_keys)),
        limiter(limits),
        packs(std::move(packs)),
        tokens(download_secret),
        personal(download_secret),
        settings(std::move(settings)),
        failure_writes(this->settings.failure_writes_per_minute),
        log(std::move(log_sink)) {}

  CodeChecker check_code;
  ledger::Ledger& ledger;
  Reloadable<StoreKeys> store_keys;  // swapped on SIGHUP
  Limiter limiter;
  PackCatalog packs;
  DownloadTokens tokens;
  PersonalTokens personal;  // /u/<token> addresses, same secret as the downloads
  ServiceSettings settings;
  FailureWrites failure_writes;
  Metrics metrics;
  ConnectionStats connections;  // kept by the HTTP layer, shown in /metrics
  LedgerHealth ledger_health;
  Log log;
  /// Unix time in milliseconds; tests replace it with a fixed clock.
  std::function<std::int64_t()> now_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  /// Routes of another module (the trigger receivers), or nullptr.
  ServiceExtension* extension = nullptr;
  /// The brand a campaign's pages show (campaigns file, reloaded on SIGHUP);
  /// unset or empty = the neutral look.
  std::function<codes::Brand(const std::string& campaign_id)> brand_of;
  /// Set on SIGTERM: /readyz answers 503 so load balancers stop sending.
  std::atomic<bool> draining{false};
};

}  // namespace sf::verifier
