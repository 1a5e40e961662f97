// verifier (internal): the redemption page's HTML templates
// (templates/web/*.html), compiled into the binary so a store box needs no
// template folder. Placeholders are {{name}}.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace sf::verifier {

extern const std::string_view kPageTemplate;      // page.html: {{title}}, {{main}}
extern const std::string_view kFormTemplate;      // form.html
extern const std::string_view kUnlockedTemplate;  // unlocked.html

/// `text` with each {{name}} replaced by its value (values are inserted as
/// given: escape them first).
std::string fill_template(std::string_view text,
                          std::initializer_list<std::pair<std::string_view, std::string>> values);

}  // namespace sf::verifier
