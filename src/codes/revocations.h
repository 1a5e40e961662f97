// codes: the revocation list the verifier reads through Checker. Entries only
// ever get added (revocation is one-way, like Stripe's and Shopify's).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "codes/campaign_book.h"

namespace sf::codes {

struct Revocation {
  enum class Kind { key, campaign, serials } kind = Kind::serials;
  std::uint32_t key_id = 0;        // kind == key
  std::string campaign_id;         // kind == campaign or serials
  std::uint64_t first_serial = 0;  // kind == serials: campaign-wide, inclusive
  std::uint64_t last_serial = 0;
  std::string reason;
  std::int64_t revoked_unix = 0;
  /// "key 3", "campaign 'spring'", "campaign 'spring' serials 10-20".
  std::string describe() const;
};

class RevocationList {
 public:
  /// Reads the list; a missing file is an empty list. Throws Error(bad_input)
  /// naming the file and entry for malformed content.
  static RevocationList load(const std::filesystem::path& path);
  /// Writes atomically.
  void save(const std::filesystem::path& path) const;
  /// Appends an entry (revocations are never removed).
  void add(Revocation revocation) { entries_.push_back(std::move(revocation)); }
  /// Every entry, oldest first.
  const std::vector<Revocation>& entries() const { return entries_; }

 private:
  std::vector<Revocation> entries_;
};

/// How many of `record`'s issued codes `list` revokes (overlapping entries
/// count each code once), for the report.
std::uint64_t revoked_issued(const CampaignRecord& record, const RevocationList& list);

}  // namespace sf::codes
