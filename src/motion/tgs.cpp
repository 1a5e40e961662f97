#include "motion/tgs.h"

#include <rlottie.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/problems.h"
#include "base/text.h"
#include "motion/gunzip.h"

namespace sf::motion {

namespace {

// Every broken rule of a parsed Lottie document, for one message.
void check_rules(const nlohmann::json& doc, const std::string& json, const TgsRules& rules, bool need_marker,
                 const std::string& where, Problems& problems) {
  auto number = [&](const char* key) -> double {
    auto it = doc.find(key);
    return (it != doc.end() && it->is_number()) ? it->get<double>() : -1;
  };
  if (need_marker && !(doc.contains("tgs") && doc["tgs"] == 1))
    problems.push_back({"", "field 'tgs' is missing or not 1; expected a Telegram TGS export"});
  double w = number("w"), h = number("h"), fr = number("fr"), ip = number("ip"), op = number("op");
  if (w != rules.canvas_px || h != rules.canvas_px)
    problems.push_back({"", "canvas is " + std::to_string(int(w)) + "x" + std::to_string(int(h)) +
                                   "; Telegram needs " + std::to_string(rules.canvas_px) + "x" +
                                   std::to_string(rules.canvas_px)});
  if (fr != rules.fps)
    problems.push_back({"", "frame rate is " + quote(std::to_string(fr).substr(0, 6)) + " fps; Telegram needs " +
                                   std::to_string(int(rules.fps)) + " fps"});
  if (fr > 0 && op > ip) {
    auto duration_ms = static_cast<std::int64_t>(std::llround((op - ip) / fr * 1000.0));
    if (duration_ms > rules.max_duration_ms)
      problems.push_back({"", "lasts " + std::to_string(duration_ms) + " ms; Telegram allows at most " +
                                     std::to_string(rules.max_duration_ms) + " ms"});
  } else {
    problems.push_back({"", "has no frames (fields 'ip'/'op'/'fr' missing or empty)"});
  }
  if (problems.empty() && !rlottie::Animation::loadFromData(json, where, std::string(), false))
    problems.push_back({"", "Lottie document could not be loaded (unsupported or corrupt layers)"});
}

nlohmann::json parse_lottie(const std::string& json, const std::string& where) {
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw bad_input(where + ": Lottie document is not valid JSON; expected a Lottie (Bodymovin) export");
  return doc;
}

}  // namespace

Bytes validate_tgs(const std::filesystem::path& file, const TgsRules& rules) {
  const std::string where = quote(file.string());
  Bytes bytes = read_file(file, 64ull << 20);
  Problems problems;
  if (bytes.size() > rules.max_bytes)
    problems.push_back({"", "is " + std::to_string(bytes.size()) + " bytes; Telegram allows at most " +
                                   std::to_string(rules.max_bytes) + " bytes gzipped"});
  std::string json = detail::gunzip(bytes, file, 16ull << 20);
  nlohmann::json doc = parse_lottie(json, where);
  check_rules(doc, json, rules, true, where, problems);
  throw_if_any(problems, where + " (Telegram animated sticker)");
  return bytes;
}

Bytes lottie_to_tgs(const std::filesystem::path& file, const TgsRules& rules) {
  const std::string where = quote(file.string());
  std::string json = read_text_file(file, 16ull << 20);
  nlohmann::json doc = parse_lottie(json, where);
  Problems problems;
  check_rules(doc, json, rules, false, where, problems);
  doc["tgs"] = 1;
  Bytes bytes = detail::gzip(doc.dump());
  if (bytes.size() > rules.max_bytes)
    problems.push_back({"", "gzips to " + std::to_string(bytes.size()) + " bytes; Telegram allows at most " +
                                   std::to_string(rules.max_bytes) + " bytes"});
  throw_if_any(problems, where + " (Lottie for a Telegram animated sticker)");
  return bytes;
}

}  // namespace sf::motion
