// Kik: no public sticker format remains, so Kik gets a generic set of
// 512x512 PNG stickers with pack.json (title, author, emoji per file), the
// shape third-party Kik sticker apps load.
#include "exporters/platforms/png_set.h"
#include "exporters/registry.h"

namespace sf::exporters {

const Exporter& kik_exporter() {
  static const PngSetExporter kExporter([] {
    PlatformSpec s;
    s.id = "kik";
    s.display_name = "Kik";
    s.sticker = {artwork::Format::png, 512, 512, true, false, 1000000, true, false};
    s.margin_px = 0;
    s.min_stickers = 1;
    s.max_stickers = 1000;
    s.counts_confirmed = false;
    return s;
  }());
  return kExporter;
}

}  // namespace sf::exporters
