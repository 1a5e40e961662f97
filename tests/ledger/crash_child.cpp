// Helper for crash_test.cpp: redeems distinct codes from several threads
// forever and prints each code key once its redemption is acknowledged. The
// test kills it with SIGKILL and checks that every printed key is in the
// ledger exactly once.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ledger/ledger.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: sf_ledger_crash_child LEDGER_URL KEY_PREFIX THREADS\n";
    return 2;
  }
  try {
    auto ledger = sf::ledger::open_ledger(argv[1]);
    const std::string prefix = argv[2];
    std::mutex out;
    std::vector<std::thread> threads;
    for (int t = 0; t < std::stoi(argv[3]); ++t) {
      threads.emplace_back([&, t] {
        for (long n = 0;; ++n) {
          sf::ledger::RedeemRequest r;
          r.code_key = prefix + "/" + std::to_string(t) + "/" + std::to_string(n);
          r.campaign_id = "crash";
          r.idempotency_key = r.code_key;
          r.request_fingerprint = r.code_key;
          r.now_unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
          if (ledger->redeem(r).status != sf::ledger::RedeemStatus::redeemed) {
            std::cerr << "not redeemed: " << r.code_key << "\n";
            std::_Exit(3);
          }
          // One write per line, so a kill never leaves half a key behind.
          const std::string line = r.code_key + "\n";
          std::lock_guard lock(out);
          if (::write(STDOUT_FILENO, line.data(), line.size()) < 0) std::_Exit(4);
        }
      });
    }
    for (auto& thread : threads) thread.join();
  } catch (const std::exception& e) {
    std::cerr << "sf_ledger_crash_child: " << e.what() << "\n";
    return 1;
  }
}
