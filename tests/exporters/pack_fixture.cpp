#include "pack_fixture.h"

#include <fstream>
#include <sstream>

#include "support/temp_dir.h"

namespace fs = std::filesystem;

namespace sf::test {
namespace {

// A sticker per index: a coloured blob with its number, so every sticker
// differs and compresses like real flat artwork.
std::string sticker_svg(int index) {
  static const char* kColors[] = {"#e6194b", "#3cb44b", "#4363d8", "#f58231",
                                  "#911eb4", "#46f0f0", "#f032e6", "#bcf60c"};
  std::ostringstream svg;
  svg << R"(<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">)"
      << R"(<ellipse cx="256" cy="256" rx=")" << 150 + (index * 37) % 90 << R"(" ry=")"
      << 120 + (index * 53) % 110 << R"(" fill=")" << kColors[index % 8] << R"("/>)"
      << R"(<rect x=")" << 120 + (index * 13) % 60
      << R"(" y="200" width="80" height="80" rx="12" fill="#ffffff"/>)"
      << R"(<circle cx="330" cy=")" << 220 + (index * 7) % 60
      << R"(" r="40" fill="#222222"/></svg>)";
  return svg.str();
}

}  // namespace

fs::path make_pack(const fs::path& dir, int count, const nlohmann::json& extra) {
  nlohmann::json stickers = nlohmann::json::array();
  static const char* kEmoji[] = {"😀", "👋", "❤️", "🎉", "👍", "🔥", "😎", "🙏"};
  for (int i = 0; i < count; ++i) {
    std::string name = "art/" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1) + ".svg";
    write_file(dir / name, sticker_svg(i));
    stickers.push_back({{"file", name},
                        {"emojis", {kEmoji[i % 8]}},
                        {"keywords", {"word" + std::to_string(i)}},
                        {"alt", "Sticker number " + std::to_string(i + 1)}});
  }
  write_file(
      dir / "art/tray.svg",
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><circle cx="128" cy="128" r="110" fill="#ff6f00"/></svg>)");
  nlohmann::json pack = {
      {"id", "test_pack"},      {"title", "Test Pack"},        {"author", "Stickerforge Tests"},
      {"tray", "art/tray.svg"}, {"telegram_bot", "forge_bot"}, {"stickers", stickers}};
  pack.merge_patch(extra);
  write_file(dir / "pack.json", pack.dump(2));
  return dir / "pack.json";
}

Identified identify(const fs::path& file) {
  CommandResult result = run_command("identify -format '%m %w %h\\n' '" + file.string() + "[0]'");
  Identified out;
  std::istringstream in(result.output);
  in >> out.format >> out.width >> out.height;
  return out;
}

bool webpinfo_ok(const fs::path& file) {
  CommandResult result = run_command("webpinfo -quiet '" + file.string() + "'");
  return result.status == 0;
}

std::vector<std::string> unzip_list(const fs::path& file) {
  CommandResult result = run_command("zipinfo -1 '" + file.string() + "'");
  std::vector<std::string> names;
  std::istringstream in(result.output);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) names.push_back(line);
  return names;
}

std::map<std::string, std::string> zip_methods(const fs::path& file) {
  CommandResult result = run_command("unzip -v '" + file.string() + "'");
  std::map<std::string, std::string> methods;
  std::istringstream in(result.output);
  for (std::string line; std::getline(in, line);) {
    // " Length  Method  Size  Cmpr  Date  Time  CRC-32  Name": entry rows
    // have eight fields and a number first.
    std::istringstream fields(line);
    std::string length, method, size, ratio, date, time, crc, name;
    if (!(fields >> length >> method >> size >> ratio >> date >> time >> crc >> name)) continue;
    if (length.find_first_not_of("0123456789") == std::string::npos) methods[name] = method;
  }
  return methods;
}

std::vector<std::pair<std::string, std::string>> read_tree(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    files.push_back({fs::relative(entry.path(), dir).string(), content.str()});
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace sf::test
