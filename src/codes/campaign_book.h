// codes: the campaigns file. Besides each campaign's settings it records the
// (key id, campaign number) slots its codes use and how many serials each
// slot has handed out, so serials are reserved here and never reused.
// Campaign numbers are per key: a code carries 10 bits of campaign number,
// so each key has 1,024 slots of 1,048,576 serials; a campaign takes another
// slot when one fills up.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "codes/campaign.h"
#include "codes/online.h"

namespace sf::codes {

/// Serials of one campaign under one (key id, campaign number).
struct Slot {
  std::uint32_t key_id = 0;
  std::uint32_t number = 0;         // campaign number carried by the codes
  std::uint64_t first_serial = 0;   // campaign-wide serial of slot serial 0
  std::uint32_t used = 0;           // slot serials handed out so far
};

struct CampaignRecord {
  Campaign campaign;
  std::vector<Slot> slots;
  OnlineSettings online;         // serials the service mints from, and when
  std::uint64_t issued() const;  // serials handed out over all slots
};

/// A contiguous run of reserved serials inside one slot.
struct SerialRange {
  Slot slot;                     // the slot (as it was before reserving)
  std::uint32_t first = 0;       // first slot serial
  std::uint32_t count = 0;
};

/// The triggers a campaign may have.
std::span<const std::string_view> campaign_triggers();

class CampaignBook {
 public:
  /// Reads the file, reporting every problem at once (Error(bad_input) naming
  /// the file and field). Error(not_found) when missing.
  static CampaignBook load(const std::filesystem::path& path);
  /// load(), or an empty book when the file does not exist yet.
  static CampaignBook load_or_empty(const std::filesystem::path& path);
  /// Writes atomically.
  void save(const std::filesystem::path& path) const;

  /// Adds a campaign after validating it. Throws Error(bad_input) for a bad
  /// id, trigger or limits, Error(conflict) when the id exists.
  void add(const Campaign& campaign);
  /// The campaign with `id`; Error(not_found) with a did-you-mean otherwise.
  CampaignRecord& get(std::string_view id);
  /// The campaign with `id`, or nullptr.
  const CampaignRecord* find(std::string_view id) const;
  /// Every campaign, in file order.
  const std::vector<CampaignRecord>& records() const { return records_; }

  /// Reserves `count` fresh serials of campaign `id` under key `key_id`,
  /// taking new slots when one fills. Throws Error(conflict) when the key has
  /// no free campaign numbers left.
  std::vector<SerialRange> reserve(std::string_view id, std::uint32_t key_id, std::uint64_t count);

  /// Reserves `count` serials like reserve() and appends them to the
  /// campaign's online ranges, so only the service hands them out.
  std::vector<SerialRange> reserve_online(std::string_view id, std::uint32_t key_id,
                                          std::uint64_t count);

  /// Throws Error(bad_input) when the campaign's settings are inconsistent.
  static void validate(const Campaign& campaign);

 private:
  std::vector<CampaignRecord> records_;
};

}  // namespace sf::codes
