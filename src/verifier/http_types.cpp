#include "verifier/http_types.h"

#include <algorithm>
#include <cctype>

#include "verifier/json_text.h"

namespace sf::verifier {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (iequals(key, name)) return value;
  return {};
}

bool HttpRequest::has_header(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& entry) { return iequals(entry.first, name); });
}

std::string HttpRequest::bearer_token() const {
  const std::string value = header("Authorization");
  constexpr std::string_view kScheme = "bearer ";
  if (value.size() <= kScheme.size() || !iequals(std::string_view(value).substr(0, kScheme.size()), kScheme))
    return {};
  return value.substr(kScheme.size());
}

std::string HttpRequest::query_value(std::string_view name) const {
  for (const auto& [key, value] : query)
    if (key == name) return value;
  return {};
}

HttpReply json_error(int status, std::string_view code, std::string_view message) {
  HttpReply reply;
  reply.status = status;
  nlohmann::json body = {{"error", code}, {"message", message}};
  reply.body = dump_json(body);
  return reply;
}

}  // namespace sf::verifier
