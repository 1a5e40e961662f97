// publish: the HTTP client the Telegram and Discord publishers talk through.
// An interface so tests can count or cut calls; the one implementation wraps
// cpp-httplib's client (with OpenSSL for https), the library the verifier
// already serves with, so the project keeps one HTTP stack and one TLS stack.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sf::publish {

/// One part of a multipart/form-data body: a plain field (empty filename) or a file.
struct FormPart {
  std::string name;
  std::string content;
  std::string filename;
  std::string content_type;
};

struct HttpRequestOut {
  std::string method = "GET";  // GET, POST, PATCH, DELETE
  std::string path;            // absolute path under the base URL, with query
  std::map<std::string, std::string> headers;
  std::vector<FormPart> form;  // sent as multipart/form-data when not empty
  std::string body;            // sent with content_type when form is empty
  std::string content_type;
};

struct HttpAnswer {
  int status = 0;       // 0: no answer (connection failed, timed out)
  std::string body;
  std::string error;    // why there is no answer; never holds the URL (tokens live in paths)
  std::map<std::string, std::string> headers;  // lower-case names
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual HttpAnswer send(const HttpRequestOut& request) = 0;
};

/// A client for `base_url` ("https://api.telegram.org", "http://127.0.0.1:8081").
/// Certificates are checked against the system's trust store for https.
/// Throws Error(bad_input) naming the URL when it is not http(s)://host[:port].
std::unique_ptr<HttpClient> make_http_client(const std::string& base_url,
                                             std::chrono::seconds timeout = std::chrono::seconds(60));

}  // namespace sf::publish
