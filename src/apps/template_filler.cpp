#include "apps/template_filler.h"

#include <cstdio>

#include "base/error.h"
#include "base/text.h"

namespace sf::apps {
namespace {

// Good for Swift and Kotlin string literals alike: Kotlin also needs '$'
// escaped (templates), and "\$" is not valid Swift, so Swift files use
// `json_string`-like escaping without it (see escape_code).
std::string escape_code(std::string_view value, bool kotlin) {
  std::string out;
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '$': out += kotlin ? "\\$" : "$"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_json(std::string_view value) {
  std::string out;
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", u);
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out;
}

// aapt2 reads a resource string after XML decoding and gives ' " \ a
// meaning of their own, and a leading @ or ? makes it a reference.
std::string escape_android(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\\' || c == '\'' || c == '"' || (i == 0 && (c == '@' || c == '?'))) out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return html_escape(out);
}

}  // namespace

Escaping escaping_for(std::string_view file_name) {
  if (file_name.ends_with("strings.xml") && file_name.find("res/values") != std::string_view::npos)
    return Escaping::android_string;
  for (std::string_view ext : {".xml", ".plist", ".storyboard", ".entitlements", ".xcscheme"})
    if (file_name.ends_with(ext)) return Escaping::xml;
  for (std::string_view ext : {".kt", ".kts", ".swift", ".gradle"})
    if (file_name.ends_with(ext)) return Escaping::code_string;
  if (file_name.ends_with(".json")) return Escaping::json_string;
  return Escaping::none;
}

std::string fill_template(std::string_view text, const Placeholders& values, Escaping escaping,
                          std::string_view template_name) {
  const bool kotlin = template_name.ends_with(".kt") || template_name.ends_with(".kts");
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  int line = 1;
  while (pos < text.size()) {
    std::size_t open = text.find("{{", pos);
    std::string_view chunk = text.substr(pos, open == std::string_view::npos ? open : open - pos);
    for (char c : chunk) line += c == '\n';
    out += chunk;
    if (open == std::string_view::npos) break;
    std::size_t close = text.find("}}", open + 2);
    std::size_t newline = text.find('\n', open);
    if (close == std::string_view::npos || (newline != std::string_view::npos && newline < close))
      throw internal_error("template " + quote(template_name) + " line " +
                           std::to_string(line) + ": '{{' is not closed by '}}' on the same line");
    std::string_view name = text.substr(open + 2, close - open - 2);
    auto found = values.find(name);
    if (found == values.end())
      throw internal_error("template " + quote(template_name) + " line " +
                           std::to_string(line) + ": no value for placeholder " +
                           quote("{{" + std::string(name) + "}}"));
    switch (name.ends_with("_raw") ? Escaping::none : escaping) {
      case Escaping::none: out += found->second; break;
      case Escaping::xml: out += html_escape(found->second); break;
      case Escaping::code_string: out += escape_code(found->second, kotlin); break;
      case Escaping::json_string: out += escape_json(found->second); break;
      case Escaping::android_string: out += escape_android(found->second); break;
    }
    pos = close + 2;
  }
  return out;
}

}  // namespace sf::apps
