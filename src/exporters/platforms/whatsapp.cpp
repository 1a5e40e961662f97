// WhatsApp: the asset layout of the official sample app (WhatsApp/stickers,
// Android/app/src/main/assets): contents.json plus assets/<identifier>/ with
// 512x512 WEBP stickers and a 96x96 PNG tray, and one .wastickers archive per
// pack for Sticker Maker style import. Packs over 30 are split evenly.
// WhatsApp never mixes still and animated stickers in one pack: a pack with
// both becomes a still pack and an animated one (animated_sticker_pack).
#include <regex>

#include "base/error.h"
#include "base/text.h"
#include "crypto/primitives.h"
#include "exporters/animated_export.h"
#include "exporters/platform_util.h"
#include "exporters/registry.h"
#include "exporters/zip_archive.h"

using nlohmann::json;

namespace sf::exporters {
namespace {

constexpr int kPerPack = 30;    // StickerPackValidator STICKER_SIZE_MAX
constexpr int kMinPerPack = 3;  // STICKER_SIZE_MIN
const ImageRule kTray{artwork::Format::png, 96, 96, true, false, 50 * 1024, true, false};

// One WhatsApp pack of the output: which stickers (pack indices) it holds.
struct Part {
  std::vector<int> stickers;
  bool animated = false;
};

// Still stickers first, then animated ones, each kind split evenly: 31
// stickers become 16 + 15, never 30 + 1 (a pack needs 3).
std::vector<Part> chunks(const pack::Pack& pack) {
  std::vector<int> kinds[2];
  for (std::size_t i = 0; i < pack.stickers.size(); ++i)
    kinds[looks_animated(pack.stickers[i].file) ? 1 : 0].push_back(static_cast<int>(i));
  std::vector<Part> out;
  for (int kind = 0; kind < 2; ++kind) {
    int count = static_cast<int>(kinds[kind].size());
    if (count == 0) continue;
    int packs = (count + kPerPack - 1) / kPerPack;
    int start = 0;
    for (int p = 0; p < packs; ++p) {
      int size = count / packs + (p < count % packs ? 1 : 0);
      out.push_back({std::vector<int>(kinds[kind].begin() + start,
                                      kinds[kind].begin() + start + size),
                     kind == 1});
      start += size;
    }
  }
  if (out.empty()) out.push_back({});
  return out;
}

std::string identifier(const pack::Pack& pack, std::size_t chunk, std::size_t total) {
  return total == 1 ? pack.id : pack.id + "_" + std::to_string(chunk + 1);
}

std::string host_of(const std::string& url) {
  std::smatch match;
  return std::regex_search(url, match, std::regex("^https?://([^/:?#]+)")) ? match[1].str() : "";
}

class WhatsappExporter final : public Exporter {
 public:
  const PlatformSpec& spec() const override {
    static const PlatformSpec kSpec = [] {
      PlatformSpec s;
      s.id = "whatsapp";
      s.display_name = "WhatsApp";
      s.sticker = {artwork::Format::webp, 512, 512, true, false, 100 * 1024, true, false};
      s.margin_px = 16;  // the sample app's guide asks for a 16 px margin
      s.min_stickers = kMinPerPack;
      s.max_stickers = kPerPack * 10;  // an app holds at most 10 packs
      s.min_emojis = 1;
      s.max_emojis = 3;
      return s;
    }();
    return kSpec;
  }

  void check(const pack::Pack& pack, Problems& problems,
             std::vector<std::string>& warnings) const override {
    std::string file = pack.source.filename().string();
    auto host_must_be = [&](const std::string& url, const char* field, const char* host) {
      if (!url.empty() && host_of(url) != host)
        problems.push_back({"whatsapp: " + file + ": links." + field,
                            "is " + quote(url) + "; whatsapp accepts only links on " + host});
    };
    host_must_be(pack.links.android_play_store, "android_play_store", "play.google.com");
    host_must_be(pack.links.ios_app_store, "ios_app_store", "itunes.apple.com");
    for (std::size_t i = 0; i < pack.stickers.size(); ++i)
      if (utf8_length(pack.stickers[i].alt) > 125)
        warnings.push_back("whatsapp: " + file + ": stickers[" + std::to_string(i) +
                           "].alt: longer than 125 characters; cut for accessibility_text");
    std::vector<Part> parts = chunks(pack);
    std::size_t moving = 0;
    for (const Part& part : parts)
      if (part.animated) moving += part.stickers.size();
    bool mixed = moving > 0 && moving < pack.stickers.size();
    if (mixed) {
      warnings.push_back("whatsapp: " + std::to_string(pack.stickers.size() - moving) +
                         " still and " + std::to_string(moving) +
                         " animated stickers split into a still and an animated pack "
                         "(WhatsApp never mixes them)");
      for (const Part& part : parts)
        if (part.stickers.size() < kMinPerPack)
          problems.push_back(
              {"whatsapp: " + file + ": stickers",
               "has " + std::to_string(part.stickers.size()) + " " +
                   (part.animated ? "animated" : "still") +
                   " sticker(s) besides the others; WhatsApp packs are all still or all "
                   "animated and each needs at least 3"});
    }
    if (parts.size() > (mixed ? 2u : 1u))
      warnings.push_back("whatsapp: " + std::to_string(pack.stickers.size()) +
                         " stickers split into " + std::to_string(parts.size()) +
                         " packs of at most 30");
  }

  std::vector<ImageJob> images(const pack::Pack& pack) const override {
    std::vector<ImageJob> jobs;
    std::vector<Part> parts = chunks(pack);
    for (std::size_t c = 0; c < parts.size(); ++c) {
      std::string folder = "assets/" + identifier(pack, c, parts.size());
      for (std::size_t k = 0; k < parts[c].stickers.size(); ++k)
        jobs.push_back({"sticker", folder + "/" + two_digits(static_cast<int>(k) + 1) + ".webp",
                        parts[c].stickers[k], spec().sticker});
      jobs.push_back({"tray", folder + "/tray.png", kTraySource, kTray});
    }
    return jobs;
  }

  void finish(const pack::Pack& pack, Bundle& bundle, const FinishContext&) const override {
    std::vector<Part> parts = chunks(pack);
    json packs = json::array();
    for (std::size_t c = 0; c < parts.size(); ++c) {
      std::string id = identifier(pack, c, parts.size());
      std::string folder = "assets/" + id + "/";
      std::string name = parts.size() == 1
                             ? pack.title
                             : truncate_utf8(pack.title, 118) + " (" + std::to_string(c + 1) + "/" +
                                   std::to_string(parts.size()) + ")";
      json stickers = json::array();
      std::vector<ZipEntry> zip = {{"title.txt", as_bytes(name)},
                                   {"author.txt", as_bytes(pack.author)},
                                   {"tray.png", bundle.content(folder + "tray.png")}};
      Bytes digest_input;
      for (std::size_t k = 0; k < parts[c].stickers.size(); ++k) {
        const pack::Sticker& sticker = pack.stickers[parts[c].stickers[k]];
        std::string file = two_digits(static_cast<int>(k) + 1) + ".webp";
        std::vector<std::string> emojis(
            sticker.emojis.begin(),
            sticker.emojis.begin() + std::min<std::size_t>(3, sticker.emojis.size()));
        stickers.push_back({{"image_file", file},
                            {"emojis", emojis},
                            {"accessibility_text", truncate_utf8(sticker.alt, 125)}});
        const Bytes& content = bundle.content(folder + file);
        digest_input.insert(digest_input.end(), content.begin(), content.end());
        zip.push_back({file, content});
      }
      // image_data_version must change whenever the images do: a content hash does.
      Bytes digest = crypto::sha256(digest_input);
      std::string version =
          std::to_string((digest[0] << 16 | digest[1] << 8 | digest[2]) % 1000000 + 1);
      packs.push_back({{"identifier", id},
                       {"name", name},
                       {"publisher", pack.author},
                       {"tray_image_file", "tray.png"},
                       {"image_data_version", version},
                       {"avoid_cache", false},
                       {"publisher_email", pack.links.email},
                       {"publisher_website", pack.links.website},
                       {"privacy_policy_website", pack.links.privacy},
                       {"license_agreement_website", pack.links.license},
                       {"animated_sticker_pack", parts[c].animated},
                       {"stickers", stickers}});
      FileRecord archive;
      archive.role = "archive";
      archive.format = "zip";
      bundle.add(id + ".wastickers", make_zip(std::move(zip)), archive);
    }
    json contents = {{"android_play_store_link", pack.links.android_play_store},
                     {"ios_app_store_link", pack.links.ios_app_store},
                     {"sticker_packs", packs}};
    bundle.add_text("assets/contents.json", json_text(contents), "manifest", "json");
  }

  void check_bundle(const std::filesystem::path& root, Problems& problems) const override {
    // A .wastickers archive (unpacked by the caller) has no contents.json.
    if (!std::filesystem::exists(root / "assets/contents.json")) {
      std::vector<std::string> names = files_in(root, "", {".webp"});
      check_sticker_count(one_pack_spec(), static_cast<int>(names.size()), ".wastickers", problems);
      for (const std::string& name : names) check_sticker(root, name, looks_animated(root / name),
                                                          problems);
      for (const char* text : {"title.txt", "author.txt"})
        if (!std::filesystem::exists(root / text))
          problems.push_back({text, "is missing; a .wastickers archive needs it"});
      check_image(root, "tray.png", kTray, problems);
      return;
    }
    json contents = read_json(root, "assets/contents.json", problems);
    if (contents.is_discarded()) return;
    if (!contents.contains("sticker_packs") || !contents["sticker_packs"].is_array() ||
        contents["sticker_packs"].empty()) {
      problems.push_back(
          {"assets/contents.json", "has no 'sticker_packs'; expected 1 to 10 packs"});
      return;
    }
    for (std::size_t p = 0; p < contents["sticker_packs"].size(); ++p) {
      const json& entry = contents["sticker_packs"][p];
      std::string where = "assets/contents.json: sticker_packs[" + std::to_string(p) + "]";
      for (const char* field :
           {"identifier", "name", "publisher", "tray_image_file", "image_data_version"})
        if (!entry.contains(field) || !entry[field].is_string() ||
            entry[field].get<std::string>().empty() || entry[field].get<std::string>().size() > 128)
          problems.push_back(
              {where + "." + field, "expected a non-empty string of at most 128 characters"});
      std::string id = entry.value("identifier", "");
      if (!id.empty() && (!std::regex_match(id, std::regex("[\\w\\-.,'\\s]+")) ||
                          id.find("..") != std::string::npos)) {
        problems.push_back({where + ".identifier", quote(id) + " has characters whatsapp refuses"});
        continue;
      }
      std::string folder = "assets/" + id + "/";
      if (entry.contains("tray_image_file") && entry["tray_image_file"].is_string())
        check_image(root, folder + entry["tray_image_file"].get<std::string>(), kTray, problems);
      const json& stickers = entry.contains("stickers") ? entry["stickers"] : json::array();
      bool animated = entry.value("animated_sticker_pack", false);
      check_sticker_count(one_pack_spec(), static_cast<int>(stickers.size()), where + ".stickers",
                          problems);
      for (std::size_t s = 0; s < stickers.size(); ++s) {
        std::string at = where + ".stickers[" + std::to_string(s) + "]";
        const json& sticker = stickers[s];
        if (!sticker.contains("emojis") || !sticker["emojis"].is_array() ||
            sticker["emojis"].empty() || sticker["emojis"].size() > 3)
          problems.push_back({at + ".emojis", "expected 1 to 3 emoji"});
        if (!sticker.contains("image_file") || !sticker["image_file"].is_string()) {
          problems.push_back({at + ".image_file", "is missing"});
          continue;
        }
        check_sticker(root, folder + sticker["image_file"].get<std::string>(), animated, problems);
      }
    }
  }

 private:
  // A still pack holds 100 KB WEBP stickers, an animated one animated WEBP
  // (500 KiB, 10 s); a still file in an animated pack or the reverse is refused.
  void check_sticker(const std::filesystem::path& root, const std::string& relative,
                     bool animated, Problems& problems) const {
    bool is_animated = looks_animated(root / relative);
    if (std::filesystem::exists(root / relative) && is_animated != animated)
      problems.push_back({relative, std::string("is ") + (is_animated ? "animated" : "still") +
                                        "; the pack is " + (animated ? "animated" : "still") +
                                        " and whatsapp never mixes them"});
    if (is_animated)
      check_animated_file(root, relative, "whatsapp", problems);
    else
      check_image(root, relative, spec().sticker, problems);
  }

  // The rules of one pack inside contents.json or one .wastickers archive.
  PlatformSpec one_pack_spec() const {
    PlatformSpec one = spec();
    one.max_stickers = kPerPack;
    return one;
  }
  static Bytes as_bytes(const std::string& text) { return Bytes(text.begin(), text.end()); }
};

}  // namespace

const Exporter& whatsapp_exporter() {
  static const WhatsappExporter kExporter;
  return kExporter;
}

}  // namespace sf::exporters
