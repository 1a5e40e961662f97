// artwork (internal): refuses SVG that would make the renderer fetch
// anything outside the file itself (local files, URLs, stylesheets).
#pragma once

#include <string>
#include <string_view>

namespace sf::artwork::detail {

/// The first external reference in `svg_text` ("href 'file:///etc/passwd'",
/// "CSS url('https://x/y.png')", "CSS @import", "an <!ENTITY> declaration"),
/// or "" when the SVG only refers to itself (#fragment) or inline data:.
std::string find_external_reference(std::string_view svg_text);

}  // namespace sf::artwork::detail
