#include "apps/bundle_id.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/text.h"

namespace sf::apps {
namespace {

// Kotlin and Java refuse these as package parts (`com.new.app` does not compile).
constexpr std::string_view kReserved[] = {
    "abstract", "as",        "assert",    "boolean",   "break",      "byte",     "case",
    "catch",    "char",      "class",     "const",     "continue",   "default",  "do",
    "double",   "else",      "enum",      "extends",   "false",      "final",    "finally",
    "float",    "for",       "fun",       "goto",      "if",         "implements", "import",
    "in",       "instanceof", "int",      "interface", "is",         "long",     "native",
    "new",      "null",      "object",    "package",   "private",    "protected", "public",
    "return",   "short",     "static",    "strictfp",  "super",      "switch",   "synchronized",
    "this",     "throw",     "throws",    "transient", "true",       "try",      "typealias"};

std::vector<std::string_view> split_dots(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = text.find('.', start);
    parts.push_back(text.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

void check_bundle_id(std::string_view bundle_id, Ecosystem ecosystem) {
  const std::string rule =
      ecosystem == Ecosystem::apple
          ? "expected a reverse-DNS id of at least two dot-separated parts made of letters, "
            "digits and '-' (like 'com.example.stickers'), at most 100 characters"
          : "expected an Android package name: at least two dot-separated parts, each a letter "
            "followed by letters, digits or '_', no Java keyword (like "
            "'com.example.stickers'), at most 100 characters";
  const std::string subject = "bundle id " + quote(bundle_id) + " is not valid for " +
                              (ecosystem == Ecosystem::apple ? "iOS" : "Android");
  if (bundle_id.empty() || bundle_id.size() > 100) throw bad_input(subject + "; " + rule);
  std::vector<std::string_view> parts = split_dots(bundle_id);
  if (parts.size() < 2) throw bad_input(subject + " (one part only); " + rule);
  for (std::string_view part : parts) {
    if (part.empty()) throw bad_input(subject + " (empty part); " + rule);
    for (char c : part) {
      bool ok = ecosystem == Ecosystem::apple ? is_letter(c) || is_digit(c) || c == '-'
                                              : is_letter(c) || is_digit(c) || c == '_';
      if (!ok)
        throw bad_input(subject + " (character " + quote(std::string(1, c)) + "); " + rule);
    }
    if (ecosystem == Ecosystem::android) {
      if (!is_letter(part.front()))
        throw bad_input(subject + " (part " + quote(part) + " does not start with a letter); " +
                        rule);
      if (std::find(std::begin(kReserved), std::end(kReserved), part) != std::end(kReserved))
        throw bad_input(subject + " (part " + quote(part) + " is a Java/Kotlin keyword); " +
                        rule);
    }
  }
}

}  // namespace sf::apps
