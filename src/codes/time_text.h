// codes: dates in campaign files and on the command line. Stored and printed
// in UTC; times may be given with a UTC offset.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sf::codes {

/// Which second a bare date stands for: its first second, or the first second
/// of the next day (so "--ends 2026-12-31" includes all of Dec 31).
enum class DateEdge { start_of_day, end_of_day };

/// Parses "YYYY-MM-DD" (a UTC day), "YYYY-MM-DDTHH:MM:SSZ" or
/// "YYYY-MM-DDTHH:MM:SS+HH:MM" (RFC 3339 offset, also "-HH:MM") into Unix
/// seconds. Throws Error(bad_input) naming `what` and the value, expecting
/// those forms.
std::int64_t parse_utc(std::string_view text, DateEdge edge, std::string_view what);

/// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_utc(std::int64_t unix_seconds);

}  // namespace sf::codes
