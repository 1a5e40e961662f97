#include "verifier/browser.h"

#include <algorithm>

#include "verifier/request_target.h"

namespace sf::verifier {
namespace {

// Personal unlock tokens are digits, '.', and base64url (personal_unlock.h).
bool token_shaped(std::string_view value) {
  return !value.empty() && value.size() < 300 &&
         std::all_of(value.begin(), value.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
         });
}

constexpr std::string_view kCookie = "sf_unlocks";
constexpr std::size_t kRemembered = 5;

}  // namespace

bool wants_html(const HttpRequest& request) {
  const std::string accept = request.header("Accept");
  std::size_t html = accept.find("text/html");
  if (html == std::string::npos) return false;
  std::size_t json = accept.find("application/json");
  return json == std::string::npos || html < json;
}

Language request_language(const HttpRequest& request) {
  return pick_language(request.header("Accept-Language"));
}

Device request_device(const HttpRequest& request) {
  const std::string agent = request.header("User-Agent");
  if (agent.find("iPhone") != std::string::npos || agent.find("iPad") != std::string::npos ||
      agent.find("iPod") != std::string::npos)
    return Device::ios;
  if (agent.find("Android") != std::string::npos) return Device::android;
  return Device::other;
}

std::vector<std::string> remembered_unlocks(const HttpRequest& request) {
  std::vector<std::string> tokens;
  const std::string cookies = request.header("Cookie");
  std::string_view header = cookies;
  // "a=1; sf_unlocks=t1~t2; b=2"
  while (!header.empty()) {
    std::size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (!pair.starts_with(kCookie) || pair.size() <= kCookie.size() || pair[kCookie.size()] != '=')
      continue;
    std::string_view value = pair.substr(kCookie.size() + 1);
    while (!value.empty() && tokens.size() < kRemembered) {
      std::size_t tilde = value.find('~');
      std::string_view token = value.substr(0, tilde);
      if (token_shaped(token)) tokens.emplace_back(token);
      value = tilde == std::string_view::npos ? std::string_view() : value.substr(tilde + 1);
    }
  }
  return tokens;
}

std::string remember_unlock_cookie(const std::string& token,
                                   const std::vector<std::string>& earlier, bool secure) {
  std::string value = token;
  std::size_t kept = 1;
  for (const std::string& other : earlier) {
    if (other == token || kept == kRemembered) continue;
    value += "~" + other;
    ++kept;
  }
  // A year: the address itself stops working when its campaign ends.
  return std::string(kCookie) + "=" + value + "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax" +
         (secure ? "; Secure" : "");
}

std::string form_field(std::string_view body, std::string_view name) {
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t end = body.find('&', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(pos, end - pos);
    std::size_t eq = pair.find('=');
    if (percent_decode(pair.substr(0, eq), true) == name)
      return eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1), true);
    pos = end + 1;
  }
  return {};
}

}  // namespace sf::verifier
