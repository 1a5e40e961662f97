#include "verifier/work_queue.h"

namespace sf::verifier {

WorkQueue::WorkQueue(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

WorkQueue::~WorkQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void WorkQueue::submit(bool priority, std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    (priority ? priority_ : normal_).push_back(std::move(job));
  }
  wake_.notify_one();
}

void WorkQueue::work() {
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !priority_.empty() || !normal_.empty(); });
      auto& lane = !priority_.empty() ? priority_ : normal_;
      if (lane.empty()) return;  // stopping and nothing left
      job = std::move(lane.front());
      lane.pop_front();
    }
    job();
  }
}

}  // namespace sf::verifier
