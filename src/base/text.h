// base: small text helpers for messages and generated HTML.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace sf {

/// Levenshtein distance between two ASCII strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// " did you mean 'x'?" for the closest candidate within a sensible
/// distance, or "" when nothing is close. Meant to be appended to a message.
std::string did_you_mean(std::string_view wrong,
                         std::span<const std::string_view> candidates);

/// `value` in single quotes, with control characters escaped, for messages.
std::string quote(std::string_view value);

/// `text` safe inside HTML (and XML) text and quoted attributes: & < > " '
/// become character references.
std::string html_escape(std::string_view text);

/// Joins `items` with `separator`.
std::string join(std::span<const std::string> items, std::string_view separator);

}  // namespace sf
