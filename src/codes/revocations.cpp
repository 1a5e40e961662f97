#include "codes/revocations.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/files.h"
#include "base/text.h"
#include "codes/time_text.h"

namespace sf::codes {

using nlohmann::json;

std::string Revocation::describe() const {
  switch (kind) {
    case Kind::key: return "key " + std::to_string(key_id);
    case Kind::campaign: return "campaign " + quote(campaign_id);
    case Kind::serials:
      return "campaign " + quote(campaign_id) + " serials " + std::to_string(first_serial) + "-" +
             std::to_string(last_serial);
  }
  return "";
}

RevocationList RevocationList::load(const std::filesystem::path& path) {
  RevocationList list;
  if (path.empty() || !std::filesystem::exists(path)) return list;
  std::string prefix = "revocation list " + quote(path.string());
  json doc;
  try {
    doc = json::parse(read_text_file(path, 256 << 20));
  } catch (const json::exception& e) {
    throw bad_input(prefix + " is not valid JSON: " + e.what());
  }
  if (!doc.is_object() || !doc.contains("revocations") || !doc["revocations"].is_array())
    throw bad_input(prefix + ": expected an object with a \"revocations\" array");
  std::size_t index = 0;
  for (const json& entry : doc["revocations"]) {
    std::string where = prefix + ": revocations[" + std::to_string(index++) + "]";
    try {
      Revocation r;
      std::string kind = entry.at("kind").get<std::string>();
      if (kind == "key") {
        r.kind = Revocation::Kind::key;
        r.key_id = entry.at("key_id").get<std::uint32_t>();
      } else if (kind == "campaign") {
        r.kind = Revocation::Kind::campaign;
        r.campaign_id = entry.at("campaign").get<std::string>();
      } else if (kind == "serials") {
        r.kind = Revocation::Kind::serials;
        r.campaign_id = entry.at("campaign").get<std::string>();
        r.first_serial = entry.at("first").get<std::uint64_t>();
        r.last_serial = entry.at("last").get<std::uint64_t>();
        if (r.last_serial < r.first_serial) throw bad_input("last < first");
      } else {
        throw bad_input("kind " + quote(kind) + " is unknown; expected key, campaign or serials");
      }
      r.reason = entry.value("reason", "");
      if (entry.contains("revoked") && entry["revoked"].is_string())
        r.revoked_unix = parse_utc(entry["revoked"].get<std::string>(), DateEdge::start_of_day, "revoked");
      list.entries_.push_back(std::move(r));
    } catch (const Error& e) {
      throw bad_input(where + ": " + e.what());
    } catch (const json::exception&) {
      throw bad_input(where + ": expected {kind, key_id | campaign [, first, last]}");
    }
  }
  return list;
}

void RevocationList::save(const std::filesystem::path& path) const {
  json entries = json::array();
  for (const Revocation& r : entries_) {
    json entry;
    switch (r.kind) {
      case Revocation::Kind::key: entry = {{"kind", "key"}, {"key_id", r.key_id}}; break;
      case Revocation::Kind::campaign: entry = {{"kind", "campaign"}, {"campaign", r.campaign_id}}; break;
      case Revocation::Kind::serials:
        entry = {{"kind", "serials"}, {"campaign", r.campaign_id}, {"first", r.first_serial},
                 {"last", r.last_serial}};
        break;
    }
    entry["reason"] = r.reason;
    entry["revoked"] = format_utc(r.revoked_unix);
    entries.push_back(entry);
  }
  json doc = {{"format", "stickerforge-revocations"}, {"version", 1}, {"revocations", entries}};
  write_file_atomic(path, doc.dump(2) + "\n", 0644);
}

std::uint64_t revoked_issued(const CampaignRecord& record, const RevocationList& list) {
  std::uint64_t total = 0;
  for (const Slot& slot : record.slots) {
    // The slot's issued codes are campaign-wide serials [begin, end).
    const std::uint64_t begin = slot.first_serial, end = slot.first_serial + slot.used;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> cut;
    for (const Revocation& r : list.entries()) {
      if (r.kind == Revocation::Kind::key && r.key_id == slot.key_id) cut.emplace_back(begin, end);
      if (r.kind == Revocation::Kind::campaign && r.campaign_id == record.campaign.id)
        cut.emplace_back(begin, end);
      if (r.kind == Revocation::Kind::serials && r.campaign_id == record.campaign.id) {
        std::uint64_t from = std::max(begin, r.first_serial);
        std::uint64_t to = std::min(end, r.last_serial + 1);
        if (from < to) cut.emplace_back(from, to);
      }
    }
    std::sort(cut.begin(), cut.end());
    std::uint64_t covered_to = begin;
    for (auto [from, to] : cut) {
      from = std::max(from, covered_to);
      if (from < to) {
        total += to - from;
        covered_to = to;
      }
    }
  }
  return total;
}

}  // namespace sf::codes
