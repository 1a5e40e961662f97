// verifier: the one way a failure is written down. Within the per-minute
// budget (FailureWrites) the audit row and the log line are written; beyond
// it they are only counted, and the first write of a new minute is preceded
// by one "failures_suppressed" line with the count. Exact counts stay in
// /metrics (requests by outcome), so nothing is lost but the disk bytes.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ledger/ledger.h"
#include "verifier/services.h"

namespace sf::verifier {

/// `attempt`: the audit row to record, or nullptr for a log line alone.
/// `decided`: the budget was already drawn on for this failure (its audit
/// row); then only that decision says whether the line is written.
void write_failure(Services& services, const ledger::Attempt* attempt, std::string_view event,
                   std::initializer_list<std::pair<std::string_view, std::string>> fields,
                   std::optional<bool> decided = std::nullopt);

}  // namespace sf::verifier
