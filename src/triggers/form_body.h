// triggers (internal): application/x-www-form-urlencoded bodies (Mailchimp).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sf::triggers {

class FormBody {
 public:
  explicit FormBody(const std::string& body);
  /// The first value of `name` (decoded), or "".
  std::string value(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

}  // namespace sf::triggers
