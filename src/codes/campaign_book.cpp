#include "codes/campaign_book.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/files.h"
#include "base/problems.h"
#include "base/text.h"
#include "codes/brand_json.h"
#include "codes/online_json.h"
#include "codes/time_text.h"
#include "codes/typed_code.h"

namespace sf::codes {
namespace {

using nlohmann::json;

constexpr std::string_view kTriggers[] = {"survey", "subscription", "purchase", "manual"};

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return id[0] != '-' && id[0] != '_';
}

std::string describe_problems(const Campaign& c) {
  std::vector<std::string> out;
  if (!valid_id(c.id))
    out.push_back("campaign id " + quote(c.id) +
                  " is invalid; expected 1-64 of a-z, 0-9, '-', '_' starting with a letter or digit");
  if (c.pack_id.empty()) out.push_back("campaign " + quote(c.id) + " has no pack id");
  if (std::find(std::begin(kTriggers), std::end(kTriggers), c.trigger) == std::end(kTriggers))
    out.push_back("trigger " + quote(c.trigger) +
                  " is unknown; expected survey, subscription, purchase or manual;" +
                  did_you_mean(c.trigger, campaign_triggers()));
  if (c.uses_per_code < 1)
    out.push_back("uses per code " + std::to_string(c.uses_per_code) + " is invalid; expected 1 or more");
  if (c.cap < 0) out.push_back("cap " + std::to_string(c.cap) + " is invalid; expected 0 (none) or more");
  if (c.starts_unix && c.ends_unix && c.ends_unix <= c.starts_unix)
    out.push_back("campaign ends (" + format_utc(c.ends_unix) + ") before it starts (" +
                  format_utc(c.starts_unix) + ")");
  std::string text;
  for (const std::string& line : out) text += (text.empty() ? "" : "; ") + line;
  return text;
}

json date_json(std::int64_t unix_seconds) {
  return unix_seconds ? json(format_utc(unix_seconds)) : json(nullptr);
}

}  // namespace

std::span<const std::string_view> campaign_triggers() { return kTriggers; }

std::uint64_t CampaignRecord::issued() const {
  std::uint64_t total = 0;
  for (const Slot& slot : slots) total += slot.used;
  return total;
}

void CampaignBook::validate(const Campaign& campaign) {
  std::string problems = describe_problems(campaign);
  Problems brand_problems;
  Brand brand = campaign.brand;
  check_brand(brand, "brand", brand_problems);
  for (const Problem& problem : brand_problems)
    problems += (problems.empty() ? "" : "; ") + problem.to_string();
  if (!problems.empty()) throw bad_input(problems);
}

CampaignBook CampaignBook::load(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path))
    throw not_found("campaigns file " + quote(path.string()) +
                    " does not exist; create it with 'stickerforge campaign add --campaigns " +
                    path.string() + " ...'");
  std::string text = read_text_file(path, 64 << 20);
  std::string file = path.filename().string();
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    throw bad_input("campaigns file " + quote(path.string()) + " is not valid JSON: " + e.what());
  }
  Problems problems;
  CampaignBook book;
  // Logo paths are relative to the campaigns file, wherever the reader runs.
  const std::filesystem::path campaigns_dir = std::filesystem::absolute(path).parent_path();
  if (!doc.is_object() || !doc.contains("campaigns") || !doc["campaigns"].is_array()) {
    problems.push_back({file, "expected an object with a \"campaigns\" array"});
    throw_if_any(problems, "campaigns file " + quote(path.string()));
  }
  std::size_t index = 0;
  for (const json& entry : doc["campaigns"]) {
    std::string where = file + ": campaigns[" + std::to_string(index++) + "]";
    if (!entry.is_object()) {
      problems.push_back({where, "expected an object"});
      continue;
    }
    CampaignRecord record;
    Campaign& c = record.campaign;
    auto text_field = [&](const char* name, std::string& out, bool required) {
      if (entry.contains(name) && entry[name].is_string()) out = entry[name].get<std::string>();
      else if (required || entry.contains(name))
        problems.push_back({where + "." + name, "expected a string"});
    };
    auto int_field = [&](const char* name, auto& out) {
      if (!entry.contains(name)) return;
      if (entry[name].is_number_integer()) out = entry[name].get<std::int64_t>();
      else problems.push_back({where + "." + name, "expected an integer"});
    };
    auto date_field = [&](const char* name, std::int64_t& out) {
      if (!entry.contains(name) || entry[name].is_null()) return;
      try {
        if (!entry[name].is_string()) throw bad_input("expected a date string or null");
        out = parse_utc(entry[name].get<std::string>(), DateEdge::start_of_day, name);
      } catch (const Error& e) {
        problems.push_back({where + "." + name, e.what()});
      }
    };
    text_field("id", c.id, true);
    text_field("name", c.name, false);
    text_field("pack", c.pack_id, true);
    text_field("trigger", c.trigger, true);
    date_field("starts", c.starts_unix);
    date_field("ends", c.ends_unix);
    int_field("uses_per_code", c.uses_per_code);
    int_field("cap", c.cap);
    if (c.name.empty()) c.name = c.id;
    if (entry.contains("brand") && !entry["brand"].is_null())
      c.brand = brand_from_json(entry["brand"], where + " (" + quote(c.id) + ").brand",
                                campaigns_dir, problems);
    std::string bad = describe_problems(c);
    if (!bad.empty()) problems.push_back({where, bad});
    if (book.find(c.id)) problems.push_back({where + ".id", quote(c.id) + " appears twice"});
    if (entry.contains("slots")) {
      if (!entry["slots"].is_array()) {
        problems.push_back({where + ".slots", "expected an array"});
      } else {
        std::size_t s = 0;
        for (const json& slot_json : entry["slots"]) {
          std::string slot_where = where + ".slots[" + std::to_string(s++) + "]";
          try {
            Slot slot;
            slot.key_id = slot_json.at("key_id").get<std::uint32_t>();
            slot.number = slot_json.at("number").get<std::uint32_t>();
            slot.first_serial = slot_json.at("first_serial").get<std::uint64_t>();
            slot.used = slot_json.at("used").get<std::uint32_t>();
            if (slot.key_id > kTypedMaxKeyId || slot.number > kTypedMaxCampaignNumber ||
                slot.used > kTypedSerialsPerSlot)
              throw bad_input("out of range");
            record.slots.push_back(slot);
          } catch (const std::exception&) {
            problems.push_back({slot_where, "expected {key_id 0-31, number 0-1023, first_serial, "
                                            "used <= 1048576}"});
          }
        }
      }
    }
    read_online(entry, where, record, problems);
    book.records_.push_back(std::move(record));
  }
  // A (key, number) pair must belong to one campaign only, or codes would be
  // ambiguous.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> seen;
  for (const CampaignRecord& record : book.records_)
    for (const Slot& slot : record.slots) {
      std::pair key{slot.key_id, slot.number};
      if (std::find(seen.begin(), seen.end(), key) != seen.end())
        problems.push_back({file, "key " + std::to_string(slot.key_id) + " campaign number " +
                                      std::to_string(slot.number) + " is used twice"});
      seen.push_back(key);
    }
  throw_if_any(problems, "campaigns file " + quote(path.string()));
  return book;
}

CampaignBook CampaignBook::load_or_empty(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return CampaignBook();
  return load(path);
}

void CampaignBook::save(const std::filesystem::path& path) const {
  json campaigns = json::array();
  for (const CampaignRecord& record : records_) {
    const Campaign& c = record.campaign;
    json slots = json::array();
    for (const Slot& s : record.slots)
      slots.push_back({{"key_id", s.key_id}, {"number", s.number},
                       {"first_serial", s.first_serial}, {"used", s.used}});
    json entry = {{"id", c.id}, {"name", c.name}, {"pack", c.pack_id},
                  {"trigger", c.trigger}, {"starts", date_json(c.starts_unix)},
                  {"ends", date_json(c.ends_unix)}, {"uses_per_code", c.uses_per_code},
                  {"cap", c.cap}};
    if (!c.brand.empty()) entry["brand"] = brand_to_json(c.brand);
    entry["slots"] = slots;
    if (json online = online_json(record.online); !online.is_null()) entry["online"] = online;
    campaigns.push_back(std::move(entry));
  }
  json doc = {{"format", "stickerforge-campaigns"}, {"version", 1}, {"campaigns", campaigns}};
  write_file_atomic(path, doc.dump(2) + "\n", 0644);
}

void CampaignBook::add(const Campaign& campaign) {
  validate(campaign);
  if (find(campaign.id))
    throw conflict("campaign " + quote(campaign.id) + " already exists; use 'campaign set' to change it");
  CampaignRecord record;
  record.campaign = campaign;
  if (record.campaign.name.empty()) record.campaign.name = campaign.id;
  records_.push_back(std::move(record));
}

const CampaignRecord* CampaignBook::find(std::string_view id) const {
  for (const CampaignRecord& record : records_)
    if (record.campaign.id == id) return &record;
  return nullptr;
}

CampaignRecord& CampaignBook::get(std::string_view id) {
  for (CampaignRecord& record : records_)
    if (record.campaign.id == id) return record;
  std::vector<std::string_view> ids;
  for (const CampaignRecord& record : records_) ids.push_back(record.campaign.id);
  throw not_found("campaign " + quote(id) + " is not in the campaigns file;" + did_you_mean(id, ids) +
                  (ids.empty() ? " (the file has no campaigns yet; add one with 'campaign add')" : ""));
}

std::vector<SerialRange> CampaignBook::reserve(std::string_view id, std::uint32_t key_id,
                                               std::uint64_t count) {
  CampaignRecord& record = get(id);
  // Check capacity first so a refused reservation changes nothing.
  std::uint64_t free_here = 0;
  for (const Slot& slot : record.slots)
    if (slot.key_id == key_id) free_here += kTypedSerialsPerSlot - slot.used;
  std::vector<bool> taken(kTypedMaxCampaignNumber + 1, false);
  for (const CampaignRecord& r : records_)
    for (const Slot& slot : r.slots)
      if (slot.key_id == key_id) taken[slot.number] = true;
  std::uint64_t free_numbers = std::count(taken.begin(), taken.end(), false);
  if (count > free_here + free_numbers * kTypedSerialsPerSlot)
    throw conflict("key " + std::to_string(key_id) + " has room for " +
                   std::to_string(free_here + free_numbers * kTypedSerialsPerSlot) +
                   " more codes of campaign " + quote(id) + ", not " + std::to_string(count) +
                   "; add a key with 'keys new' and retire this one");
  std::vector<SerialRange> ranges;
  std::uint64_t left = count;
  while (left > 0) {
    Slot* open = nullptr;
    for (Slot& slot : record.slots)
      if (slot.key_id == key_id && slot.used < kTypedSerialsPerSlot) open = &slot;
    if (!open) {
      std::uint32_t number = 0;
      while (taken[number]) ++number;
      taken[number] = true;
      Slot slot;
      slot.key_id = key_id;
      slot.number = number;
      slot.first_serial = 0;
      for (const Slot& s : record.slots)
        slot.first_serial = std::max(slot.first_serial, s.first_serial + kTypedSerialsPerSlot);
      record.slots.push_back(slot);
      open = &record.slots.back();
    }
    auto take = static_cast<std::uint32_t>(
        std::min<std::uint64_t>(left, kTypedSerialsPerSlot - open->used));
    ranges.push_back({*open, open->used, take});
    open->used += take;
    left -= take;
  }
  return ranges;
}

std::vector<SerialRange> CampaignBook::reserve_online(std::string_view id, std::uint32_t key_id,
                                                      std::uint64_t count) {
  std::vector<SerialRange> ranges = reserve(id, key_id, count);
  OnlineSettings& online = get(id).online;
  for (const SerialRange& r : ranges) {
    // A range that continues the last one extends it: the file stays short.
    if (!online.ranges.empty()) {
      OnlineRange& last = online.ranges.back();
      if (last.key_id == r.slot.key_id && last.number == r.slot.number &&
          last.first + last.count == r.first) {
        last.count += r.count;
        continue;
      }
    }
    online.ranges.push_back({r.slot.key_id, r.slot.number, r.first, r.count});
  }
  return ranges;
}

}  // namespace sf::codes
