#include "verifier/trusted_proxies.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "base/error.h"
#include "base/text.h"

namespace sf::verifier {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    parts.push_back(trim(text.substr(start, end - start)));
    start = end + 1;
  }
  return parts;
}

// One hop of a chain: "192.0.2.1", "192.0.2.1:4711", "[2001:db8::1]:4711",
// "2001:db8::1", possibly quoted (Forwarded). The address part, or "" .
std::string hop_address(std::string_view hop) {
  hop = trim(hop);
  if (hop.size() >= 2 && hop.front() == '"' && hop.back() == '"') hop = hop.substr(1, hop.size() - 2);
  if (!hop.empty() && hop.front() == '[') {
    auto close = hop.find(']');
    return close == std::string_view::npos ? std::string() : std::string(hop.substr(1, close - 1));
  }
  if (std::count(hop.begin(), hop.end(), ':') == 1) hop = hop.substr(0, hop.find(':'));
  return std::string(hop);
}

// The for= values of a Forwarded header, left to right.
std::vector<std::string> forwarded_for(std::string_view header) {
  std::vector<std::string> hops;
  for (std::string_view element : split(header, ',')) {
    for (std::string_view pair : split(element, ';')) {
      auto eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      std::string key(trim(pair.substr(0, eq)));
      for (char& c : key) c = char(std::tolower(static_cast<unsigned char>(c)));
      if (key == "for") hops.push_back(hop_address(pair.substr(eq + 1)));
    }
  }
  return hops;
}

}  // namespace

std::optional<std::array<std::uint8_t, 16>> parse_ip(std::string_view text) {
  std::string copy(text);
  std::array<std::uint8_t, 16> bytes{};
  in_addr v4{};
  if (inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
    bytes[10] = bytes[11] = 0xff;
    std::memcpy(bytes.data() + 12, &v4, 4);
    return bytes;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, copy.c_str(), &v6) == 1) {
    std::memcpy(bytes.data(), &v6, 16);
    return bytes;
  }
  return std::nullopt;
}

std::string plain_address(std::string_view address) {
  if (address.starts_with("::ffff:") && address.find('.') != std::string_view::npos)
    return std::string(address.substr(7));
  return std::string(address);
}

TrustedProxies TrustedProxies::parse(std::string_view list) {
  TrustedProxies proxies;
  std::string normalized(list);
  std::replace(normalized.begin(), normalized.end(), ' ', ',');
  for (std::string_view entry : split(normalized, ',')) {
    if (entry.empty()) continue;
    auto slash = entry.find('/');
    std::string_view address = entry.substr(0, slash);
    auto bytes = parse_ip(address);
    if (!bytes)
      throw bad_input("config 'trusted-proxies': " + quote(std::string(entry)) +
                      " is not an IPv4 or IPv6 address or CIDR (e.g. 10.0.0.0/8, ::1)");
    const bool v4 = address.find(':') == std::string_view::npos;
    int bits = v4 ? 32 : 128;
    if (slash != std::string_view::npos) {
      std::string_view length = entry.substr(slash + 1);
      bits = -1;
      if (!length.empty() && length.size() <= 3 &&
          std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; }))
        bits = std::stoi(std::string(length));
      if (bits < 0 || bits > (v4 ? 32 : 128))
        throw bad_input("config 'trusted-proxies': " + quote(std::string(entry)) +
                        " has a prefix length out of range; expected /0 to /" +
                        (v4 ? std::string("32") : std::string("128")));
    }
    proxies.networks_.push_back({*bytes, v4 ? bits + 96 : bits});
  }
  return proxies;
}

bool TrustedProxies::contains(std::string_view address) const {
  if (networks_.empty()) return false;
  auto bytes = parse_ip(address);
  if (!bytes) return false;
  for (const Network& network : networks_) {
    int bits = network.prefix_bits;
    bool match = true;
    for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
      const std::uint8_t mask = bits >= 8 ? 0xff : std::uint8_t(0xff << (8 - bits));
      if ((network.bytes[i] & mask) != ((*bytes)[i] & mask)) {
        match = false;
        break;
      }
    }
    if (match) return true;
  }
  return false;
}

std::string TrustedProxies::client(std::string_view peer, std::string_view forwarded,
                                   std::string_view x_forwarded_for) const {
  std::string current = plain_address(peer);
  if (!contains(current)) return current;
  std::vector<std::string> hops;
  if (!trim(forwarded).empty()) {
    hops = forwarded_for(forwarded);
  } else {
    for (std::string_view hop : split(x_forwarded_for, ',')) hops.push_back(hop_address(hop));
  }
  // Right to left: each hop was written by the (trusted) hop after it.
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    if (it->empty()) continue;
    if (!parse_ip(*it)) return current;  // "unknown": the proxy that wrote it is the client we know
    current = plain_address(*it);
    if (!contains(current)) return current;
  }
  return current;
}

}  // namespace sf::verifier
