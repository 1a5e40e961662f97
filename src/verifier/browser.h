// verifier (internal): what the request says about the person's browser:
// whether it wants a page or JSON (Accept), their language, their phone's
// platform (User-Agent), the personal unlock addresses it remembers
// (a cookie), and the fields of a submitted form.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "verifier/customer_text.h"
#include "verifier/http_types.h"

namespace sf::verifier {

/// True when Accept asks for HTML before JSON (browsers); false for API
/// clients (application/json, */* or no Accept at all), which keep the
/// JSON API unchanged.
bool wants_html(const HttpRequest& request);

Language request_language(const HttpRequest& request);

enum class Device { other, android, ios };
Device request_device(const HttpRequest& request);

/// The personal unlock tokens this browser keeps (cookie sf_unlocks), newest
/// first; only token-shaped values.
std::vector<std::string> remembered_unlocks(const HttpRequest& request);

/// The Set-Cookie value that remembers `token` in front of `earlier`
/// (at most 5 kept). HttpOnly: pages work without JavaScript, and scripts
/// never read it. `secure` for https services.
std::string remember_unlock_cookie(const std::string& token,
                                   const std::vector<std::string>& earlier, bool secure);

/// A field of an application/x-www-form-urlencoded body, decoded; "" when absent.
std::string form_field(std::string_view body, std::string_view name);

}  // namespace sf::verifier
