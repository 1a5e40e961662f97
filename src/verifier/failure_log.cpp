#include "verifier/failure_log.h"

namespace sf::verifier {

void write_failure(Services& services, const ledger::Attempt* attempt, std::string_view event,
                   std::initializer_list<std::pair<std::string_view, std::string>> fields,
                   std::optional<bool> decided) {
  if (decided) {
    if (*decided) services.log.write("warn", event, fields);
    return;
  }
  const auto decision = services.failure_writes.take(services.now_ms() / 1000);
  if (decision.suppressed_before > 0)
    services.log.write("warn", "failures_suppressed",
                       {{"count", std::to_string(decision.suppressed_before)},
                        {"why", "failure-writes-per-minute reached; counts are in /metrics"}});
  if (!decision.write) return;
  if (attempt) services.ledger.record_attempt(*attempt);
  services.log.write("warn", event, fields);
}

}  // namespace sf::verifier
