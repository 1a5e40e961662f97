// apps: bundle identifiers (iOS) and application ids / package names
// (Android), checked before anything is generated.
#pragma once

#include <string_view>

namespace sf::apps {

enum class Ecosystem { apple, android };

/// Throws Error(bad_input) quoting `bundle_id` and stating the rule when it
/// is not a valid identifier for `ecosystem`: Apple allows letters, digits,
/// '-' and '.'; Android needs a Java package name (letters, digits and '_',
/// each part starting with a letter, no Java keyword). Both need at least two
/// dot-separated parts and at most 100 characters (extensions append parts).
void check_bundle_id(std::string_view bundle_id, Ecosystem ecosystem);

}  // namespace sf::apps
