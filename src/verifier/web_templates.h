// verifier (internal): the customer pages' HTML templates
// (templates/web/<name>.html), compiled into the binary so a store box needs
// no template folder. Placeholders are {{name}}.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace sf::verifier {

extern const std::string_view kTemplate_page;        // the frame: {{lang}}, {{title}}, {{main}}, ...
extern const std::string_view kTemplate_form;        // the code form / link landing
extern const std::string_view kTemplate_code_field;  // the labelled code input
extern const std::string_view kTemplate_unlocked;    // the unlock
extern const std::string_view kTemplate_address;     // the personal address card
extern const std::string_view kTemplate_messenger;   // one messenger's steps and buttons
extern const std::string_view kTemplate_error;       // a page for an address that leads nowhere

/// `text` with each {{name}} replaced by its value (values are inserted as
/// given: escape them first).
std::string fill_template(std::string_view text,
                          std::initializer_list<std::pair<std::string_view, std::string>> values);

}  // namespace sf::verifier
