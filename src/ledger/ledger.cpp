#include "ledger/ledger.h"

#include <array>

#include "base/error.h"
#include "base/text.h"
#include "ledger/postgres_ledger.h"
#include "ledger/sqlite_ledger.h"

namespace sf::ledger {
namespace {

constexpr std::string_view kExpectedUrl =
    "expected sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string_view to_string(RedeemStatus status) {
  switch (status) {
    case RedeemStatus::redeemed:
      return "redeemed";
    case RedeemStatus::already_redeemed:
      return "already_redeemed";
    case RedeemStatus::cap_reached:
      return "cap_reached";
    case RedeemStatus::idempotency_conflict:
      return "idempotency_conflict";
    case RedeemStatus::revoked:
      return "revoked";
  }
  return "unknown";
}

std::string_view to_string(IssueStatus status) {
  switch (status) {
    case IssueStatus::issued: return "issued";
    case IssueStatus::existing: return "existing";
    case IssueStatus::same_person: return "same_person";
    case IssueStatus::exhausted: return "exhausted";
  }
  return "unknown";
}

std::string_view to_string(RevokeStatus status) {
  switch (status) {
    case RevokeStatus::revoked: return "revoked";
    case RevokeStatus::already_revoked: return "already_revoked";
    case RevokeStatus::already_redeemed: return "already_redeemed";
    case RevokeStatus::shared: return "shared";
    case RevokeStatus::not_found: return "not_found";
  }
  return "unknown";
}

std::string redact_url(std::string_view url) {
  std::string out(url);
  // userinfo: scheme://user:password@host
  const auto scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const auto authority = scheme_end + 3;
    const auto at = out.find('@', authority);
    const auto slash = out.find('/', authority);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const auto colon = out.find(':', authority);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // query parameter: ...?password=secret&...
  for (auto pos = out.find("password="); pos != std::string::npos;
       pos = out.find("password=", pos + 1)) {
    const auto value = pos + 9;
    const auto end = out.find('&', value);
    out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
  }
  return out;
}

std::unique_ptr<Ledger> open_ledger(std::string_view url, bool create_if_missing) {
  if (starts_with(url, "sqlite:")) {
    std::string_view path = url.substr(7);
    if (starts_with(path, "//")) path.remove_prefix(2);  // sqlite:///abs/path
    if (path.empty()) {
      throw bad_input("ledger URL " + quote(url) + " has no file path; " +
                      std::string(kExpectedUrl));
    }
    if (path == ":memory:") {
      throw bad_input("ledger URL " + quote(url) +
                      " is in memory; a ledger must survive restarts, " +
                      "expected a file path as in sqlite:ledger.db");
    }
    return std::make_unique<detail::SqliteLedger>(std::string(path), std::string(url),
                                                  create_if_missing);
  }
  if (starts_with(url, "postgres://") || starts_with(url, "postgresql://")) {
    return std::make_unique<detail::PostgresLedger>(std::string(url));
  }
  std::string message = "ledger URL " + quote(redact_url(url)) + " is not supported; " +
                        std::string(kExpectedUrl);
  const auto colon = url.find(':');
  if (colon != std::string_view::npos && colon > 0) {
    static constexpr std::array<std::string_view, 3> kSchemes = {"sqlite", "postgres",
                                                                 "postgresql"};
    const std::string hint = did_you_mean(url.substr(0, colon), kSchemes);
    if (!hint.empty()) message += ";" + hint;
  }
  throw bad_input(message);
}

}  // namespace sf::ledger
