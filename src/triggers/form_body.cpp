#include "triggers/form_body.h"

namespace sf::triggers {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string form_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += char(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

FormBody::FormBody(const std::string& body) {
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t amp = body.find('&', pos);
    std::string_view pair(body.data() + pos, (amp == std::string::npos ? body.size() : amp) - pos);
    std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos)
      fields_.emplace_back(form_decode(pair.substr(0, eq)), form_decode(pair.substr(eq + 1)));
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
}

std::string FormBody::value(std::string_view name) const {
  for (const auto& [key, value] : fields_)
    if (key == name) return value;
  return "";
}

}  // namespace sf::triggers
