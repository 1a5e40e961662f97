// triggers (internal): what the receivers' routes share: the files (swapped
// together on SIGHUP) and the counters behind /metrics.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "triggers/minting.h"
#include "triggers/trigger_config.h"
#include "verifier/reloadable.h"
#include "verifier/services.h"

namespace sf::triggers {

struct ReceiverFiles {
  MintFiles mint;
  TriggerSettings settings;
};

/// Counts per (source, outcome): "issued", "existing", "refused",
/// "ignored", "revoked", "unauthorized", "bad_request", "exhausted", ...
class TriggerCounters {
 public:
  void count(std::string_view source, std::string_view outcome);
  std::string render() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> counts_;
};

struct ReceiverContext {
  ReceiverContext(ReceiverFiles loaded, std::string url)
      : files(std::move(loaded)), public_url(std::move(url)) {}
  verifier::Reloadable<ReceiverFiles> files;
  TriggerCounters counters;
  std::string public_url;
};

/// The link a code is handed out with (settings.link_base).
std::string link_for_code(const TriggerSettings& settings, std::string_view code);

/// JSON reply helpers.
verifier::HttpReply json_reply(int status, const nlohmann::json& body);

verifier::HttpReply handle_hook(const verifier::HttpRequest& request, verifier::Services& services,
                                ReceiverContext& context, const std::string& source,
                                const std::string& campaign);
verifier::HttpReply handle_till(const verifier::HttpRequest& request, verifier::Services& services,
                                ReceiverContext& context, const std::string& campaign);
verifier::HttpReply handle_claim(const verifier::HttpRequest& request,
                                 verifier::Services& services, ReceiverContext& context,
                                 const std::string& source, const std::string& campaign);

}  // namespace sf::triggers
