// verifier: a hook for routes that live in another module and run in the
// same process (the trigger receivers of src/triggers). The verifier serves
// its own routes first and asks the extension only about paths it does not
// know, so redemption never pays for it; a store box configured without
// one runs exactly as before.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "verifier/http_types.h"

namespace sf::verifier {

struct Config;
struct Services;

class ServiceExtension {
 public:
  virtual ~ServiceExtension() = default;
  /// The reply for a path this extension owns, nullopt otherwise. Same rules
  /// as the verifier's handlers: expected failures are replies; Error(io)
  /// becomes 503 in route().
  virtual std::optional<HttpReply> handle(const HttpRequest& request, Services& services) = 0;
  /// SIGHUP: read its files again. Throws (and keeps the old state) when
  /// one does not load; the verifier logs it.
  virtual void reload() = 0;
  /// Lines appended to /metrics (Prometheus text).
  virtual std::string metrics() = 0;
  /// The largest request body it accepts (webhook payloads are larger than
  /// redemption requests).
  virtual std::size_t max_body_bytes() const = 0;
  /// True when a request to `path` needs every header, not only the few the
  /// verifier's own routes read (providers sign with their own headers).
  virtual bool wants_all_headers(std::string_view path) const = 0;
};

/// Builds the extension once the config is loaded and the services exist;
/// returns nullptr when the config does not enable it.
using ExtensionFactory =
    std::function<std::unique_ptr<ServiceExtension>(const Config& config, Services& services)>;

}  // namespace sf::verifier
