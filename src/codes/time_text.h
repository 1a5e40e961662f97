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

/// A campaign's first second as typed: "2026-03-01" when it is a UTC
/// midnight, else "YYYY-MM-DDTHH:MM:SSZ".
std::string format_start(std::int64_t starts_unix);

/// A campaign's (exclusive) end as the marketer typed it: "2026-05-31" for
/// the first second of June 1st (the last day, inclusive), else
/// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_end(std::int64_t ends_unix);

/// A moment in words: "1 March 2026" at a UTC midnight, else
/// "1 March 2026, 14:00 UTC".
std::string format_words(std::int64_t unix_seconds);

/// The last valid moment in words, for people: "31 May 2026" when the end is a
/// UTC midnight, else "3 December 2026, 16:24 UTC".
std::string format_end_words(std::int64_t ends_unix);

}  // namespace sf::codes
