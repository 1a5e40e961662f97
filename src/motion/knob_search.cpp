#include "motion/knob_search.h"

#include <algorithm>
#include <cmath>

namespace sf::motion {

KnobResult search_knob(const KnobSearch& search, const std::function<Bytes(int)>& encode) {
  KnobResult result;
  std::optional<int> fit, fail;  // highest fitting, lowest failing knob so far
  const double target = std::log(static_cast<double>(search.max_bytes) * (1.0 - search.close_enough / 2));
  int knob = std::clamp(search.first_guess, search.lowest, search.highest);
  while (result.trials < search.max_trials) {
    Bytes bytes = encode(knob);
    ++result.trials;
    std::uint64_t size = bytes.size();
    result.sizes[knob] = size;
    if (result.smallest_bytes == 0 || size < result.smallest_bytes) {
      result.smallest_bytes = size;
      result.smallest_knob = knob;
    }
    if (size <= search.max_bytes) {
      if (!fit || knob > *fit) {
        fit = knob;
        result.best = knob;
        result.best_bytes = std::move(bytes);
      }
    } else if (!fail || knob < *fail) {
      fail = knob;
    }
    // Done: the best possible fits, the bracket is closed, the fit is close
    // enough to the budget, or even the floor is over.
    if (fit && *fit == search.highest) break;
    if (fit && fail && *fail - *fit <= 1) break;
    if (fit && static_cast<double>(result.sizes[*fit]) >=
                   static_cast<double>(search.max_bytes) * (1.0 - search.close_enough))
      break;
    if (!fit && fail && *fail == search.lowest) break;

    int lower = fit ? *fit + 1 : search.lowest;
    int upper = fail ? *fail - 1 : search.highest;
    // Interpolate log(bytes) between the two trials nearest the budget.
    double slope = search.log_bytes_per_step;
    int anchor = knob;
    if (fit && fail) {
      double a = std::log(static_cast<double>(result.sizes[*fit]));
      double b = std::log(static_cast<double>(result.sizes[*fail]));
      if (b > a) slope = (b - a) / (*fail - *fit);
      anchor = *fit;
    } else if (result.sizes.size() >= 2) {
      auto first = result.sizes.begin(), last = std::prev(result.sizes.end());
      double a = std::log(static_cast<double>(first->second)), b = std::log(static_cast<double>(last->second));
      if (b > a && last->first != first->first) slope = (b - a) / (last->first - first->first);
      anchor = fit ? *fit : *fail;
    } else {
      anchor = knob;
    }
    double estimate = anchor + (target - std::log(static_cast<double>(result.sizes[anchor]))) / slope;
    int next = std::clamp(static_cast<int>(std::floor(estimate)), lower, upper);
    if (result.sizes.count(next)) next = lower + (upper - lower) / 2;
    if (result.sizes.count(next)) break;
    knob = next;
  }
  return result;
}

}  // namespace sf::motion
