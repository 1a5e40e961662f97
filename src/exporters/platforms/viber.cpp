// Viber: 490x490 PNG stickers (Viber states no byte limit; each file is
// lossless) with pack.json naming them in order, for the Viber sticker
// creator upload.
#include "exporters/platforms/png_set.h"
#include "exporters/registry.h"

namespace sf::exporters {

const Exporter& viber_exporter() {
  static const PngSetExporter kExporter([] {
    PlatformSpec s;
    s.id = "viber";
    s.display_name = "Viber";
    s.sticker = {artwork::Format::png, 490, 490, true, false, 0, true, false};
    s.margin_px = 0;
    s.min_stickers = 1;
    s.max_stickers = 24;
    s.counts_confirmed = false;
    return s;
  }());
  return kExporter;
}

}  // namespace sf::exporters
