// The iOS keyboard: a SwiftUI container app (setup help, redeem screen) and
// a keyboard extension showing the pack's iMessage PNGs.
#include "apps/built_pack.h"
#include "apps/generators.h"
#include "apps/pbxproj.h"

namespace sf::apps {

void generate_ios_keyboard(GenerationContext& c) {
  ImessageBuild build = read_imessage_build(c.build_dir);
  const bool locked = c.options.verifier_url.has_value();
  c.files.render_templates(c.template_dir / "project", c.values);
  c.files.render_templates(c.shared_templates("ios-redemption"), c.values, "App");
  c.files.render_templates(c.shared_templates("ios-redeem-view"), c.values, "App");
  if (locked) c.files.render_templates(c.template_dir / "with-verifier", c.values);

  c.files.write("App/Assets.xcassets/Contents.json", catalog_info_json());
  c.files.write("App/Assets.xcassets/AppIcon.appiconset/Contents.json",
                app_icon_contents_json("AppIcon.png"));
  c.files.copy("App/Assets.xcassets/AppIcon.appiconset/AppIcon.png", build.app_store_icon);

  // A pasteboard holds one image: sequences contribute their first frame.
  std::vector<BundledSticker> bundled;
  for (std::size_t i = 0; i < build.stickers.size(); ++i) {
    std::string file = "sticker_" + std::to_string(i + 1) + ".png";
    c.files.copy("Keyboard/Stickers/" + file, build.stickers[i].images.front());
    BundledSticker entry{file, build.stickers[i].label, {}};
    if (i < c.pack.stickers.size()) {
      entry.emojis = c.pack.stickers[i].emojis;
      if (entry.label.empty()) entry.label = c.pack.stickers[i].alt;
    }
    bundled.push_back(entry);
  }
  c.files.write("Keyboard/Stickers/stickers.json", bundled_stickers_json(bundled));

  const std::string name = c.values.at("project_name");
  XcodeProject project;
  project.name = name;
  XcodeTarget app = ios_app_target(name, c.options.bundle_id);
  app.sources = {"App/KeyboardApp.swift", "App/ContentView.swift", "App/RedeemView.swift",
                 "App/Redemption.swift"};
  app.resources = {"App/Assets.xcassets"};
  app.embeds = {"Keyboard"};
  XcodeTarget keyboard =
      ios_extension_target("Keyboard", "com.apple.product-type.app-extension", c.options.bundle_id);
  keyboard.sources = {"Keyboard/KeyboardViewController.swift", "Keyboard/StickerLibrary.swift",
                      "App/Redemption.swift"};
  keyboard.resources = {"Keyboard/Stickers"};
  if (locked) {
    app.entitlements = "App/App.entitlements";
    keyboard.entitlements = "Keyboard/Keyboard.entitlements";
  }
  project.targets = {app, keyboard};
  c.files.write(name + ".xcodeproj/project.pbxproj", render_pbxproj(project));
}

}  // namespace sf::apps
