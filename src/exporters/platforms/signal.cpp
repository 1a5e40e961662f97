// Signal: 512x512 WEBP stickers, a cover and manifest.proto (readable copies
// for the designer), plus upload/: the encrypted set exactly as Signal's CDN
// stores it (manifest and full/<id>, each IV || AES-256-CBC || HMAC-SHA256
// under keys HKDF-derived from a 32-byte pack key). The pack key goes to a
// 0600 file under secrets/, never into a platform folder or report.json.
#include "base/error.h"
#include "base/text.h"
#include "crypto/primitives.h"
#include "exporters/animated_export.h"
#include "exporters/platform_util.h"
#include "exporters/registry.h"
#include "exporters/signal_manifest.h"

using nlohmann::json;

namespace sf::exporters {
namespace {

constexpr const char* kKeyFile = "secrets/signal_pack_key.txt";

std::string sticker_file(std::size_t index) {
  return "stickers/" + two_digits(static_cast<int>(index) + 1) + ".webp";
}

class SignalExporter final : public Exporter {
 public:
  const PlatformSpec& spec() const override {
    static const PlatformSpec kSpec = [] {
      PlatformSpec s;
      s.id = "signal";
      s.display_name = "Signal";
      s.sticker = {artwork::Format::webp, 512, 512, true, false, 300 * 1024, true, false};
      s.margin_px = 0;
      s.min_stickers = 1;
      s.max_stickers = 200;
      s.min_emojis = 1;
      s.max_emojis = 1;  // the manifest holds one emoji per sticker
      return s;
    }();
    return kSpec;
  }

  std::vector<ImageJob> images(const pack::Pack& pack) const override {
    std::vector<ImageJob> jobs = sticker_jobs(pack, spec(), "stickers");
    // A separate tray becomes the cover, uploaded as the extra image n.
    if (!pack.tray.empty()) jobs.push_back({"cover", "cover.webp", kTraySource, spec().sticker});
    return jobs;
  }

  void finish(const pack::Pack& pack, Bundle& bundle, const FinishContext& context) const override {
    signal::Manifest manifest;
    manifest.title = pack.title;
    manifest.author = pack.author;
    std::uint32_t n = static_cast<std::uint32_t>(pack.stickers.size());
    for (std::uint32_t i = 0; i < n; ++i)
      manifest.stickers.push_back({i, pack.stickers[i].emojis.at(0)});
    manifest.cover = pack.tray.empty() ? manifest.stickers[0]
                                       : signal::ManifestSticker{n, pack.stickers[0].emojis.at(0)};
    Bytes plain = signal::encode_manifest(manifest);
    FileRecord record;
    record.role = "manifest";
    record.format = "protobuf";
    bundle.add("manifest.proto", plain, record);

    Bytes key = context.signal_key ? *context.signal_key : crypto::random_bytes(32);
    signal::PackKeys keys = signal::derive_keys(key);
    auto add_encrypted = [&](const std::string& path, const Bytes& content) {
      FileRecord encrypted;
      encrypted.role = "encrypted";
      encrypted.format = "signal-blob";
      bundle.add(path, signal::encrypt_blob(keys, content), encrypted);
    };
    add_encrypted("upload/manifest", plain);
    for (std::size_t i = 0; i < n; ++i)
      add_encrypted("upload/full/" + std::to_string(i),
                    bundle.content(stored_path(bundle, sticker_file(i))));
    if (!pack.tray.empty())
      add_encrypted("upload/full/" + std::to_string(n), bundle.content("cover.webp"));
    bundle.add_secret(kKeyFile,
                      "# Signal pack key for '" + pack.title +
                          "' (keep private: anyone holding it\n"
                          "# can read the pack). After uploading upload/ to Signal's CDN, share\n"
                          "# https://signal.art/addstickers/#pack_id=<pack id from "
                          "Signal>&pack_key=<this key>\n" +
                          signal::to_hex(key) + "\n");
  }

  void check_bundle(const std::filesystem::path& root, Problems& problems) const override {
    std::vector<std::string> names = files_in(root, "stickers", {".webp", ".png"});
    check_sticker_count(spec(), static_cast<int>(names.size()), "stickers/", problems);
    for (const std::string& name : names) {
      // Animated stickers are APNG (.png); still ones WEBP.
      if (looks_animated(root / "stickers" / name))
        check_animated_file(root, "stickers/" + name, "signal", problems);
      else
        check_image(root, "stickers/" + name, spec().sticker, problems);
    }
    if (std::filesystem::exists(root / "cover.webp"))
      check_image(root, "cover.webp", spec().sticker, problems);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(root / "manifest.proto", ec)) {
      problems.push_back({"manifest.proto", "is missing; expected the StickerPack protobuf"});
      return;
    }
    signal::Manifest manifest;
    try {
      manifest = signal::decode_manifest(read_file(root / "manifest.proto", 1u << 20));
    } catch (const Error& e) {
      problems.push_back(
          {"manifest.proto", std::string("is not a StickerPack protobuf (") + e.what() + ")"});
      return;
    }
    if (manifest.title.empty())
      problems.push_back({"manifest.proto: title", "is empty; signal needs a title"});
    if (manifest.author.empty())
      problems.push_back({"manifest.proto: author", "is empty; signal needs an author"});
    if (!manifest.cover)
      problems.push_back({"manifest.proto: cover", "is missing; signal needs a cover"});
    if (manifest.stickers.size() != names.size())
      problems.push_back({"manifest.proto: stickers",
                          "lists " + std::to_string(manifest.stickers.size()) +
                              " stickers; the folder holds " + std::to_string(names.size())});
    for (std::size_t i = 0; i < manifest.stickers.size(); ++i) {
      if (manifest.stickers[i].emoji.empty())
        problems.push_back({"manifest.proto: stickers[" + std::to_string(i) + "].emoji",
                            "is empty; signal needs one emoji per sticker"});
      if (manifest.stickers[i].id != i)
        problems.push_back(
            {"manifest.proto: stickers[" + std::to_string(i) + "].id",
             "is " + std::to_string(manifest.stickers[i].id) + "; expected " + std::to_string(i)});
    }
  }
};

}  // namespace

const Exporter& signal_exporter() {
  static const SignalExporter kExporter;
  return kExporter;
}

}  // namespace sf::exporters
