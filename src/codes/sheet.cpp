#include "codes/sheet.h"

#include "base/error.h"
#include "base/files.h"
#include "base/text.h"
#include "codes/base64url.h"
#include "codes/brand.h"
#include "codes/qr.h"
#include "codes/time_text.h"

namespace sf::codes {
namespace {

// Data URIs take standard base64 with padding; ours is base64url without.
std::string base64_standard(const Bytes& bytes) {
  std::string text = base64url_encode(bytes);
  for (char& c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (text.size() % 4) text += '=';
  return text;
}

// The logo inline, so the sheet is one file that prints anywhere.
std::string logo_img(const Brand& brand) {
  if (brand.logo.empty()) return "";
  Bytes bytes = read_file(brand.logo_file, 1 << 20);
  return "<img class=\"logo\" alt=\"\" src=\"data:" + logo_media_type(brand) + ";base64," +
         base64_standard(bytes) + "\">";
}

std::string validity(const Campaign& c) {
  if (c.ends_unix && c.starts_unix)
    return "Valid " + format_words(c.starts_unix) + " to " + format_end_words(c.ends_unix);
  if (c.ends_unix) return "Use by " + format_end_words(c.ends_unix);
  if (c.starts_unix) return "Valid from " + format_words(c.starts_unix);
  return "";
}

std::string style(CardLayout layout, const BrandColors& colors) {
  const bool receipt = layout != CardLayout::a4;
  // Receipt printers print one colour: everything black on white there.
  const std::string ink = receipt ? "#000000" : colors.text;
  const std::string paper = receipt ? "#FFFFFF" : colors.background;
  const std::string band = receipt ? "#FFFFFF" : colors.primary;
  const std::string on_band = receipt ? "#000000" : readable_on(colors.primary);
  std::string css =
      "*{box-sizing:border-box}\n"
      "html{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
      "body{margin:0;font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:" + ink +
      ";background:#fff}\n"
      ".card{background:" + paper + ";position:relative;break-inside:avoid;overflow:hidden}\n"
      ".brand{display:flex;align-items:center;gap:2mm;background:" + band + ";color:" + on_band +
      ";font-weight:bold}\n"
      ".brand .logo{object-fit:contain}\n"
      ".title{margin:0;font-weight:bold}\n"
      ".code{margin:0;font-family:'DejaVu Sans Mono',monospace;font-weight:bold;white-space:nowrap;"
      "letter-spacing:0.02em}\n"
      ".steps{margin:0;padding-left:1.3em}\n"
      ".steps li{margin:0.3mm 0}\n"
      ".address{font-weight:bold;white-space:nowrap}\n"
      ".expiry{margin:0;font-weight:bold}\n"
      ".serial{position:absolute;right:2mm;bottom:1.2mm;font-size:5.5pt;opacity:0.6}\n"
      ".qr svg{display:block;width:100%;height:auto}\n";
  if (!receipt)
    return css +
           "@page{size:A4;margin:10mm}\n"
           ".sheet{display:grid;grid-template-columns:repeat(2,85mm);grid-auto-rows:55mm;gap:4mm;"
           "justify-content:center;padding:0}\n"
           ".card{width:85mm;height:55mm;border:0.3mm dashed #9a9a9a}\n"
           ".brand{height:9mm;padding:0 3mm;font-size:10pt}\n"
           ".brand .logo{height:6.5mm;max-width:22mm}\n"
           ".body{display:flex;align-items:center;gap:2.5mm;height:46mm;padding:0 3mm 2mm 2mm}\n"
           ".qr{flex:0 0 29mm}\n"
           ".text{flex:1;min-width:0;font-size:7.2pt;line-height:1.3}\n"
           ".title{font-size:8.5pt}\n"
           ".code{font-size:11pt;margin:1mm 0 1.5mm}\n"
           ".expiry{margin-top:1.5mm}\n"
           // On a phone (a sheet forwarded before printing) one card per row.
           "@media screen{body{padding:4mm 0}}\n"
           "@media screen and (max-width:180mm){.sheet{grid-template-columns:85mm}}\n";
  const bool narrow = layout == CardLayout::receipt_58;
  const std::string paper_width = narrow ? "58mm" : "80mm";
  const std::string width = narrow ? "48mm" : "72mm";
  return css + "@page{size:" + paper_width + " " + (narrow ? "110mm" : "125mm") +
         ";margin:0}\n"
         ".sheet{width:" + paper_width + "}\n"
         ".card{width:" + width + ";margin:0 auto;padding:4mm 0 5mm;text-align:center;"
         "border-bottom:0.4mm dashed #000;break-after:page}\n"
         ".brand{justify-content:center;font-size:" + (narrow ? "10pt" : "13pt") + "}\n"
         ".brand .logo{height:" + (narrow ? "9mm" : "11mm") + ";max-width:" + width +
         ";filter:grayscale(1) contrast(1.4)}\n"
         ".body{display:flex;flex-direction:column;align-items:center;gap:1.5mm;padding-top:1.5mm}\n"
         ".qr{width:" + (narrow ? "34mm" : "42mm") + "}\n"
         ".text{font-size:" + (narrow ? "7.5pt" : "9.5pt") + ";line-height:1.3}\n"
         ".title{font-size:" + (narrow ? "9pt" : "11pt") + "}\n"
         ".code{font-size:" + (narrow ? "10.5pt" : "14pt") + ";margin:1mm 0}\n"
         ".steps{text-align:left;display:inline-block;margin:1mm 0}\n"
         ".serial{position:static;display:block;margin-top:1mm}\n";
}

}  // namespace

std::optional<CardLayout> parse_card_layout(std::string_view name) {
  if (name == "a4") return CardLayout::a4;
  if (name == "receipt-58") return CardLayout::receipt_58;
  if (name == "receipt-80") return CardLayout::receipt_80;
  return std::nullopt;
}

std::string redemption_address(std::string_view link_base) {
  std::string text(link_base);
  for (const char* cut : {"{code}", "?", "#"})
    if (auto at = text.find(cut); at != std::string::npos) text.erase(at);
  for (const char* scheme : {"https://", "http://"})
    if (text.starts_with(scheme)) text.erase(0, std::string_view(scheme).size());
  // The code page sits beside the /r/ links: rewards.example/r/ -> rewards.example
  if (text.ends_with("/r/")) text.resize(text.size() - 3);
  else if (text.ends_with("/r")) text.resize(text.size() - 2);
  while (!text.empty() && (text.back() == '/' || text.back() == '=')) text.pop_back();
  return text;
}

SheetWriter::SheetWriter(std::string& out, const Campaign& campaign, CardSettings settings)
    : out_(out), settings_(std::move(settings)) {
  const Brand& brand = campaign.brand;
  const BrandColors colors = effective_colors(brand);
  const bool receipt = settings_.layout != CardLayout::a4;
  qr_dark_ = receipt ? "#000000" : qr_dark_color(brand);
  const std::string brand_name = brand.name.empty() ? campaign.name : brand.name;
  const std::string title = html_escape(brand_name.empty() ? campaign.id : brand_name);
  header_ = "<header class=\"brand\">" + logo_img(brand) + "<span class=\"name\">" + title +
            "</span></header>";
  const std::string address = "<span class=\"address\">" + html_escape(settings_.address) + "</span>";
  footer_ = settings_.typed
                ? "<ol class=\"steps\"><li>Scan the QR code, or go to " + address +
                      " and type the code</li><li>Tap <b>Get my stickers</b></li>"
                      "<li>Add them to your messenger</li></ol>"
                : "<ol class=\"steps\"><li>Scan the QR code with your phone camera</li>"
                  "<li>Tap <b>Get my stickers</b></li><li>Add them to your messenger</li></ol>";
  const std::string valid = validity(campaign);
  if (!valid.empty()) footer_ += "<p class=\"expiry\">" + html_escape(valid) + "</p>";
  out_ += "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width\"><title>" +
          title + " reward cards</title>\n<style>\n" + style(settings_.layout, colors) +
          "</style></head><body>\n<main class=\"sheet\">\n";
}

void SheetWriter::add(std::string_view code, std::uint64_t serial, std::string_view qr_url) {
  out_ += "<article class=\"card\">";
  out_ += header_;
  out_ += "<div class=\"body\"><div class=\"qr\" role=\"img\" aria-label=\"QR code\">";
  out_ += qr_svg(qr_url, qr_dark_);
  out_ += "</div><div class=\"text\"><p class=\"title\">Your free stickers</p>";
  if (settings_.typed) out_ += "<p class=\"code\">" + html_escape(code) + "</p>";
  out_ += footer_;
  out_ += "</div></div><span class=\"serial\">#" + std::to_string(serial) + "</span></article>\n";
}

void SheetWriter::finish() { out_ += "</main>\n</body></html>\n"; }

}  // namespace sf::codes
