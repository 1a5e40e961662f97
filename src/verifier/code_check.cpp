#include "verifier/code_check.h"

namespace sf::verifier {

std::string_view to_string(CodeVerdict verdict) {
  switch (verdict) {
    case CodeVerdict::valid: return "valid";
    case CodeVerdict::mistyped: return "mistyped";
    case CodeVerdict::unknown: return "unknown_code";
    case CodeVerdict::expired: return "expired";
    case CodeVerdict::not_yet_valid: return "not_yet_valid";
    case CodeVerdict::revoked: return "revoked";
  }
  return "unknown_code";
}

}  // namespace sf::verifier
