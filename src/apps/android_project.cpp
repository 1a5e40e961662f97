// Shared by the two Android generators: the parts that are not templates.
#include "apps/android_project.h"

namespace sf::apps {

void render_android_project(GenerationContext& c) {
  // Keyboards and sticker apps need the network only to redeem codes.
  c.values["internet_permission_raw"] =
      c.options.verifier_url
          ? "<uses-permission android:name=\"android.permission.INTERNET\" />"
          : "<!-- No INTERNET permission: generated without a verifier URL. -->";
  c.files.render_templates(c.template_dir / "project", c.values);
  c.files.render_templates(c.shared_templates("android-redemption"), c.values,
                           "app/src/main/java/{{package_path}}");
}

void add_launcher_icon(GenerationContext& c, const std::filesystem::path& tray_png) {
  // The 96x96 WhatsApp tray is exactly the xhdpi launcher size (48 dp x 2);
  // Android scales it for other densities.
  c.files.copy("app/src/main/res/mipmap-xhdpi/ic_launcher.png", tray_png);
}

}  // namespace sf::apps
