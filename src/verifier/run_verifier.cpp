// The service's life: load, bind, serve, reload on SIGHUP, drain on SIGTERM, flush.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "base/error.h"
#include "codes/campaign_book.h"
#include "codes/checker.h"
#include "codes/revocations.h"
#include "ledger/ledger.h"
#include "verifier/codes_adapter.h"
#include "verifier/pack_readiness.h"
#include "verifier/server.h"

namespace sf::verifier {
namespace {

// Idempotency records are kept at least 24 h (Stripe's rule); two days
// leaves room for clients retrying across a day boundary.
constexpr std::int64_t kIdempotencyKeepMs = 48ll * 3600 * 1000;

// The files an operator changes while the service runs, read at start and
// again on SIGHUP.
codes::Checker load_checker(const Config& config) {
  return codes::Checker::load(config.keyring, config.campaigns, config.revocations);
}
StoreKeys load_store_keys(const Config& config) {
  return config.store_keys.empty() ? StoreKeys() : StoreKeys::load(config.store_keys);
}

// SIGHUP: read the keyring, campaigns, revocations and store keys again, so
// a new campaign, a revocation or a new store counts from the next request
// without a restart. When any file does not load, everything stays as it
// was and the log says why.
void reload(const Config& config, Reloadable<codes::Checker>& checker,
            Reloadable<codes::CampaignBook>& campaigns, Services& services) {
  try {
    require_built_packs(config.campaigns, config.packs, std::time(nullptr));
    codes::Checker fresh = load_checker(config);
    codes::CampaignBook book = codes::CampaignBook::load(config.campaigns);
    StoreKeys keys = load_store_keys(config);
    const std::size_t stores = keys.size();
    checker.replace(std::move(fresh));
    if (services.extension) services.extension->reload();
    campaigns.replace(std::move(book));
    services.store_keys.replace(std::move(keys));
    services.packs.reload();  // install.json and builds are read again on the next request
    services.log.write("info", "reloaded", {{"stores", std::to_string(stores)}});
  } catch (const std::exception& e) {
    services.log.write("error", "reload_failed", {{"error", e.what()}});
  }
}

// SQLite: the folder whose free space /readyz watches.
std::filesystem::path ledger_folder(const std::string& ledger) {
  if (!ledger.starts_with("sqlite:") || ledger.starts_with("sqlite::memory:")) return {};
  return std::filesystem::path(ledger.substr(7)).parent_path();
}

}  // namespace

int run_verifier(const Config& config, const ExtensionFactory& make_extension,
                 std::function<std::int64_t()> clock) {
  // Signals go to one thread that waits for them. Blocked first, so every
  // thread started later (the ledger's committer, the server's workers) inherits
  // the mask and none of them is killed by a SIGTERM meant for draining.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  validate_config(config);
  // The revocation list is optional: an empty one is created where the
  // operator said, so 'codes revoke' and the next SIGHUP have a file to share.
  if (!config.revocations.empty() && !std::filesystem::exists(config.revocations))
    codes::RevocationList().save(config.revocations);
  require_built_packs(config.campaigns, config.packs, std::time(nullptr));
  auto checker = std::make_shared<Reloadable<codes::Checker>>(load_checker(config));
  StoreKeys store_keys = load_store_keys(config);
  Bytes secret = load_download_secret(config.download_secret);
  std::unique_ptr<ledger::Ledger> ledger = ledger::open_ledger(config.ledger);

  LimiterSettings limits{config.failed_per_client_per_minute, config.failed_per_store_per_minute,
                         config.global_failed_per_second, config.breaker_seconds};
  ServiceSettings settings{config.public_url, config.download_ttl_seconds, config.max_body_bytes,
                           load_metrics_token(config.metrics_token),
                           config.failure_writes_per_minute, ledger_folder(config.ledger)};
  Services services(make_code_checker(checker), *ledger, std::move(store_keys), limits,
                    config.packs, secret, settings);
  // Brands for the customer pages, by campaign id (the checker answers only
  // about codes; a personal unlock address names its campaign).
  auto campaigns = std::make_shared<Reloadable<codes::CampaignBook>>(
      codes::CampaignBook::load(config.campaigns));
  services.brand_of = [campaigns](const std::string& id) {
    auto book = campaigns->current();
    const codes::CampaignRecord* record = book->find(id);
    return record ? record->campaign.brand : codes::Brand{};
  };
  if (clock) services.now_ms = std::move(clock);
  std::unique_ptr<ServiceExtension> extension;
  if (make_extension) extension = make_extension(config, services);
  services.extension = extension.get();

  HttpServer server(config, services);
  const std::string scheme = config.tls_cert.empty() ? "http" : "https";
  auto [host, port] = split_listen(config.listen);
  std::cerr << "stickerforge-verifier: listening on " << scheme << "://" << host << ":"
            << server.port() << std::endl;
  services.log.write("info", "start", {{"port", std::to_string(server.port())},
                                       {"ledger", config.ledger.starts_with("sqlite:") ? "sqlite" : "postgres"},
                                       {"stores", std::to_string(services.store_keys.current()->size())}});

  std::thread signal_thread([&] {
    int signal = 0;
    while (sigwait(&signals, &signal) == 0 && signal == SIGHUP) reload(config, *checker, *campaigns, services);
    services.draining = true;
    services.log.write("info", "draining", {{"signal", signal == SIGTERM ? "SIGTERM" : "SIGINT"}});
    server.stop();
  });

  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  std::thread maintenance([&] {
    std::unique_lock lock(mutex);
    while (!wake.wait_for(lock, std::chrono::minutes(10), [&] { return stopping; })) {
      try {
        auto pruned = services.ledger.prune_idempotency(services.now_ms() - kIdempotencyKeepMs);
        services.log.write("info", "pruned_idempotency", {{"records", std::to_string(pruned)}});
      } catch (const std::exception& e) {
        services.log.write("error", "prune_failed", {{"error", e.what()}});
      }
    }
  });

  server.run();  // returns once stopped and in-flight requests are answered
  pthread_kill(signal_thread.native_handle(), SIGTERM);  // if run() ended on its own
  signal_thread.join();
  {
    std::lock_guard lock(mutex);
    stopping = true;
  }
  wake.notify_all();
  maintenance.join();
  ledger->flush();
  services.log.write("info", "stopped", {});
  return 0;
}

}  // namespace sf::verifier
