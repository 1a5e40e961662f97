// WhatsApp: the asset layout of the official sample app (WhatsApp/stickers,
// Android/app/src/main/assets): contents.json plus assets/<identifier>/ with
// 512x512 WEBP stickers and a 96x96 PNG tray, and one .wastickers archive per
// pack for Sticker Maker style import. Packs over 30 are split evenly.
#include <regex>

#include "base/error.h"
#include "base/text.h"
#include "crypto/primitives.h"
#include "exporters/platform_util.h"
#include "exporters/registry.h"
#include "exporters/zip_archive.h"

using nlohmann::json;

namespace sf::exporters {
namespace {

constexpr int kPerPack = 30;    // StickerPackValidator STICKER_SIZE_MAX
constexpr int kMinPerPack = 3;  // STICKER_SIZE_MIN
const ImageRule kTray{artwork::Format::png, 96, 96, true, false, 50 * 1024, true, false};

// Even split: 31 stickers become 16 + 15, never 30 + 1 (a pack needs 3).
std::vector<std::pair<int, int>> chunks(int count) {
  int packs = std::max(1, (count + kPerPack - 1) / kPerPack);
  std::vector<std::pair<int, int>> out;
  int start = 0;
  for (int p = 0; p < packs; ++p) {
    int size = count / packs + (p < count % packs ? 1 : 0);
    out.push_back({start, size});
    start += size;
  }
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
    if (pack.stickers.size() > kPerPack)
      warnings.push_back("whatsapp: " + std::to_string(pack.stickers.size()) +
                         " stickers split into " +
                         std::to_string(chunks(static_cast<int>(pack.stickers.size())).size()) +
                         " packs of at most 30");
  }

  std::vector<ImageJob> images(const pack::Pack& pack) const override {
    std::vector<ImageJob> jobs;
    auto parts = chunks(static_cast<int>(pack.stickers.size()));
    for (std::size_t c = 0; c < parts.size(); ++c) {
      std::string folder = "assets/" + identifier(pack, c, parts.size());
      for (int k = 0; k < parts[c].second; ++k)
        jobs.push_back({"sticker", folder + "/" + two_digits(k + 1) + ".webp", parts[c].first + k,
                        spec().sticker});
      jobs.push_back({"tray", folder + "/tray.png", kTraySource, kTray});
    }
    return jobs;
  }

  void finish(const pack::Pack& pack, Bundle& bundle, const FinishContext&) const override {
    auto parts = chunks(static_cast<int>(pack.stickers.size()));
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
      for (int k = 0; k < parts[c].second; ++k) {
        const pack::Sticker& sticker = pack.stickers[parts[c].first + k];
        std::string file = two_digits(k + 1) + ".webp";
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
                       {"animated_sticker_pack", false},
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
      for (const std::string& name : names) check_image(root, name, spec().sticker, problems);
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
        check_image(root, folder + sticker["image_file"].get<std::string>(), spec().sticker,
                    problems);
      }
    }
  }

 private:
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
