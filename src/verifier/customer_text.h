// verifier: what customers read, in their language. Every sentence on the
// customer pages is a key here with an English and a German text (German
// proves the mechanism; another language is one more column), picked from
// Accept-Language. Dates and durations are written out the way people
// read them ("3 December 2026, 16:24 UTC", "15 minutes").
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace sf::verifier {

enum class Language { en, de };

/// The best supported language for an Accept-Language header ("de-DE,de;q=0.9,
/// en;q=0.8"); English when nothing supported is asked for.
Language pick_language(std::string_view accept_language);

/// "en", "de": for <html lang>.
std::string_view language_tag(Language language);

/// The text of `key` with each {name} replaced by its value (values are
/// inserted as given: the caller escapes for HTML). An unknown key is a
/// programmer error and yields the key itself, so a test sees it.
std::string say(Language language, std::string_view key,
                std::initializer_list<std::pair<std::string_view, std::string>> values = {});

/// True when `key` has a text (steps are looked up by number until one is missing).
bool has_text(std::string_view key);

/// "3 December 2026, 16:24 UTC" / "3. Dezember 2026, 16:24 UTC".
std::string say_date(Language language, std::int64_t unix_seconds);

/// "15 minutes", "1 hour", "2 days" (rounded down to the largest whole unit).
std::string say_duration(Language language, std::int64_t seconds);

/// "first".."fourth" group of four; n is 1-based.
std::string say_ordinal(Language language, int n);

}  // namespace sf::verifier
