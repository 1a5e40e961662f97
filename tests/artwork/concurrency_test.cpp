#include <catch2/catch.hpp>

#include <thread>

#include "artwork/artwork.h"
#include "artwork/test_images.h"
#include "support/temp_dir.h"

using namespace sf::artwork;
using sf::test::TempDir;

namespace {

// The whole per-sticker pipeline, as the exporters run it on each thread.
sf::Bytes render(const std::filesystem::path& file) {
  LoadOptions options;
  options.max_side_px = 256;
  options.style.outline_px = 8;
  Artwork art = load_artwork(file, options);
  Raster fitted = fit(art, Canvas{200, 200, 8, true, false, std::nullopt});
  return encode_within(fitted, {Format::webp, 6000, true}).bytes;
}

}  // namespace

TEST_CASE("threads rendering at once get the same bytes as one thread", "[artwork][threads]") {
  TempDir dir;
  std::vector<std::filesystem::path> files;
  for (unsigned i = 0; i < 4; ++i) {
    files.push_back(dir / (std::string(1, char('a' + i)) + ".png"));
    sf::test::write_bytes(files.back(), encode_png(sf::test::noisy_disc(300, i)));
  }
  std::vector<sf::Bytes> alone;
  for (const auto& file : files) alone.push_back(render(file));

  std::vector<sf::Bytes> together(files.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < files.size(); ++i)
    threads.emplace_back([&, i] { together[i] = render(files[i]); });
  for (auto& thread : threads) thread.join();
  for (std::size_t i = 0; i < files.size(); ++i) CHECK(together[i] == alone[i]);
}

TEST_CASE("an animated gif loads its first frame", "[artwork]") {
  if (sf::test::run_command("command -v convert").status != 0) {
    WARN("ImageMagick convert not installed; animated GIF fixture cannot be made");
    return;
  }
  TempDir dir;
  auto path = dir / "anim.gif";
  // Frame 1: a 20x10 red bar; frame 2: a full 40x40 blue square.
  auto result = sf::test::run_command(
      "convert -size 40x40 xc:none -fill red -draw 'rectangle 10,15 29,24' "
      "\\( -size 40x40 xc:blue \\) -set delay 10 " + path.string());
  REQUIRE(result.status == 0);
  LoadOptions options;
  options.max_side_px = 64;
  options.style.outline_px = 0;
  Artwork art = load_artwork(path, options);
  CHECK(art.source_format() == "gif");
  CHECK(art.width() == 20);
  CHECK(art.height() == 10);
}
