#include "crypto/openssl_error.h"

#include <openssl/err.h>

#include <string>

namespace sf::crypto {

Error openssl_failure(std::string_view what) {
  std::string message = std::string(what) + " failed";
  unsigned long code = ERR_get_error();
  if (code != 0) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    message += ": ";
    message += buffer;
  }
  ERR_clear_error();
  return internal_error(message);
}

void clear_openssl_errors() { ERR_clear_error(); }

}  // namespace sf::crypto
