// Test helper: a fake `stickerforge build` output with exactly the layout
// the exporters write (imessage/Stickers.xcstickers, whatsapp/assets/), made
// of tiny generated images, so error paths and animated catalogs can be
// tested without the image pipeline.
#pragma once

#include <filesystem>

namespace sf::test {

struct FakeBuildOptions {
  int stickers = 3;
  int sequence_frames = 0;  // > 0: the last sticker is a .stickersequence
  bool imessage = true;
  bool whatsapp = true;
};

/// Writes the fake build into `dir` (created).
void write_fake_build(const std::filesystem::path& dir, const FakeBuildOptions& options);

}  // namespace sf::test
