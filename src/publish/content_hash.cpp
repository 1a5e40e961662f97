#include "publish/content_hash.h"

#include "crypto/primitives.h"

namespace sf::publish {

std::string content_hash(const Bytes& bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (std::uint8_t b : crypto::sha256(bytes)) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 15]);
  }
  return hex;
}

}  // namespace sf::publish
