// publish: how patient the publishers are with flood limits and silence.
#pragma once

#include <chrono>

namespace sf::publish {

struct RetryPolicy {
  std::chrono::milliseconds pace{250};     // least time between calls (4 a second at most)
  int max_flood_retries = 10;              // 429 answers waited out per call
  std::chrono::seconds max_wait{15 * 60};  // a longer retry_after stops the run (progress kept)
  int max_network_retries = 3;             // for calls that are safe to repeat
};

}  // namespace sf::publish
