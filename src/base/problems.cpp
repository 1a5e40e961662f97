#include "base/problems.h"

#include "base/error.h"

namespace sf {

void throw_if_any(const Problems& problems, const std::string& subject) {
  if (problems.empty()) return;
  std::string text = std::to_string(problems.size()) +
                     (problems.size() == 1 ? " problem in " : " problems in ") +
                     subject + "; nothing written";
  for (const Problem& p : problems) text += "\n  " + p.to_string();
  throw bad_input(text);
}

}  // namespace sf
