// verifier: requests and replies as plain values, so every handler is a
// function tested without sockets; server.cpp converts to and from httplib.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace sf::verifier {

struct HttpRequest {
  std::string method;   // "GET", "POST"
  std::string path;     // decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string client;   // remote address, for limits and the audit

  /// First value of a header (case-insensitive name), or "" when absent.
  std::string header(std::string_view name) const;
  bool has_header(std::string_view name) const;
  /// The credentials of "Authorization: Bearer <credentials>" (scheme in
  /// any case), or "" when the header is absent or has another scheme.
  std::string bearer_token() const;
  /// First value of a query parameter, or "" when absent.
  std::string query_value(std::string_view name) const;
};

struct HttpReply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  /// When set, the body is this file, streamed by the server.
  std::filesystem::path file;
};

/// A JSON error reply: {"error": code, "message": message}.
HttpReply json_error(int status, std::string_view code, std::string_view message);

}  // namespace sf::verifier
