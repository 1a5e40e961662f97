// sf_ledger_bench: durable redemptions per second of the ledger alone, the
// way the verifier calls it (distinct codes, an idempotency key and an audit
// row each), from N threads for S seconds. Run by tools/bench-ledger.
// usage: sf_ledger_bench LEDGER_URL THREADS SECONDS
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "ledger/ledger.h"

namespace {

using Clock = std::chrono::steady_clock;

double percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
  return sorted[index];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: sf_ledger_bench LEDGER_URL THREADS SECONDS\n";
    return 2;
  }
  try {
    auto ledger = sf::ledger::open_ledger(argv[1]);
    const int threads = std::stoi(argv[2]);
    const double seconds = std::stod(argv[3]);
    const std::string run = std::to_string(
        std::chrono::system_clock::now().time_since_epoch().count() % 1000000007);
    std::vector<std::vector<double>> latencies_ms(static_cast<std::size_t>(threads));
    std::atomic<bool> stop{false};
    std::latch start(threads + 1);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        auto& mine = latencies_ms[static_cast<std::size_t>(t)];
        mine.reserve(1 << 16);
        start.arrive_and_wait();
        for (long n = 0; !stop.load(std::memory_order_relaxed); ++n) {
          sf::ledger::RedeemRequest r;
          r.code_key = run + "/" + std::to_string(t) + "/" + std::to_string(n);
          r.campaign_id = "bench";
          r.pack_id = "acme_hearts";
          r.trigger = "purchase";
          r.store = "store-" + std::to_string(t % 4);
          r.client = "127.0.0.1";
          r.idempotency_key = "idem-" + r.code_key;
          r.request_fingerprint = "sha256-of-body-" + r.code_key;
          r.now_unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
          const auto begin = Clock::now();
          if (ledger->redeem(r).status != sf::ledger::RedeemStatus::redeemed) {
            std::cerr << "sf_ledger_bench: " << r.code_key << " was not redeemed\n";
            std::_Exit(1);
          }
          mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
        }
      });
    }
    start.arrive_and_wait();
    const auto begin = Clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& worker : workers) worker.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();

    std::vector<double> all;
    for (auto& v : latencies_ms) all.insert(all.end(), v.begin(), v.end());
    std::sort(all.begin(), all.end());
    std::printf("threads=%d redemptions=%zu seconds=%.2f per_second=%.0f p50_ms=%.2f p99_ms=%.2f\n",
                threads, all.size(), elapsed, static_cast<double>(all.size()) / elapsed,
                percentile(all, 0.50), percentile(all, 0.99));
  } catch (const std::exception& e) {
    std::cerr << "sf_ledger_bench: " << e.what() << "\n";
    return 1;
  }
}
