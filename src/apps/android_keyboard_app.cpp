// The Android sticker keyboard: an input method over the WhatsApp build's
// 512x512 WebP stickers (all packs, in order) listed in stickers.json.
#include "apps/android_project.h"
#include "apps/built_pack.h"
#include "apps/generators.h"

namespace sf::apps {

void generate_android_keyboard(GenerationContext& c) {
  WhatsappBuild build = read_whatsapp_build(c.build_dir);
  render_android_project(c);
  std::vector<BundledSticker> bundled;
  for (const WhatsappPack& pack : build.packs) {
    for (const WhatsappSticker& sticker : pack.stickers) {
      std::size_t dot = sticker.file.rfind('.');
      std::string ext = dot == std::string::npos ? "" : sticker.file.substr(dot);
      std::string file = "sticker_" + std::to_string(bundled.size() + 1) + ext;
      c.files.copy("app/src/main/assets/stickers/" + file,
                   build.dir / pack.identifier / sticker.file);
      bundled.push_back({file, sticker.accessibility_text, sticker.emojis});
    }
  }
  c.files.write("app/src/main/assets/stickers/stickers.json", bundled_stickers_json(bundled));
  const WhatsappPack& first = build.packs.front();
  add_launcher_icon(c, build.dir / first.identifier / first.tray_file);
}

}  // namespace sf::apps
