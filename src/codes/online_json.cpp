#include "codes/online_json.h"

#include <algorithm>

#include "base/text.h"

namespace sf::codes {
namespace {

using nlohmann::json;

void read_rule(const json& value, const std::string& where, OnlineSettings& online,
               Problems& problems) {
  if (!value.is_object()) {
    problems.push_back({where, "expected an object such as {\"source\": \"stripe\"}"});
    return;
  }
  IssueRule rule;
  for (const auto& [key, field] : value.items()) {
    if (key == "min_total") {
      std::optional<std::int64_t> cents;
      if (field.is_string()) cents = parse_money_cents(field.get<std::string>());
      if (!cents)
        problems.push_back({where + ".min_total",
                            "expected an amount as text such as \"10.00\", got " + field.dump()});
      else rule.min_total_cents = *cents;
      continue;
    }
    std::string* target = key == "source"    ? &rule.source
                          : key == "form"    ? &rule.form
                          : key == "product" ? &rule.product
                          : key == "list"    ? &rule.list
                                             : nullptr;
    if (!target) {
      static const std::vector<std::string_view> keys = {"source", "form", "product", "list",
                                                         "min_total"};
      problems.push_back({where + "." + key, "is not a rule field; expected source, form, "
                                             "product, list or min_total;" +
                                                 did_you_mean(key, keys)});
    } else if (!field.is_string()) {
      problems.push_back({where + "." + key, "expected a string"});
    } else {
      *target = field.get<std::string>();
    }
  }
  if (auto problem = unknown_source_problem(rule.source)) {
    problems.push_back({where + ".source", *problem});
    return;
  }
  if (online.rule_for(rule.source)) {
    problems.push_back({where + ".source", quote(rule.source) + " has two rules; expected one"});
    return;
  }
  online.rules.push_back(std::move(rule));
}

}  // namespace

void read_online(const json& entry, const std::string& where_campaign, CampaignRecord& record,
                 Problems& problems) {
  if (!entry.contains("online") || entry["online"].is_null()) return;
  const std::string where = where_campaign + ".online";
  const json& value = entry["online"];
  if (!value.is_object()) {
    problems.push_back({where, "expected an object with \"ranges\" and \"issue_on\""});
    return;
  }
  OnlineSettings& online = record.online;
  for (const auto& [key, field] : value.items()) {
    if (key == "one_per_email") {
      if (field.is_boolean()) online.one_per_email = field.get<bool>();
      else problems.push_back({where + ".one_per_email", "expected true or false"});
    } else if (key == "issue_on") {
      if (!field.is_array()) {
        problems.push_back({where + ".issue_on", "expected an array of rules"});
        continue;
      }
      for (std::size_t i = 0; i < field.size(); ++i)
        read_rule(field[i], where + ".issue_on[" + std::to_string(i) + "]", online, problems);
    } else if (key == "ranges") {
      if (!field.is_array()) {
        problems.push_back({where + ".ranges", "expected an array"});
        continue;
      }
      for (std::size_t i = 0; i < field.size(); ++i) {
        const std::string at = where + ".ranges[" + std::to_string(i) + "]";
        OnlineRange range;
        try {
          range.key_id = field[i].at("key_id").get<std::uint32_t>();
          range.number = field[i].at("number").get<std::uint32_t>();
          range.first = field[i].at("first").get<std::uint32_t>();
          range.count = field[i].at("count").get<std::uint32_t>();
        } catch (const std::exception&) {
          problems.push_back({at, "expected {key_id, number, first, count} as whole numbers"});
          continue;
        }
        const Slot* slot = nullptr;
        for (const Slot& s : record.slots)
          if (s.key_id == range.key_id && s.number == range.number) slot = &s;
        if (!slot) {
          problems.push_back({at, "key " + std::to_string(range.key_id) + " campaign number " +
                                      std::to_string(range.number) +
                                      " is not a slot of this campaign"});
          continue;
        }
        if (range.count == 0 || std::uint64_t(range.first) + range.count > slot->used) {
          problems.push_back(
              {at, "serials " + std::to_string(range.first) + " to " +
                       std::to_string(std::uint64_t(range.first) + range.count - 1) +
                       " are not reserved (the slot has handed out " + std::to_string(slot->used) +
                       "); reserve online serials with 'stickerforge codes reserve-online'"});
          continue;
        }
        for (const OnlineRange& other : online.ranges)
          if (other.key_id == range.key_id && other.number == range.number &&
              range.first < other.first + other.count && other.first < range.first + range.count)
            problems.push_back({at, "overlaps another online range"});
        online.ranges.push_back(range);
      }
    } else {
      static const std::vector<std::string_view> keys = {"ranges", "issue_on", "one_per_email"};
      problems.push_back({where + "." + key,
                          "is not an online setting; expected ranges, issue_on or one_per_email;" +
                              did_you_mean(key, keys)});
    }
  }
}

json online_json(const OnlineSettings& online) {
  if (online.ranges.empty() && online.rules.empty() && !online.one_per_email) return nullptr;
  json ranges = json::array();
  for (const OnlineRange& r : online.ranges)
    ranges.push_back({{"key_id", r.key_id}, {"number", r.number}, {"first", r.first},
                      {"count", r.count}});
  json rules = json::array();
  for (const IssueRule& rule : online.rules) {
    json item = {{"source", rule.source}};
    if (!rule.form.empty()) item["form"] = rule.form;
    if (!rule.product.empty()) item["product"] = rule.product;
    if (!rule.list.empty()) item["list"] = rule.list;
    if (rule.min_total_cents > 0) {
      char text[32];
      std::snprintf(text, sizeof text, "%lld.%02lld",
                    static_cast<long long>(rule.min_total_cents / 100),
                    static_cast<long long>(rule.min_total_cents % 100));
      item["min_total"] = text;
    }
    rules.push_back(item);
  }
  return {{"ranges", ranges}, {"issue_on", rules}, {"one_per_email", online.one_per_email}};
}

}  // namespace sf::codes
