// verifier: every route as a plain function. The whole API on one screen:
//   POST /v1/redemptions       redeem a code (JSON), answers the unlock
//   GET  /v1/codes/{code}      status without redeeming
//   GET  /v1/downloads/{pack}/{platform}/{file}?token=...   a built bundle
//   GET  /healthz /readyz /metrics
//   GET  /v1/unlocks/{token}   a personal unlock (JSON)
//   GET  /                     the redemption page (?code= prefills it); POST /redeem its form
//   GET  /r/{code or token}    a link or receipt QR: the code ready to redeem with one tap
//   GET  /brand/{campaign}/logo  the campaign's logo for the pages
//   GET  /u/{token}            a personal unlock address (page; JSON on request), /qr.svg its QR
// JSON errors become pages for browsers (browser_errors.h).
// Handlers never throw for bad input: they answer 4xx JSON (or HTML for the
// page). They throw sf::Error(io) only when the ledger fails; route() turns
// that into 503.
#pragma once

#include "verifier/http_types.h"
#include "verifier/services.h"

namespace sf::verifier {

HttpReply handle_redeem(const HttpRequest& request, Services& services);
HttpReply handle_code_status(const HttpRequest& request, Services& services,
                             const std::string& code);
HttpReply handle_download(const HttpRequest& request, Services& services,
                          const std::string& pack, const std::string& platform,
                          const std::string& file);
HttpReply handle_healthz(Services& services);
HttpReply handle_readyz(Services& services);
HttpReply handle_metrics(const HttpRequest& request, Services& services);
HttpReply handle_page(const HttpRequest& request, Services& services);
HttpReply handle_page_redeem(const HttpRequest& request, Services& services);
HttpReply handle_link_page(const HttpRequest& request, Services& services, const std::string& code);
HttpReply handle_unlock_page(const HttpRequest& request, Services& services, const std::string& token);
HttpReply handle_unlock_json(const HttpRequest& request, Services& services, const std::string& token);
HttpReply handle_brand_logo(const HttpRequest& request, Services& services,
                            const std::string& campaign_id);
HttpReply handle_unlock_qr(const HttpRequest& request, Services& services, const std::string& token);

/// Dispatches by method and path; 404/405 JSON for anything else; catches
/// every exception (503 for ledger failures, 500 with a generic body and the
/// detail logged otherwise). Also counts metrics.
HttpReply route(const HttpRequest& request, Services& services);

}  // namespace sf::verifier
