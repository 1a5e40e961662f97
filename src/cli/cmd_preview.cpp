// `stickerforge preview PACK.json --out sheet.png`: a contact sheet of the
// pack on light and dark chat backgrounds.
#include <cxxopts.hpp>

#include "artwork/artwork.h"
#include "base/error.h"
#include "base/files.h"
#include "cli/commands.h"
#include "cli/parse_options.h"
#include "pack/pack.h"

namespace sf::cli {

int cmd_preview(CommandContext& context) {
  cxxopts::Options options(context.program,
                           "Draw a contact sheet of a pack on light and dark backgrounds");
  options.add_options()("pack", "pack.json", cxxopts::value<std::string>())(
      "o,out", "PNG file to write", cxxopts::value<std::string>())(
      "tile", "tile size in pixels", cxxopts::value<int>()->default_value("160"))("h,help",
                                                                                  "show this help");
  options.parse_positional({"pack"});
  options.positional_help("PACK.json --out sheet.png");
  std::optional<cxxopts::ParseResult> parsed = parse_options(options, context);
  if (!parsed) return Exit::ok;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("pack"))
    throw bad_input(
        "preview: no pack.json given; usage: stickerforge preview PACK.json --out sheet.png");
  if (!args.count("out"))
    throw bad_input("preview: no output file given; expected --out sheet.png");
  int tile = args["tile"].as<int>();
  if (tile < 32 || tile > 1024)
    throw bad_input("preview: --tile is " + std::to_string(tile) + "; expected 32 to 1024");

  pack::Pack pack = pack::load_pack(args["pack"].as<std::string>());
  artwork::initialize();
  std::vector<artwork::Raster> tiles;
  std::vector<std::string> captions;
  for (const pack::Sticker& sticker : pack.stickers) {
    artwork::LoadOptions load;
    load.max_side_px = tile;
    load.style = pack.style;
    artwork::Canvas canvas;
    canvas.width = canvas.height = tile;
    canvas.margin_px = pack.style.margin_px * tile / 512;
    tiles.push_back(artwork::fit(artwork::load_artwork(sticker.file, load), canvas));
    captions.push_back(sticker.file_as_written);
  }
  artwork::Raster sheet = artwork::contact_sheet(tiles, captions, tile);
  Bytes png = artwork::encode_png(sheet);
  write_file_atomic(args["out"].as<std::string>(),
                    std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
  context.out << "wrote " << args["out"].as<std::string>() << " (" << sheet.width << "x"
              << sheet.height << " px, " << tiles.size() << " stickers)\n";
  return Exit::ok;
}

}  // namespace sf::cli
