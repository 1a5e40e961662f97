#include "codes/keyring.h"

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/text.h"
#include "codes/base64url.h"
#include "codes/time_text.h"
#include "crypto/ed25519.h"
#include "crypto/primitives.h"

namespace sf::codes {
namespace {

using nlohmann::json;

constexpr std::uint32_t kMaxKeyId = 31;

void check_permissions(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return;  // read_file reports it
  if (info.st_mode & (S_IRWXG | S_IRWXO)) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%03o", static_cast<unsigned>(info.st_mode & 0777));
    throw bad_input("keyring " + quote(path.string()) + " is readable by group or others (mode " +
                    mode + "); it holds secret keys: run 'chmod 600 " + path.string() + "'");
  }
}

Bytes decode_key(const json& entry, const char* field, const std::string& where, bool required) {
  if (!entry.contains(field)) {
    if (!required) return {};
    throw bad_input(where + "." + field + " is missing; expected base64url of 32 bytes");
  }
  const json& value = entry[field];
  std::optional<Bytes> bytes;
  if (value.is_string()) bytes = base64url_decode(value.get<std::string>());
  if (!bytes || bytes->size() != 32)
    throw bad_input(where + "." + field + " is not base64url of 32 bytes");
  return *bytes;
}

}  // namespace

std::string_view key_type_name(KeyType type) {
  return type == KeyType::hmac ? "hmac" : "ed25519";
}

Keyring Keyring::load(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path))
    throw not_found("keyring " + quote(path.string()) +
                    " does not exist; create it with 'stickerforge keys new --keyring " +
                    path.string() + "'");
  std::string text = read_text_file(path, 1 << 20);
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    throw bad_input("keyring " + quote(path.string()) + " is not valid JSON: " + e.what());
  }
  std::string prefix = "keyring " + quote(path.string()) + ": ";
  if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array())
    throw bad_input(prefix + "expected an object with a \"keys\" array");
  bool public_only = doc.value("public_only", false);
  if (!public_only) check_permissions(path);
  Keyring ring;
  std::size_t index = 0;
  for (const json& entry : doc["keys"]) {
    std::string where = prefix + "keys[" + std::to_string(index++) + "]";
    if (!entry.is_object()) throw bad_input(where + " is not an object");
    KeyEntry key;
    if (!entry.contains("id") || !entry["id"].is_number_unsigned() || entry["id"] == 0 ||
        entry["id"].get<std::uint64_t>() > kMaxKeyId)
      throw bad_input(where + ".id is missing or out of range; expected 1 to 31");
    key.id = entry["id"].get<std::uint32_t>();
    if (ring.find(key.id))
      throw bad_input(where + ".id " + std::to_string(key.id) + " appears twice");
    std::string type = entry.value("type", "");
    if (type == "hmac") key.type = KeyType::hmac;
    else if (type == "ed25519") key.type = KeyType::ed25519;
    else throw bad_input(where + ".type " + quote(type) + " is unknown; expected 'hmac' or 'ed25519'");
    std::string status = entry.value("status", "active");
    if (status != "active" && status != "retired")
      throw bad_input(where + ".status " + quote(status) + " is unknown; expected 'active' or 'retired'");
    key.retired = status == "retired";
    if (entry.contains("created") && entry["created"].is_string())
      key.created_unix = parse_utc(entry["created"].get<std::string>(), DateEdge::start_of_day,
                                   where + ".created");
    // A public keyring may be world-readable, so it must not smuggle secrets.
    if (public_only && entry.contains("secret"))
      throw bad_input(where + " has a secret, but the keyring says public_only; "
                              "export public keys with 'keys export-public'");
    key.secret = decode_key(entry, "secret", where, !public_only);
    if (key.type == KeyType::ed25519) {
      key.public_key = decode_key(entry, "public", where, public_only);
      if (!key.secret.empty()) {
        Bytes derived = crypto::Ed25519PrivateKey::from_seed(key.secret).public_key();
        if (!key.public_key.empty() && key.public_key != derived)
          throw bad_input(where + ".public does not match its secret");
        key.public_key = derived;
      }
    } else if (public_only) {
      continue;  // a public keyring cannot use HMAC keys
    }
    ring.keys_.push_back(std::move(key));
  }
  return ring;
}

void Keyring::save(const std::filesystem::path& path) const {
  json keys = json::array();
  for (const KeyEntry& key : keys_) {
    json entry = {{"id", key.id},
                  {"type", key_type_name(key.type)},
                  {"status", key.retired ? "retired" : "active"},
                  {"created", format_utc(key.created_unix)},
                  {"secret", base64url_encode(key.secret)}};
    if (key.type == KeyType::ed25519) entry["public"] = base64url_encode(key.public_key);
    keys.push_back(entry);
  }
  json doc = {{"format", "stickerforge-keyring"}, {"version", 1}, {"keys", keys}};
  write_file_atomic(path, doc.dump(2) + "\n", 0600);
}

const KeyEntry& Keyring::add(KeyType type, std::int64_t now_unix) {
  for (std::uint32_t id = 1; id <= kMaxKeyId; ++id) {
    if (find(id)) continue;
    KeyEntry key;
    key.id = id;
    key.type = type;
    key.created_unix = now_unix;
    if (type == KeyType::hmac) {
      key.secret = crypto::random_bytes(32);
    } else {
      auto pair = crypto::Ed25519PrivateKey::generate();
      key.secret = pair.seed();
      key.public_key = pair.public_key();
    }
    keys_.push_back(std::move(key));
    return keys_.back();
  }
  throw conflict("keyring has all 31 key ids in use; start a new keyring for new campaigns");
}

void Keyring::retire(std::uint32_t id) {
  for (KeyEntry& key : keys_) {
    if (key.id != id) continue;
    key.retired = true;
    return;
  }
  throw not_found("key id " + std::to_string(id) + " is not in the keyring");
}

const KeyEntry* Keyring::issuing_key(KeyType type) const {
  const KeyEntry* best = nullptr;
  for (const KeyEntry& key : keys_)
    if (key.type == type && !key.retired && !key.secret.empty()) best = &key;  // newest last
  return best;
}

const KeyEntry* Keyring::find(std::uint32_t id) const {
  for (const KeyEntry& key : keys_)
    if (key.id == id) return &key;
  return nullptr;
}

std::string Keyring::public_json() const {
  json keys = json::array();
  for (const KeyEntry& key : keys_) {
    if (key.type != KeyType::ed25519) continue;
    keys.push_back({{"id", key.id},
                    {"type", "ed25519"},
                    {"status", key.retired ? "retired" : "active"},
                    {"created", format_utc(key.created_unix)},
                    {"public", base64url_encode(key.public_key)}});
  }
  json doc = {{"format", "stickerforge-keyring"}, {"version", 1}, {"public_only", true},
              {"keys", keys}};
  return doc.dump(2) + "\n";
}

std::string key_fingerprint(const KeyEntry& key) {
  static constexpr std::string_view kLabel = "stickerforge key fingerprint v1";
  std::span<const std::uint8_t> label(reinterpret_cast<const std::uint8_t*>(kLabel.data()),
                                      kLabel.size());
  Bytes digest = key.type == KeyType::ed25519 ? crypto::sha256(key.public_key)
                                              : crypto::hmac_sha256(key.secret, label);
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < 4; ++i) {
    out += digits[digest[i] >> 4];
    out += digits[digest[i] & 15];
  }
  return out;
}

}  // namespace sf::codes
