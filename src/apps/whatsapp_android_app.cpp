// WhatsApp stickers for Android, in the layout of WhatsApp's official sample
// app: the build's assets folder (contents.json + one folder per pack) goes
// to app/src/main/assets unchanged.
#include "apps/android_project.h"
#include "apps/built_pack.h"
#include "apps/generators.h"

namespace sf::apps {

void generate_whatsapp_android(GenerationContext& c) {
  WhatsappBuild build = read_whatsapp_build(c.build_dir);
  add_android_values(c);
  c.files.render_templates(c.template_dir / "project", c.values);
  c.files.render_templates(c.shared_templates("android-redemption"), c.values,
                           "app/src/main/java/{{package_path}}");
  c.files.copy("app/src/main/assets/contents.json", build.contents_json);
  for (const WhatsappPack& pack : build.packs) {
    std::string dir = "app/src/main/assets/" + pack.identifier + "/";
    c.files.copy(dir + pack.tray_file, build.dir / pack.identifier / pack.tray_file);
    for (const WhatsappSticker& sticker : pack.stickers)
      c.files.copy(dir + sticker.file, build.dir / pack.identifier / sticker.file);
  }
  const WhatsappPack& first = build.packs.front();
  add_launcher_icon(c, build.dir / first.identifier / first.tray_file);
}

}  // namespace sf::apps
