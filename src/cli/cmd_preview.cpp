// `stickerforge preview PACK.json --out sheet.png`: a contact sheet of the
// pack on light and dark chat backgrounds: the tray first, then every
// sticker numbered as its files are (01, 02, ...) with its emoji. The
// format follows the file name (.png, .jpg/.jpeg, .webp).
#include <cctype>
#include <cxxopts.hpp>
#include <limits>

#include "artwork/artwork.h"
#include "base/error.h"
#include "base/files.h"
#include "base/text.h"
#include "cli/commands.h"
#include "cli/parse_options.h"
#include "pack/pack.h"

namespace sf::cli {
namespace {

// The file name says the format: a sheet.jpg that holds PNG bytes confuses
// every viewer that trusts the name.
artwork::Format format_for(const std::string& out) {
  std::string ext = std::filesystem::path(out).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".png") return artwork::Format::png;
  if (ext == ".jpg" || ext == ".jpeg") return artwork::Format::jpeg;
  if (ext == ".webp") return artwork::Format::webp;
  throw bad_input("preview: --out " + quote(out) + " ends in " + (ext.empty() ? "nothing" : quote(ext)) +
                  "; expected .png, .jpg, .jpeg or .webp");
}

}  // namespace

int cmd_preview(CommandContext& context) {
  cxxopts::Options options(context.program,
                           "Draw a contact sheet of a pack on light and dark backgrounds");
  options.add_options()("pack", "pack.json", cxxopts::value<std::string>())(
      "o,out", "file to write (.png, .jpg or .webp)", cxxopts::value<std::string>())(
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
  const std::string out = args["out"].as<std::string>();
  artwork::Format format = format_for(out);
  artwork::initialize();
  std::vector<artwork::Raster> tiles;
  std::vector<std::string> captions;
  auto add = [&](const std::filesystem::path& file, pack::Background background, int page,
                 const std::string& caption) {
    artwork::LoadOptions load;
    load.max_side_px = tile;
    load.style = pack.style;
    load.background = background;
    load.page = page;
    artwork::Canvas canvas;
    canvas.width = canvas.height = tile;
    canvas.margin_px = pack.style.margin_px * tile / 512;
    tiles.push_back(artwork::fit(artwork::load_artwork(file, load), canvas));
    captions.push_back(caption);
  };
  add(pack.tray.empty() ? pack.stickers.front().file : pack.tray, pack.background,
      pack.tray.empty() ? pack.stickers.front().page : 1,
      "tray: " + (pack.tray.empty() ? pack.stickers.front().file_as_written : pack.tray_as_written));
  for (std::size_t i = 0; i < pack.stickers.size(); ++i) {
    const pack::Sticker& sticker = pack.stickers[i];
    std::string number = (i + 1 < 10 ? "0" : "") + std::to_string(i + 1);
    std::string caption = number + " " + join(sticker.emojis, "") + " " + sticker.file_as_written;
    add(sticker.file, sticker.background.value_or(pack.background), sticker.page, caption);
  }
  artwork::Raster sheet = artwork::contact_sheet(tiles, captions, tile);
  artwork::EncodeRequest request;
  request.format = format;
  request.max_bytes = std::numeric_limits<std::uint64_t>::max();
  Bytes bytes = format == artwork::Format::png ? artwork::encode_png(sheet)
                                                : artwork::encode_within(sheet, request).bytes;
  write_file_atomic(out, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  context.out << "wrote " << out << " (" << artwork::format_name(format) << ", " << sheet.width
              << "x" << sheet.height << " px, tray and " << pack.stickers.size() << " stickers)\n";
  return Exit::ok;
}

}  // namespace sf::cli
