#include "artwork/svg_guard.h"

#include <cctype>

#include "base/text.h"

namespace sf::artwork::detail {
namespace {

// A hand-written scanner rather than std::regex: libstdc++'s regex recurses
// per character and overflows the stack on a megabyte-long data: URI.

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool matches_at(std::string_view text, std::size_t at, std::string_view word) {
  if (at + word.size() > text.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (lower(text[at + i]) != word[i]) return false;
  return true;
}

std::size_t skip_spaces(std::string_view text, std::size_t i) {
  while (i < text.size() && is_space(text[i])) ++i;
  return i;
}

bool is_local(std::string_view target, bool allow_data) {
  if (!target.empty() && target.front() == '#') return true;
  return allow_data && matches_at(target, 0, "data:");
}

std::string shorten(std::string_view value) {
  std::string text(value.substr(0, 80));
  if (value.size() > 80) text.replace(77, 3, "...");
  return quote(text);
}

// Value of an attribute whose '=' search starts at `i`; nullopt-like empty
// flag when this "href" is not an attribute (e.g. text content).
bool read_attribute_value(std::string_view text, std::size_t i, std::string_view& value) {
  i = skip_spaces(text, i);
  if (i >= text.size() || text[i] != '=') return false;
  i = skip_spaces(text, i + 1);
  if (i >= text.size()) return false;
  char q = text[i];
  if (q != '"' && q != '\'') {
    std::size_t end = i;
    while (end < text.size() && !is_space(text[end]) && text[end] != '>') ++end;
    value = text.substr(i, end - i);
    return true;
  }
  std::size_t end = text.find(q, i + 1);
  if (end == std::string_view::npos) end = text.size();
  value = text.substr(i + 1, end - i - 1);
  return true;
}

}  // namespace

std::string find_external_reference(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    // href / xlink:href / any-prefix:href attributes: allow-list on the raw
    // value, so entity- or space-disguised URLs are refused too.
    if (matches_at(text, i, "href")) {
      char before = i > 0 ? text[i - 1] : ' ';
      bool attribute_start = is_space(before) || before == ':' || before == '"' || before == '\'';
      std::string_view value;
      if (attribute_start && read_attribute_value(text, i + 4, value) && !is_local(value, true))
        return "href " + shorten(value);
    }
    // CSS in presentation attributes, style="" and <style>.
    if (matches_at(text, i, "url(")) {
      std::size_t j = skip_spaces(text, i + 4);
      if (j < text.size() && (text[j] == '"' || text[j] == '\'')) j = skip_spaces(text, j + 1);
      std::size_t end = j;
      while (end < text.size() && text[end] != ')' && text[end] != '"' && text[end] != '\'') ++end;
      std::string_view value = text.substr(j, end - j);
      if (!is_local(value, false)) return "CSS url(" + shorten(value) + ")";
    }
    if (matches_at(text, i, "@import")) {
      std::size_t j = skip_spaces(text, i + 7);
      std::size_t end = j;
      while (end < text.size() && text[end] != ';' && text[end] != '\n') ++end;
      return "CSS @import " + shorten(text.substr(j, end - j));
    }
    // Entities can pull in files (XXE) or expand exponentially.
    if (matches_at(text, i, "<!entity")) return "an <!ENTITY> declaration";
    // CSS escapes ("\75 rl(") could hide a url() from the checks above.
    if (text[i] == '\\' && i + 1 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])))
      return "a CSS escape " + shorten(text.substr(i, 6));
  }
  return "";
}

}  // namespace sf::artwork::detail
