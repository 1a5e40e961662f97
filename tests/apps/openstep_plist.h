// Test helper: a strict parser for old-style (OpenStep) property lists,
// the format of project.pbxproj, which Debian's plistutil 2.2 cannot read.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sf::test {

struct PlistNode {
  enum class Kind { string, array, dict } kind = Kind::string;
  std::string text;
  std::vector<PlistNode> items;
  std::map<std::string, PlistNode> entries;

  bool is_dict() const { return kind == Kind::dict; }
  /// Entry of a dict, or nullptr.
  const PlistNode* find(const std::string& key) const;
  /// Text of a dict entry, or "" when missing or not a string.
  std::string string_at(const std::string& key) const;
};

/// Parses `text`; throws std::runtime_error with the line on any syntax
/// error (unbalanced braces, missing ';', bad quoting, trailing junk).
PlistNode parse_openstep_plist(const std::string& text);

}  // namespace sf::test
