// base: collect every problem with an input, then stop once (mold's
// Error/checkpoint): users see all of them in one run.
#pragma once

#include <string>
#include <vector>

namespace sf {

/// One thing wrong with an input. `where` names the file, field or value
/// ("pack.json: stickers[3].emojis"), `message` says what was expected.
struct Problem {
  std::string where;
  std::string message;
  std::string to_string() const {
    return where.empty() ? message : where + ": " + message;
  }
};

using Problems = std::vector<Problem>;

/// Throws Error(bad_input) listing every problem, headed by `summary`
/// ("3 problems in pack.json; nothing written"), when `problems` is non-empty.
void throw_if_any(const Problems& problems, const std::string& subject);

}  // namespace sf
