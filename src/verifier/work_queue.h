// verifier: the worker threads that run routes. The network thread never
// blocks on the ledger; it hands each parsed request here. Two lanes: health
// probes, /metrics and requests carrying a store key go first, so a flood of
// anonymous requests cannot starve stores or the load balancer's checks.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sf::verifier {

class WorkQueue {
 public:
  explicit WorkQueue(int threads);
  ~WorkQueue();  // finishes queued jobs, then joins
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  void submit(bool priority, std::function<void()> job);

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> priority_, normal_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace sf::verifier
