// verifier: one outbound GET, for modules that must ask another service
// before answering (the Mailchimp receiver confirms a subscriber). Kept
// here because this module is the only one that includes Boost.Beast. Blocking,
// bounded by the timeout: callers keep it to what fits a provider's deadline.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sf::verifier {

struct FetchResult {
  int status = 0;     // 0 = no answer (connection refused, timeout, bad URL)
  std::string body;
  std::string error;  // why there was no answer
};

/// GET `url` ("https://host[:port]/path?query" or http://) with `headers`,
/// giving up after `timeout_seconds`. `basic_user`/`basic_password`, when
/// set, go in an Authorization: Basic header. Never throws.
FetchResult http_get(const std::string& url,
                     const std::vector<std::pair<std::string, std::string>>& headers,
                     int timeout_seconds, const std::string& basic_user = "",
                     const std::string& basic_password = "");

}  // namespace sf::verifier
