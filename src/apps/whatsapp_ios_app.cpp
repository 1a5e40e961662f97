// WhatsApp stickers for iOS: a SwiftUI app bundling the WhatsApp build
// (contents.json + pack folders) and handing a pack to WhatsApp through the
// pasteboard. The App Store icon comes from the iMessage build's icon set.
#include "apps/built_pack.h"
#include "apps/generators.h"
#include "apps/pbxproj.h"

namespace sf::apps {

void generate_whatsapp_ios(GenerationContext& c) {
  WhatsappBuild whatsapp = read_whatsapp_build(c.build_dir);
  ImessageBuild imessage = read_imessage_build(c.build_dir);
  c.files.render_templates(c.template_dir / "project", c.values);
  c.files.render_templates(c.shared_templates("ios-redemption"), c.values, "App");
  c.files.render_templates(c.shared_templates("ios-redeem-view"), c.values, "App");

  c.files.write("App/Assets.xcassets/Contents.json", catalog_info_json());
  c.files.write("App/Assets.xcassets/AppIcon.appiconset/Contents.json",
                app_icon_contents_json("AppIcon.png"));
  c.files.copy("App/Assets.xcassets/AppIcon.appiconset/AppIcon.png", imessage.app_store_icon);
  copy_whatsapp_assets(c, whatsapp, "App/Stickers");

  const std::string name = c.values.at("project_name");
  XcodeProject project;
  project.name = name;
  XcodeTarget app = ios_app_target(name, c.options.bundle_id);
  app.sources = {"App/StickerApp.swift",     "App/ContentView.swift",   "App/StickerPackStore.swift",
                 "App/WhatsAppHandoff.swift", "App/RedeemView.swift",    "App/Redemption.swift"};
  // A folder reference keeps the pack folders intact in the app bundle.
  app.resources = {"App/Assets.xcassets", "App/Stickers"};
  project.targets = {app};
  c.files.write(name + ".xcodeproj/project.pbxproj", render_pbxproj(project));
}

}  // namespace sf::apps
