// The iMessage app. Without a verifier it is Apple's "Sticker Pack App":
// no code, the built Stickers.xcstickers catalog is the whole extension.
// With --verifier the stickers must stay locked until a code is redeemed,
// which a catalog cannot do, so the extension becomes a Messages app with a
// small Swift sticker browser that shows the redeem screen first.
#include <nlohmann/json.hpp>

#include "apps/built_pack.h"
#include "apps/generators.h"
#include "apps/pbxproj.h"

namespace sf::apps {
namespace {

void sticker_pack_extension(GenerationContext& c, const ImessageBuild& build,
                            XcodeProject& project) {
  const std::string ext = "StickerPackExtension";
  c.files.copy_tree(ext + "/Stickers.xcstickers", build.catalog);
  XcodeTarget extension = ios_extension_target(
      ext, "com.apple.product-type.app-extension.messages-sticker-pack", c.options.bundle_id);
  extension.app_icon = "iMessage App Icon";
  extension.resources = {ext + "/Stickers.xcstickers"};
  project.targets.push_back(extension);
  project.targets.front().resources = {ext + "/Stickers.xcstickers"};
  project.targets.front().embeds = {ext};
}

void messages_extension(GenerationContext& c, const ImessageBuild& build, XcodeProject& project) {
  const std::string ext = "MessagesExtension";
  c.files.write(ext + "/Assets.xcassets/Contents.json", catalog_info_json());
  c.files.copy_tree(ext + "/Assets.xcassets/" + build.iconset_folder,
                    build.catalog / build.iconset_folder);
  // MSSticker wants one file per sticker: a sequence contributes its first
  // frame here (the catalog variant above keeps the animation).
  std::vector<BundledSticker> bundled;
  for (std::size_t i = 0; i < build.stickers.size(); ++i) {
    const CatalogSticker& sticker = build.stickers[i];
    std::string file = "sticker_" + std::to_string(i + 1) + ".png";
    c.files.copy(ext + "/Stickers/" + file, sticker.images.front());
    std::vector<std::string> emojis =
        i < c.pack.stickers.size() ? c.pack.stickers[i].emojis : std::vector<std::string>{};
    std::string label = !sticker.label.empty() || i >= c.pack.stickers.size()
                            ? sticker.label
                            : c.pack.stickers[i].alt;
    bundled.push_back({file, label, emojis});
  }
  c.files.write(ext + "/Stickers/stickers.json", bundled_stickers_json(bundled));
  XcodeTarget extension = ios_extension_target(
      ext, "com.apple.product-type.app-extension.messages", c.options.bundle_id);
  extension.app_icon = "iMessage App Icon";
  extension.sources = {ext + "/MessagesViewController.swift", ext + "/Redemption.swift",
                       ext + "/RedeemView.swift", ext + "/StickerLibrary.swift"};
  extension.resources = {ext + "/Assets.xcassets", ext + "/Stickers"};
  project.targets.push_back(extension);
  project.targets.front().resources = {ext + "/Assets.xcassets"};
  project.targets.front().embeds = {ext};
}

}  // namespace

void generate_imessage(GenerationContext& c) {
  ImessageBuild build = read_imessage_build(c.build_dir);
  c.values["imessage_grid"] = c.pack.imessage_grid;
  const bool locked = c.options.verifier_url.has_value();
  c.files.render_templates(c.template_dir / "common", c.values);
  c.files.render_templates(c.template_dir / (locked ? "messages-app" : "sticker-pack"), c.values);
  if (locked)
    c.files.render_templates(c.shared_templates("ios-redemption"), c.values, "MessagesExtension");

  const std::string name = c.values.at("project_name");
  XcodeProject project;
  project.name = name;
  // The container Messages-only app (no code, no UI).
  project.targets.push_back(ios_app_target(name, c.options.bundle_id, "iMessage App Icon",
                                           "com.apple.product-type.application.messages"));
  if (locked)
    messages_extension(c, build, project);
  else
    sticker_pack_extension(c, build, project);
  c.files.write(name + ".xcodeproj/project.pbxproj", render_pbxproj(project));
}

}  // namespace sf::apps
