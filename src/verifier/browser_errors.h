// verifier (internal): browsers never see JSON errors. A JSON error reply to
// a request whose Accept prefers HTML (a person following a link) becomes a
// page in their language with the same status; API clients keep the JSON.
#pragma once

#include "verifier/http_types.h"
#include "verifier/services.h"

namespace sf::verifier {

/// `reply` unchanged unless it is a JSON error and the request wants HTML.
HttpReply for_browser(const HttpRequest& request, Services& services, HttpReply reply);

}  // namespace sf::verifier
