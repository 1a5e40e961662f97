#include "triggers/form_body.h"

#include "verifier/request_target.h"

namespace sf::triggers {

FormBody::FormBody(const std::string& body) {
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t amp = body.find('&', pos);
    std::string_view pair(body.data() + pos, (amp == std::string::npos ? body.size() : amp) - pos);
    std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos)
      fields_.emplace_back(verifier::percent_decode(pair.substr(0, eq), true),
                           verifier::percent_decode(pair.substr(eq + 1), true));
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
