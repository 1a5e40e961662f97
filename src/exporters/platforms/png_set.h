// exporters (internal): platforms that take a plain set of PNG stickers plus a
// pack.json listing them in order (Viber's sticker creator, Kik's third-party
// sticker apps). Only their PlatformSpec differs, so the bundle is made here once.
#pragma once

#include "exporters/exporter.h"

namespace sf::exporters {

class PngSetExporter final : public Exporter {
 public:
  explicit PngSetExporter(PlatformSpec spec) : spec_(std::move(spec)) {}

  const PlatformSpec& spec() const override { return spec_; }
  /// One PNG per sticker under stickers/, numbered in pack order.
  std::vector<ImageJob> images(const pack::Pack& pack) const override;
  /// pack.json: title, author and per sticker its file, emojis and keywords.
  void finish(const pack::Pack& pack, Bundle& bundle, const FinishContext&) const override;
  void check_bundle(const std::filesystem::path& root, Problems& problems) const override;

 private:
  PlatformSpec spec_;
};

}  // namespace sf::exporters
