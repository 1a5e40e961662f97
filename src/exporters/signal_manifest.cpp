#include "exporters/signal_manifest.h"

#include <algorithm>

#include "base/error.h"
#include "crypto/primitives.h"

namespace sf::exporters::signal {
namespace {

void put_varint(Bytes& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(value));
}

void put_bytes(Bytes& out, int field, std::span<const std::uint8_t> bytes) {
  put_varint(out, (static_cast<std::uint64_t>(field) << 3) | 2);
  put_varint(out, bytes.size());
  out.insert(out.end(), bytes.begin(), bytes.end());
}

void put_string(Bytes& out, int field, const std::string& text) {
  put_bytes(out, field, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

Bytes encode_sticker(const ManifestSticker& sticker) {
  Bytes out;
  put_varint(out, (1u << 3) | 0);
  put_varint(out, sticker.id);
  put_string(out, 2, sticker.emoji);
  return out;
}

// Reads protobuf fields one at a time; unknown fields are skipped as the
// protobuf rules say, malformed input throws.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
  bool done() const { return pos_ >= bytes_.size(); }
  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (done()) throw bad_input("signal manifest: truncated varint");
      std::uint8_t b = bytes_[pos_++];
      value |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return value;
    }
    throw bad_input("signal manifest: varint longer than 10 bytes");
  }
  std::span<const std::uint8_t> length_delimited() {
    std::uint64_t n = varint();
    if (n > bytes_.size() - pos_) throw bad_input("signal manifest: field runs past the end");
    auto out = bytes_.subspan(pos_, n);
    pos_ += n;
    return out;
  }
  void skip(int wire_type) {
    switch (wire_type) {
      case 0:
        varint();
        return;
      case 1:
        advance(8);
        return;
      case 2:
        length_delimited();
        return;
      case 5:
        advance(4);
        return;
      default:
        throw bad_input("signal manifest: unsupported wire type " + std::to_string(wire_type));
    }
  }

 private:
  void advance(std::size_t n) {
    if (n > bytes_.size() - pos_) throw bad_input("signal manifest: field runs past the end");
    pos_ += n;
  }
  std::span<const std::uint8_t> bytes_;
  std::size_t pos_ = 0;
};

std::string as_string(std::span<const std::uint8_t> bytes) {
  return std::string(bytes.begin(), bytes.end());
}

ManifestSticker decode_sticker(std::span<const std::uint8_t> bytes) {
  ManifestSticker sticker;
  Reader reader(bytes);
  while (!reader.done()) {
    std::uint64_t key = reader.varint();
    int field = static_cast<int>(key >> 3), type = static_cast<int>(key & 7);
    if (field == 1 && type == 0)
      sticker.id = static_cast<std::uint32_t>(reader.varint());
    else if (field == 2 && type == 2)
      sticker.emoji = as_string(reader.length_delimited());
    else
      reader.skip(type);
  }
  return sticker;
}

Bytes concat(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

}  // namespace

Bytes encode_manifest(const Manifest& manifest) {
  Bytes out;
  put_string(out, 1, manifest.title);
  put_string(out, 2, manifest.author);
  if (manifest.cover) put_bytes(out, 3, encode_sticker(*manifest.cover));
  for (const ManifestSticker& sticker : manifest.stickers)
    put_bytes(out, 4, encode_sticker(sticker));
  return out;
}

Manifest decode_manifest(std::span<const std::uint8_t> bytes) {
  Manifest manifest;
  Reader reader(bytes);
  while (!reader.done()) {
    std::uint64_t key = reader.varint();
    int field = static_cast<int>(key >> 3), type = static_cast<int>(key & 7);
    if (type != 2) {
      reader.skip(type);
      continue;
    }
    auto value = reader.length_delimited();
    if (field == 1)
      manifest.title = as_string(value);
    else if (field == 2)
      manifest.author = as_string(value);
    else if (field == 3)
      manifest.cover = decode_sticker(value);
    else if (field == 4)
      manifest.stickers.push_back(decode_sticker(value));
  }
  return manifest;
}

PackKeys derive_keys(std::span<const std::uint8_t> pack_key) {
  if (pack_key.size() != 32)
    throw bad_input("signal pack key is " + std::to_string(pack_key.size()) +
                    " bytes; expected 32 (64 hex digits)");
  static const std::string kInfo = "Sticker Pack";
  Bytes salt(32, 0);
  Bytes okm = crypto::hkdf_sha256(pack_key, salt, crypto::as_bytes(kInfo), 64);
  return {Bytes(okm.begin(), okm.begin() + 32), Bytes(okm.begin() + 32, okm.begin() + 64)};
}

Bytes encrypt_blob(const PackKeys& keys, std::span<const std::uint8_t> plaintext) {
  // A synthetic IV (HMAC of the plaintext under the MAC key): unpredictable
  // without the key, yet the same for the same key and content.
  Bytes iv_source = crypto::hmac_sha256(keys.mac_key, concat(Bytes{'i', 'v'}, plaintext));
  Bytes iv(iv_source.begin(), iv_source.begin() + 16);
  Bytes ciphertext = crypto::aes256_cbc_encrypt(keys.aes_key, iv, plaintext);
  Bytes blob = concat(iv, ciphertext);
  Bytes mac = crypto::hmac_sha256(keys.mac_key, blob);
  blob.insert(blob.end(), mac.begin(), mac.end());
  return blob;
}

Bytes decrypt_blob(const PackKeys& keys, std::span<const std::uint8_t> blob) {
  if (blob.size() < 16 + 16 + 32)
    throw bad_input("signal blob is " + std::to_string(blob.size()) +
                    " bytes; expected at least 64 (IV, one block, MAC)");
  auto body = blob.first(blob.size() - 32);
  auto mac = blob.last(32);
  Bytes expected = crypto::hmac_sha256(keys.mac_key, body);
  if (!crypto::constant_time_equal(expected, mac))
    throw bad_input("signal blob: MAC does not match; wrong key or altered data");
  return crypto::aes256_cbc_decrypt(keys.aes_key, body.first(16), body.subspan(16));
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

Bytes from_hex(const std::string& hex, const std::string& what) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0) throw bad_input(what + " has an odd number of hex digits");
  Bytes out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0)
      throw bad_input(what + " contains " + std::string(1, hi < 0 ? hex[i] : hex[i + 1]) +
                      "; expected hex digits 0-9, a-f");
    out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
  return out;
}

}  // namespace sf::exporters::signal
