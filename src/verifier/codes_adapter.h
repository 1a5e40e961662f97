// verifier: the bridge from sf::codes::Checker to the CodeCheck values the
// handlers work with (code_check.h).
#pragma once

#include "codes/checker.h"
#include "verifier/code_check.h"
#include "verifier/reloadable.h"

namespace sf::verifier {

/// The verifier's view of one codes check result. Never throws.
CodeCheck to_code_check(const codes::CheckResult& result);

/// A CodeChecker calling `checker` (which it keeps a copy of).
CodeChecker make_code_checker(codes::Checker checker);

/// A CodeChecker calling whichever Checker `checker` holds at each call, so
/// a reload takes effect on the next code.
CodeChecker make_code_checker(std::shared_ptr<const Reloadable<codes::Checker>> checker);

}  // namespace sf::verifier
