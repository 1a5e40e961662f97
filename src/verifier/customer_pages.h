// verifier (internal): pieces the customer pages share: the page context for
// a request (language, the campaign's brand), the personal address this
// browser remembers for a code, and the unlock as a reply.
#pragma once

#include <optional>
#include <string>

#include "verifier/browser.h"
#include "verifier/page_frame.h"
#include "verifier/services.h"
#include "verifier/unlock.h"

namespace sf::verifier {

/// Language from Accept-Language; brand of `campaign_id` ("" = none known).
PageContext page_context(const HttpRequest& request, Services& services,
                         const std::string& campaign_id);

/// The first personal unlock token this browser remembers that is valid now
/// and, when `code_key` is not empty, belongs to that code.
std::optional<std::string> remembered_token(const HttpRequest& request, Services& services,
                                            const std::string& code_key = "");

/// The unlock page (200) for the redemption `code_key` of `campaign_id` /
/// `pack_id`, with fresh download links and the personal address; remembers
/// the address in this browser (Set-Cookie).
HttpReply unlock_page_reply(const HttpRequest& request, Services& services,
                            const std::string& code_key, const std::string& campaign_id,
                            const std::string& pack_id, std::int64_t ends_unix,
                            std::int64_t redeemed_at_ms, bool returning);

/// An absolute form of a service path ("/u/...") for QR codes: public-url
/// when set, else the request's Host.
std::string absolute_url(const HttpRequest& request, Services& services, const std::string& path);

}  // namespace sf::verifier
