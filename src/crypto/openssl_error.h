// crypto (internal): OpenSSL's error queue turned into sf::Error text, so
// library errors never escape the module untranslated.
#pragma once

#include <string_view>

#include "base/error.h"

namespace sf::crypto {

/// Error(internal) "<what> failed: <OpenSSL reason>"; drains the queue.
Error openssl_failure(std::string_view what);

/// Drops queued OpenSSL errors after an expected failure (e.g. bad padding).
void clear_openssl_errors();

}  // namespace sf::crypto
