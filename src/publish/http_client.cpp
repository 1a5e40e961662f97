// The cpp-httplib implementation of HttpClient. Kept to this one file so the
// rest of the module never sees httplib types (docs/architecture.md).
#include "publish/http_client.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <regex>

#include "base/error.h"
#include "base/text.h"

namespace sf::publish {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

class HttplibClient final : public HttpClient {
 public:
  HttplibClient(const std::string& base_url, std::chrono::seconds timeout)
      : client_(base_url) {
    client_.set_connection_timeout(timeout);
    client_.set_read_timeout(timeout);
    client_.set_write_timeout(timeout);
    // Redirects would carry the token-bearing path to another host.
    client_.set_follow_location(false);
  }

  HttpAnswer send(const HttpRequestOut& request) override {
    httplib::Headers headers(request.headers.begin(), request.headers.end());
    httplib::Result result{nullptr, httplib::Error::Unknown};
    if (request.method == "GET") {
      result = client_.Get(request.path, headers);
    } else if (request.method == "DELETE") {
      result = client_.Delete(request.path, headers, request.body, request.content_type);
    } else if (!request.form.empty()) {
      httplib::MultipartFormDataItems items;
      for (const FormPart& part : request.form)
        items.push_back({part.name, part.content, part.filename, part.content_type});
      result = client_.Post(request.path, headers, items);  // both APIs upload by POST
    } else if (request.method == "PATCH") {
      result = client_.Patch(request.path, headers, request.body, request.content_type);
    } else {
      result = client_.Post(request.path, headers, request.body, request.content_type);
    }
    HttpAnswer answer;
    if (!result) {
      answer.error = httplib::to_string(result.error());
      return answer;
    }
    answer.status = result->status;
    answer.body = result->body;
    for (const auto& [name, value] : result->headers) answer.headers[lower(name)] = value;
    return answer;
  }

 private:
  httplib::Client client_;
};

}  // namespace

std::unique_ptr<HttpClient> make_http_client(const std::string& base_url,
                                             std::chrono::seconds timeout) {
  static const std::regex kBase(R"(https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?/?)");
  if (!std::regex_match(base_url, kBase))
    throw bad_input("API URL " + quote(base_url) +
                    ": expected http(s)://host[:port] with no path, e.g. https://api.telegram.org");
  std::string base = base_url.back() == '/' ? base_url.substr(0, base_url.size() - 1) : base_url;
  return std::make_unique<HttplibClient>(base, timeout);
}

}  // namespace sf::publish
