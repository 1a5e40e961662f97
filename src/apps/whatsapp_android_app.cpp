// WhatsApp stickers for Android, in the layout of WhatsApp's official sample
// app: the build's assets folder (contents.json + one folder per pack) goes
// to app/src/main/assets unchanged.
#include "apps/android_project.h"
#include "apps/built_pack.h"
#include "apps/generators.h"

namespace sf::apps {

void generate_whatsapp_android(GenerationContext& c) {
  WhatsappBuild build = read_whatsapp_build(c.build_dir);
  render_android_project(c);
  copy_whatsapp_assets(c, build, "app/src/main/assets");
  const WhatsappPack& first = build.packs.front();
  add_launcher_icon(c, build.dir / first.identifier / first.tray_file);
}

}  // namespace sf::apps
