#include "verifier/http_client.h"

#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

namespace sf::verifier {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Url {
  bool tls = false;
  std::string host, port, target;
};

std::optional<Url> parse_url(const std::string& url) {
  Url out;
  std::string rest;
  if (url.starts_with("https://")) {
    out.tls = true;
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return std::nullopt;
  }
  const std::size_t slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  out.target = slash == std::string::npos ? "/" : rest.substr(slash);
  const std::size_t colon = authority.rfind(':');
  if (colon != std::string::npos && authority.find(']') == std::string::npos) {
    out.host = authority.substr(0, colon);
    out.port = authority.substr(colon + 1);
  } else {
    out.host = authority;
    out.port = out.tls ? "443" : "80";
  }
  if (out.host.empty()) return std::nullopt;
  return out;
}

// Standard base64 (RFC 4648 §4) for Basic credentials (RFC 7617).
std::string base64(std::string_view text) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    unsigned v = unsigned(std::uint8_t(text[i])) << 16 | unsigned(std::uint8_t(text[i + 1])) << 8 |
                 std::uint8_t(text[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[v >> shift & 63];
  }
  if (i < text.size()) {
    unsigned v = unsigned(std::uint8_t(text[i])) << 16;
    if (i + 1 < text.size()) v |= unsigned(std::uint8_t(text[i + 1])) << 8;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += i + 1 < text.size() ? kAlphabet[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

template <class Stream>
FetchResult request_and_read(Stream& stream, const http::request<http::empty_body>& request) {
  FetchResult result;
  http::write(stream, request);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(1 << 20);
  http::read(stream, buffer, parser);
  result.status = static_cast<int>(parser.get().result_int());
  result.body = parser.get().body();
  return result;
}

}  // namespace

FetchResult http_get(const std::string& url,
                     const std::vector<std::pair<std::string, std::string>>& headers,
                     int timeout_seconds, const std::string& basic_user,
                     const std::string& basic_password) {
  FetchResult result;
  std::optional<Url> parsed = parse_url(url);
  if (!parsed) {
    result.error = "not an http:// or https:// URL";
    return result;
  }
  http::request<http::empty_body> request{http::verb::get, parsed->target, 11};
  request.set(http::field::host, parsed->host);
  request.set(http::field::user_agent, "stickerforge");
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!basic_user.empty() || !basic_password.empty())
    request.set(http::field::authorization, "Basic " + base64(basic_user + ":" + basic_password));
  try {
    asio::io_context ioc;
    tcp::resolver resolver(ioc);
    auto endpoints = resolver.resolve(parsed->host, parsed->port);
    const auto deadline = std::chrono::seconds(timeout_seconds);
    if (!parsed->tls) {
      beast::tcp_stream stream(ioc);
      stream.expires_after(deadline);
      stream.connect(endpoints);
      // Synchronous calls ignore tcp_stream's timer; a socket timeout bounds them.
      struct timeval tv{timeout_seconds, 0};
      ::setsockopt(stream.socket().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      ::setsockopt(stream.socket().native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      result = request_and_read(stream, request);
    } else {
      asio::ssl::context context(asio::ssl::context::tls_client);
      context.set_default_verify_paths();
      context.set_verify_mode(asio::ssl::verify_peer);
      beast::ssl_stream<beast::tcp_stream> stream(ioc, context);
      SSL_set_tlsext_host_name(stream.native_handle(), parsed->host.c_str());
      stream.set_verify_callback(asio::ssl::host_name_verification(parsed->host));
      beast::get_lowest_layer(stream).connect(endpoints);
      struct timeval tv{timeout_seconds, 0};
      auto fd = beast::get_lowest_layer(stream).socket().native_handle();
      ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      stream.handshake(asio::ssl::stream_base::client);
      result = request_and_read(stream, request);
    }
  } catch (const std::exception& e) {
    result.status = 0;
    result.error = e.what();
  }
  return result;
}

}  // namespace sf::verifier
