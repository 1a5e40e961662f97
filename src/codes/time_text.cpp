#include "codes/time_text.h"

#include <ctime>

#include "base/error.h"
#include "base/text.h"

namespace sf::codes {

std::int64_t parse_utc(std::string_view text, DateEdge edge, std::string_view what) {
  auto fail = [&]() {
    return bad_input(std::string(what) + " " + quote(text) +
                     " is not a date; expected YYYY-MM-DD (a UTC day), YYYY-MM-DDTHH:MM:SSZ or "
                     "YYYY-MM-DDTHH:MM:SS+HH:MM");
  };
  auto digits = [&](std::size_t at, std::size_t count) {
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
      if (text[i] < '0' || text[i] > '9') throw fail();
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  // RFC 3339: a time ends in Z (UTC) or in the local offset, e.g. +02:00
  // for 18:00 in Berlin in summer.
  const bool with_offset = text.size() == 25;
  const bool with_time = text.size() == 20 || with_offset;
  if (text.size() != 10 && !with_time) throw fail();
  if (text[4] != '-' || text[7] != '-') throw fail();
  std::tm tm{};
  tm.tm_year = digits(0, 4) - 1900;
  tm.tm_mon = digits(5, 2) - 1;
  tm.tm_mday = digits(8, 2);
  if (with_time) {
    if (text[10] != 'T' || text[13] != ':' || text[16] != ':') throw fail();
    tm.tm_hour = digits(11, 2);
    tm.tm_min = digits(14, 2);
    tm.tm_sec = digits(17, 2);
  }
  int offset_seconds = 0;
  if (with_offset) {
    if ((text[19] != '+' && text[19] != '-') || text[22] != ':') throw fail();
    const int hours = digits(20, 2), minutes = digits(23, 2);
    if (hours > 23 || minutes > 59) throw fail();
    offset_seconds = (text[19] == '+' ? 1 : -1) * (hours * 3600 + minutes * 60);
  } else if (with_time && text[19] != 'Z') {
    throw fail();
  }
  if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
      tm.tm_min > 59 || tm.tm_sec > 59 || tm.tm_year < 70)
    throw fail();
  std::tm copy = tm;
  std::int64_t seconds = ::timegm(&copy);
  // timegm normalises Feb 30 into March: refuse dates that moved.
  if (copy.tm_mday != tm.tm_mday || copy.tm_mon != tm.tm_mon) throw fail();
  if (!with_time && edge == DateEdge::end_of_day) seconds += 86400;
  return seconds - offset_seconds;
}

std::string format_utc(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

namespace {

std::string strftime_utc(std::int64_t unix_seconds, const char* format) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, format, &tm);
  return buffer;
}

bool is_midnight(std::int64_t unix_seconds) { return unix_seconds % 86400 == 0; }

// "3 December 2026": the day without a leading zero, month in words (English;
// the customer's pages localise, printed cards are in the marketer's words).
std::string day_words(std::int64_t unix_seconds) {
  std::string day = strftime_utc(unix_seconds, "%d");
  if (day[0] == '0') day.erase(0, 1);
  return day + strftime_utc(unix_seconds, " %B %Y");
}

}  // namespace

std::string format_start(std::int64_t starts_unix) {
  return is_midnight(starts_unix) ? strftime_utc(starts_unix, "%Y-%m-%d") : format_utc(starts_unix);
}

std::string format_end(std::int64_t ends_unix) {
  return is_midnight(ends_unix) ? strftime_utc(ends_unix - 86400, "%Y-%m-%d") : format_utc(ends_unix);
}

std::string format_words(std::int64_t unix_seconds) {
  if (is_midnight(unix_seconds)) return day_words(unix_seconds);
  return day_words(unix_seconds) + strftime_utc(unix_seconds, ", %H:%M UTC");
}

std::string format_end_words(std::int64_t ends_unix) {
  return is_midnight(ends_unix) ? day_words(ends_unix - 86400) : format_words(ends_unix);
}

}  // namespace sf::codes
