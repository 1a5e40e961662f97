#include "publish/set_name.h"

#include <algorithm>
#include <cctype>

#include "base/error.h"
#include "crypto/primitives.h"

namespace sf::publish {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::string set_name_problem(const std::string& name, const std::string& bot_username) {
  if (name.empty()) return "is empty";
  if (name.size() > 64)
    return "is " + std::to_string(name.size()) + " characters; at most 64 are allowed";
  if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
    return "must start with an English letter";
  if (!std::all_of(name.begin(), name.end(), word_char))
    return "may hold only English letters, digits and '_'";
  if (name.find("__") != std::string::npos) return "must not contain two underscores in a row";
  std::string suffix = "_by_" + lower(bot_username);
  if (name.size() <= suffix.size() ||
      lower(name).compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
    return "must end in " + suffix + " (the bot that owns the token is @" + bot_username + ")";
  return "";
}

std::string random_set_name(const std::string& prefix, const std::string& bot_username) {
  static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string random;
  // Rejection sampling keeps the 36 symbols equally likely.
  while (random.size() < 16) {
    for (std::uint8_t byte : crypto::random_bytes(32)) {
      if (byte >= 252 || random.size() == 16) continue;
      random.push_back(kAlphabet[byte % 36]);
    }
  }
  std::string clean;
  for (char c : prefix) {
    char d = word_char(c) ? c : '_';
    if (d == '_' && (clean.empty() || clean.back() == '_')) continue;
    clean.push_back(d);
  }
  while (!clean.empty() && !std::isalpha(static_cast<unsigned char>(clean[0]))) clean.erase(0, 1);
  if (clean.empty()) clean = "stickers";
  std::string tail = "_" + random + "_by_" + bot_username;
  if (tail.size() + 1 > 64)
    throw bad_input("bot username @" + bot_username + " is too long to leave room for a set name");
  clean = clean.substr(0, 64 - tail.size());
  while (clean.size() > 1 && clean.back() == '_') clean.pop_back();
  return clean + tail;
}

}  // namespace sf::publish
