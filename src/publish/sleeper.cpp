#include "publish/sleeper.h"

#include <thread>

namespace sf::publish {
namespace {

class RealSleeper final : public Sleeper {
 public:
  void sleep(std::chrono::milliseconds duration) override {
    if (duration.count() > 0) std::this_thread::sleep_for(duration);
  }
};

}  // namespace

Sleeper& real_sleeper() {
  static RealSleeper sleeper;
  return sleeper;
}

}  // namespace sf::publish
