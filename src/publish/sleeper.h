// publish: waiting, injected so tests run flood answers on a fake clock
// (no real waiting) and can check each wait was as long as asked.
#pragma once

#include <chrono>

namespace sf::publish {

class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void sleep(std::chrono::milliseconds duration) = 0;
};

/// Really waits (std::this_thread::sleep_for).
Sleeper& real_sleeper();

}  // namespace sf::publish
