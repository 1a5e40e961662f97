// verifier: who the client really is. Behind a reverse proxy every
// connection comes from the proxy, so per-client limits would make all
// customers share one budget. `trusted-proxies` lists the proxies' networks
// (CIDRs); only a connection from one of them may name the client in
// `Forwarded` (RFC 7239) or `X-Forwarded-For`. Anyone else sending those
// headers is ignored: a client cannot pick its own address.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sf::verifier {

/// An IPv4 or IPv6 address as 16 bytes (IPv4 as ::ffff:a.b.c.d), or nullopt
/// when `text` is neither.
std::optional<std::array<std::uint8_t, 16>> parse_ip(std::string_view text);

class TrustedProxies {
 public:
  TrustedProxies() = default;
  /// "10.0.0.0/8, 127.0.0.1, ::1/128" (commas or spaces; a bare address is
  /// one host). Throws Error(bad_input) naming the entry that is not an
  /// address or has a prefix length out of range.
  static TrustedProxies parse(std::string_view list);

  bool empty() const { return networks_.empty(); }
  bool contains(std::string_view address) const;

  /// The client address for limits and the audit: `peer` itself unless it
  /// is a trusted proxy; then the right-most address in the forwarding chain
  /// that is not a trusted proxy (Forwarded's for= values when that header
  /// is present, else X-Forwarded-For). A chain of only trusted hops gives
  /// its left-most entry; an entry that is no address (RFC 7239's
  /// "unknown", an obfuscated name) stops the walk at the proxy that wrote it.
  std::string client(std::string_view peer, std::string_view forwarded,
                     std::string_view x_forwarded_for) const;

 private:
  struct Network {
    std::array<std::uint8_t, 16> bytes;
    int prefix_bits;
  };
  std::vector<Network> networks_;
};

/// "::ffff:127.0.0.1" -> "127.0.0.1"; other addresses unchanged.
std::string plain_address(std::string_view address);

}  // namespace sf::verifier
