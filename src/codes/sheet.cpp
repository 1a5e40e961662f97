#include "codes/sheet.h"

#include "base/text.h"
#include "codes/qr.h"

namespace sf::codes {

SheetWriter::SheetWriter(std::string& out, const Campaign& campaign) : out_(out) {
  std::string title = html_escape(campaign.name.empty() ? campaign.id : campaign.name);
  out_ += "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
          " codes</title>\n<style>\n"
          "@page { size: A4; margin: 10mm; }\n"
          "body { font-family: sans-serif; margin: 0; }\n"
          "h1 { font-size: 14pt; margin: 0 0 4mm; }\n"
          ".grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4mm; }\n"
          ".card { border: 1px dashed #999; padding: 3mm; text-align: center; break-inside: avoid; }\n"
          ".card svg { width: 30mm; height: 30mm; }\n"
          ".code { font-family: monospace; font-size: 13pt; letter-spacing: 0.5pt; overflow-wrap: anywhere; }\n"
          ".serial { color: #666; font-size: 8pt; }\n"
          "</style></head><body>\n<h1>" + title + "</h1>\n<div class=\"grid\">\n";
}

void SheetWriter::add(std::string_view code, std::uint64_t serial, std::string_view qr_text) {
  out_ += "<div class=\"card\">";
  out_ += qr_svg(qr_text);
  // Link tokens are long: show them small; typed codes are meant to be typed.
  out_ += code.size() > 19 ? "<div class=\"code\" style=\"font-size:6pt\">" : "<div class=\"code\">";
  out_ += html_escape(code);
  out_ += "</div><div class=\"serial\">#" + std::to_string(serial) + "</div></div>\n";
}

void SheetWriter::finish() { out_ += "</div>\n</body></html>\n"; }

}  // namespace sf::codes
