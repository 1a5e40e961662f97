// codes: online issuance settings of a campaign (docs/triggers.md). Serials
// for codes minted by the service are reserved once in the campaigns file,
// like a CLI batch (so `codes issue` never reaches them), and handed out one
// by one by the ledger. The file also says which events issue a code and
// whether one person (by e-mail) gets at most one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sf::codes {

/// Reserved slot serials [first, first + count) under (key_id, number).
struct OnlineRange {
  std::uint32_t key_id = 0;
  std::uint32_t number = 0;
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};

/// One kind of event that issues a code, with optional filters. Which
/// provider event counts (orders/paid, checkout.session.completed...) is
/// fixed per source; the filters narrow it.
struct IssueRule {
  std::string source;          // "shopify", "stripe", "square", "typeform", "google-forms",
                               // "mailchimp", "webhook", "till"
  std::string form;            // typeform / google-forms form id; "" = any
  std::string product;         // shopify product id, stripe price or payment link; "" = any
  std::string list;            // mailchimp audience (list) id; "" = any
  std::int64_t min_total_cents = 0;  // purchases: minimum total, in minor units
};

struct OnlineSettings {
  std::vector<OnlineRange> ranges;  // handed out in this order
  std::vector<IssueRule> rules;
  bool one_per_email = false;

  /// Serials reserved over every range.
  std::uint64_t total() const;
  /// The rule for `source`, or nullptr when the campaign does not issue on it.
  const IssueRule* rule_for(std::string_view source) const;
  /// True when (key_id, number, slot_serial) lies in one of the ranges.
  bool contains(std::uint32_t key_id, std::uint32_t number, std::uint32_t slot_serial) const;
};

/// Where the index-th online serial of a campaign lives.
struct OnlineSerial {
  std::uint32_t key_id = 0;
  std::uint32_t number = 0;
  std::uint32_t slot_serial = 0;
};

/// The index-th reserved serial (0-based, across ranges), or nullopt past the end.
std::optional<OnlineSerial> online_serial(const OnlineSettings& settings, std::uint64_t index);

/// The sources a rule may name.
const std::vector<std::string_view>& issue_sources();

/// The problem text for a source that is not one of issue_sources() (with a
/// did-you-mean), or nullopt when it is one. Shared by the campaigns file and
/// the triggers file so both say the same.
std::optional<std::string> unknown_source_problem(std::string_view source);

/// "12.50" -> 1250, "10" -> 1000. nullopt for anything else (negative,
/// more than two decimals, not a number).
std::optional<std::int64_t> parse_money_cents(std::string_view text);

}  // namespace sf::codes
