// motion: byte-budget search over one monotone knob (WEBP quality, VP9 CRF,
// APNG palette size). Every trial is cached, so no setting is encoded twice;
// the next trial is interpolated on log(bytes), which usually lands within
// 2-3 encodes instead of the 5-6 a fixed bisection needs.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>

#include "base/files.h"

namespace sf::motion {

struct KnobSearch {
  int lowest = 0, highest = 100;  // knob range; higher = better and bigger
  int first_guess = 75;
  double log_bytes_per_step = 0.03;  // prior slope, used until two trials exist
  std::uint64_t max_bytes = 0;
  int max_trials = 8;
  /// Stop when the best fit is within this fraction of the budget: one more
  /// full encode would buy less than this in bytes (a quality point or two).
  double close_enough = 0.05;
};

struct KnobResult {
  std::optional<int> best;        // highest knob that fit; empty when none did
  Bytes best_bytes;               // its output
  std::uint64_t smallest_bytes = 0;  // smallest output seen (for the error)
  int smallest_knob = 0;
  int trials = 0;                 // encodes run (all distinct)
  std::map<int, std::uint64_t> sizes;  // every trial: knob -> bytes
};

/// Runs `encode` at knob values in [lowest, highest] to find the highest
/// whose output is at most max_bytes. Never calls `encode` twice with the
/// same value. Exceptions from `encode` propagate.
KnobResult search_knob(const KnobSearch& search, const std::function<Bytes(int)>& encode);

}  // namespace sf::motion
