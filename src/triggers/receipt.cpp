#include "triggers/receipt.h"

namespace sf::triggers {
namespace {

void centered(std::string& out, std::string_view line, int columns) {
  // Long lines (a link) are cut at the width, never centered past it.
  while (static_cast<int>(line.size()) > columns) {
    out.append(line.substr(0, columns));
    out += '\n';
    line.remove_prefix(columns);
  }
  out.append((columns - line.size()) / 2, ' ');
  out.append(line);
  out += '\n';
}

}  // namespace

std::string receipt_text(std::string_view campaign_name, std::string_view code,
                         std::string_view link, int columns) {
  std::string out;
  const std::string rule(columns, '-');
  out += rule + "\n";
  centered(out, "YOUR STICKER REWARD", columns);
  centered(out, campaign_name.substr(0, columns), columns);
  out += "\n";
  centered(out, code, columns);
  out += "\n";
  centered(out, "Scan the code or open:", columns);
  centered(out, link, columns);
  out += rule + "\n";
  return out;
}

}  // namespace sf::triggers
