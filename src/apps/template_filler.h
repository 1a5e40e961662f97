// apps: the strict template filler. Templates use `{{name}}` markers; every
// marker must have a value and every value is escaped for the file it goes
// into, so a pack title with quotes cannot break the generated code.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace sf::apps {

/// Marker name -> value (unescaped).
using Placeholders = std::map<std::string, std::string, std::less<>>;

/// How values are escaped, chosen from the file name (see escaping_for).
enum class Escaping {
  none,         // paths, plain text, Markdown
  xml,          // .xml, .plist, .storyboard, .entitlements: & < > " '
  code_string,  // .kt, .kts, .swift, .gradle: \ " newline, and $ for Kotlin
  json_string,  // .json: JSON string contents
  android_string,  // res/values*/strings.xml: XML plus aapt's \' \" and leading @ ?
};

/// The escaping for a template file, from its extension.
Escaping escaping_for(std::string_view file_name);

/// Replaces every `{{name}}` in `text`. Names ending in `_raw` are inserted
/// unescaped: they hold markup the generator builds itself (never user text). Throws Error(internal) naming
/// `template_name`, the line and the marker when a marker has no value or a
/// `{{` is never closed: a template bug must never reach a user's project.
std::string fill_template(std::string_view text, const Placeholders& values, Escaping escaping,
                          std::string_view template_name);

}  // namespace sf::apps
