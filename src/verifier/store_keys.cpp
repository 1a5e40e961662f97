#include "verifier/store_keys.h"

#include <set>

#include "base/error.h"
#include "base/files.h"
#include "base/problems.h"
#include "base/text.h"
#include "codes/base64url.h"
#include "crypto/primitives.h"
#include "verifier/json_text.h"

namespace sf::verifier {
namespace {

std::string to_hex(const Bytes& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    hex.push_back(digits[b >> 4]);
    hex.push_back(digits[b & 15]);
  }
  return hex;
}

bool is_hex_digest(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::string store_key_digest(std::string_view key) {
  return to_hex(crypto::sha256(crypto::as_bytes(key)));
}

std::string new_store_key() { return "sk_" + codes::base64url_encode(crypto::random_bytes(32)); }

StoreKeys StoreKeys::load(const std::filesystem::path& path) {
  const std::string where = path.string();
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(read_text_file(path, 16 << 20));
  } catch (const nlohmann::json::parse_error& e) {
    throw bad_input(where + ": not valid JSON (" + e.what() + ")");
  }
  if (!json.is_object() || !json.contains("stores") || !json["stores"].is_array()) {
    throw bad_input(where + ": expected {\"stores\": [{\"store\": ID, \"key_sha256\": HEX}, ...]}");
  }
  Problems problems;
  std::vector<StoreKey> keys;
  std::set<std::string> seen;
  const auto& stores = json["stores"];
  for (std::size_t i = 0; i < stores.size(); ++i) {
    const auto& entry = stores[i];
    std::string field = where + ": stores[" + std::to_string(i) + "]";
    if (!entry.is_object() || !entry.contains("store") || !entry["store"].is_string() ||
        !entry.contains("key_sha256") || !entry["key_sha256"].is_string()) {
      problems.push_back({field, "expected an object with string fields \"store\" and \"key_sha256\""});
      continue;
    }
    StoreKey key{entry["store"].get<std::string>(), entry["key_sha256"].get<std::string>()};
    if (key.store.empty() || key.store.size() > 64) {
      problems.push_back({field + ".store", "store id " + quote(key.store) + " must be 1 to 64 characters"});
    } else if (!seen.insert(key.store).second) {
      problems.push_back({field + ".store", "store id " + quote(key.store) + " appears twice"});
    }
    if (!is_hex_digest(key.sha256_hex)) {
      problems.push_back({field + ".key_sha256",
                          "value " + quote(key.sha256_hex) +
                              " is not 64 lower-case hex digits (the SHA-256 of the key, "
                              "never the key itself)"});
    }
    keys.push_back(std::move(key));
  }
  throw_if_any(problems, where);
  return StoreKeys(std::move(keys));
}

std::optional<std::string> StoreKeys::authenticate(std::string_view key) const {
  if (key.empty() || key.size() > 256) return std::nullopt;
  const std::string digest = store_key_digest(key);
  std::optional<std::string> found;
  // Compare with every entry in constant time so timing says nothing about
  // which digest (if any) was close.
  for (const StoreKey& entry : keys_) {
    if (crypto::constant_time_equal(crypto::as_bytes(entry.sha256_hex), crypto::as_bytes(digest)))
      found = entry.store;
  }
  return found;
}

}  // namespace sf::verifier
