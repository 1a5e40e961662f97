// Dispatch by method and path, plus /healthz, /readyz and /metrics. The one
// place that catches everything: a handler bug becomes a logged 500 with a
// generic body, a ledger failure a 503, never a crash.
#include <sys/statvfs.h>

#include <chrono>
#include <sstream>

#include "base/error.h"
#include "base/text.h"
#include "crypto/primitives.h"
#include "verifier/browser_errors.h"
#include "verifier/json_text.h"
#include "verifier/routes.h"

namespace sf::verifier {
namespace {

HttpReply not_allowed(std::string_view allow) {
  HttpReply reply = json_error(405, "method_not_allowed",
                               "this path accepts only " + std::string(allow));
  reply.headers.emplace_back("Allow", std::string(allow));
  return reply;
}

HttpReply dispatch(const HttpRequest& request, Services& services) {
  const std::string& path = request.path;
  const bool get = request.method == "GET" || request.method == "HEAD";
  const bool post = request.method == "POST";

  if (path == "/v1/redemptions") return post ? handle_redeem(request, services) : not_allowed("POST");
  if (path.starts_with("/v1/codes/")) {
    if (!get) return not_allowed("GET");
    std::string code = path.substr(10);
    if (code.empty() || code.find('/') != std::string::npos)
      return json_error(404, "not_found", "expected /v1/codes/{code}");
    return handle_code_status(request, services, code);
  }
  if (path.starts_with("/v1/downloads/")) {
    if (!get) return not_allowed("GET");
    std::string rest = path.substr(14);
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (true) {
      std::size_t slash = rest.find('/', pos);
      parts.push_back(rest.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos));
      if (slash == std::string::npos) break;
      pos = slash + 1;
    }
    if (parts.size() != 3) parts.assign(3, "..");  // refused as a bad path, not a 404
    return handle_download(request, services, parts[0], parts[1], parts[2]);
  }
  if (path == "/healthz") return get ? handle_healthz(services) : not_allowed("GET");
  if (path == "/readyz") return get ? handle_readyz(services) : not_allowed("GET");
  if (path == "/metrics") return get ? handle_metrics(request, services) : not_allowed("GET");
  if (path == "/" || path == "/index.html") return get ? handle_page(request, services) : not_allowed("GET");
  if (path == "/redeem") return post ? handle_page_redeem(request, services) : not_allowed("POST");
  if (services.extension)
    if (auto reply = services.extension->handle(request, services)) return std::move(*reply);
  if (path.starts_with("/r/")) return get ? handle_link_page(request, services, path.substr(3)) : not_allowed("GET");
  if (path.starts_with("/u/")) {
    if (!get) return not_allowed("GET");
    std::string token = path.substr(3);
    if (token.ends_with("/qr.svg")) return handle_unlock_qr(request, services, token.substr(0, token.size() - 7));
    return handle_unlock_page(request, services, token);
  }
  if (path.starts_with("/brand/") && path.ends_with("/logo") && path.size() > 12) {
    if (!get) return not_allowed("GET");
    return handle_brand_logo(request, services, path.substr(7, path.size() - 12));
  }
  if (path.starts_with("/v1/unlocks/"))
    return get ? handle_unlock_json(request, services, path.substr(12)) : not_allowed("GET");
  services.metrics.count(Outcome::not_found);
  return json_error(404, "not_found", "no route " + quote(path) + "; see docs/http-api.md");
}

}  // namespace

HttpReply handle_healthz(Services& services) {
  HttpReply reply;
  reply.body = "{\"status\":\"ok\"}\n";
  return reply;
}

HttpReply handle_readyz(Services& services) {
  if (services.draining.load())
    return json_error(503, "draining", "the verifier is shutting down");
  if (!services.ledger.ready())
    return json_error(503, "ledger_unavailable", "the ledger database does not answer");
  // Answering reads is not enough: a full disk or a read-only database turns
  // every redemption into a 503, so a balancer must stop sending here.
  if (services.ledger_health.failing(services.now_ms()))
    return json_error(503, "ledger_not_writable",
                      "the ledger refused a write in the last " +
                          std::to_string(LedgerHealth::kLedgerFailureMs / 1000) +
                          " seconds (disk full or database read-only?)");
  if (!services.settings.ledger_folder.empty()) {
    struct statvfs disk {};
    const std::string folder = services.settings.ledger_folder.string();
    constexpr std::uint64_t kMinFreeBytes = 8u << 20;
    if (statvfs(folder.c_str(), &disk) == 0 &&
        std::uint64_t(disk.f_bavail) * disk.f_frsize < kMinFreeBytes)
      return json_error(503, "disk_full",
                        "the ledger's disk has less than 8 MB free; redemptions would fail");
  }
  HttpReply reply;
  reply.body = "{\"status\":\"ready\"}\n";
  return reply;
}

HttpReply handle_metrics(const HttpRequest& request, Services& services) {
  if (!services.settings.metrics_token.empty()) {
    // Digests compared in constant time: neither the token's length nor its
    // bytes show in the answer time.
    const std::string given = request.bearer_token();
    const std::string expected = store_key_digest(services.settings.metrics_token);
    if (!crypto::constant_time_equal(crypto::as_bytes(store_key_digest(given)),
                                     crypto::as_bytes(expected))) {
      HttpReply reply = json_error(401, "metrics_token_required",
                                   "this verifier's /metrics needs 'Authorization: Bearer "
                                   "<metrics token>' (config metrics-token)");
      reply.headers.emplace_back("WWW-Authenticate", "Bearer");
      return reply;
    }
  }
  std::ostringstream extra;
  extra << "# HELP stickerforge_failed_attempts_total Failed attempts counted by the limits.\n"
           "# TYPE stickerforge_failed_attempts_total counter\n"
        << "stickerforge_failed_attempts_total " << services.limiter.total_failures() << "\n"
        << "# HELP stickerforge_breaker_trips_total Times anonymous redemption was paused.\n"
           "# TYPE stickerforge_breaker_trips_total counter\n"
        << "stickerforge_breaker_trips_total " << services.limiter.breaker_trips() << "\n"
        << "# HELP stickerforge_anonymous_paused 1 while anonymous redemption is paused.\n"
           "# TYPE stickerforge_anonymous_paused gauge\n"
        << "stickerforge_anonymous_paused "
        << (services.limiter.breaker_retry_after(services.now_ms() / 1000) > 0 ? 1 : 0) << "\n"
        << "# HELP stickerforge_failure_writes_total Audit rows/log lines for failures, by fate.\n"
           "# TYPE stickerforge_failure_writes_total counter\n"
        << "stickerforge_failure_writes_total{fate=\"written\"} "
        << services.failure_writes.written_total() << "\n"
        << "stickerforge_failure_writes_total{fate=\"suppressed\"} "
        << services.failure_writes.suppressed_total() << "\n"
        << services.connections.render();
  if (services.extension) extra << services.extension->metrics();
  HttpReply reply;
  reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
  reply.body = services.metrics.render(extra.str());
  return reply;
}

HttpReply route(const HttpRequest& request, Services& services) {
  auto start = std::chrono::steady_clock::now();
  services.metrics.set_in_flight_delta(1);
  HttpReply reply;
  try {
    reply = dispatch(request, services);
  } catch (const Error& e) {
    const bool ledger_down = e.kind() == ErrorKind::io;
    if (ledger_down) services.ledger_health.failed(services.now_ms());
    services.metrics.count(Outcome::internal_error);
    services.log.write("error", ledger_down ? "ledger_failed" : "handler_failed",
                       {{"path", request.path}, {"error", e.what()}});
    reply = ledger_down ? json_error(503, "ledger_unavailable",
                                     "the ledger is not available; retry with the same "
                                     "Idempotency-Key")
                        : json_error(500, "internal_error", "internal error; it was logged");
    if (ledger_down) reply.headers.emplace_back("Retry-After", "1");
  } catch (const std::exception& e) {
    services.metrics.count(Outcome::internal_error);
    services.log.write("error", "handler_failed", {{"path", request.path}, {"error", e.what()}});
    reply = json_error(500, "internal_error", "internal error; it was logged");
  }
  try {
    reply = for_browser(request, services, std::move(reply));
  } catch (const std::exception&) {
    // Keep the JSON answer: a page is a courtesy, not a reason to fail.
  }
  services.metrics.set_in_flight_delta(-1);
  services.metrics.observe_seconds(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return reply;
}

}  // namespace sf::verifier
