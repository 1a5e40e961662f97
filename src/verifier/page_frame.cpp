#include "verifier/page_frame.h"

#include <algorithm>
#include <cmath>

#include "base/text.h"
#include "verifier/web_templates.h"

namespace sf::verifier {
namespace {

double channel(std::string_view hex) {
  double value = std::stoi(std::string(hex), nullptr, 16) / 255.0;
  return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

// WCAG relative luminance, to pick white or black text on the brand's colour.
double luminance(std::string_view colour) {
  return 0.2126 * channel(colour.substr(1, 2)) + 0.7152 * channel(colour.substr(3, 2)) +
         0.0722 * channel(colour.substr(5, 2));
}

std::string brand_colours(const PageBrand& brand) {
  std::string css;
  if (is_hex_colour(brand.primary)) {
    css += "--accent: " + brand.primary + "; --accent-text: ";
    // Whichever of white and near-black contrasts more with the button.
    const double l = luminance(brand.primary);
    css += (1.05 / (l + 0.05) >= (l + 0.05) / 0.05) ? "#fff; " : "#1c1917; ";
  }
  if (is_hex_colour(brand.background)) css += "--bg: " + brand.background + "; ";
  if (is_hex_colour(brand.text)) css += "--text: " + brand.text + "; ";
  return css;
}

// The campaigns file allows https, http and mailto links (codes/brand.h).
bool is_link(std::string_view url) {
  return (url.starts_with("https://") || url.starts_with("http://") ||
          url.starts_with("mailto:")) &&
         url.size() < 512 &&
         std::none_of(url.begin(), url.end(), [](char c) { return c <= ' ' || c == '"'; });
}

std::string header(const PageBrand& brand) {
  if (brand.name.empty() && brand.logo_url.empty()) return {};
  std::string html = "<header>";
  if (!brand.logo_url.empty())
    html += "<img src=\"" + html_escape(brand.logo_url) + "\" alt=\"" +
            html_escape(brand.name.empty() ? "Logo" : brand.name) + "\">";
  if (!brand.name.empty())
    html += std::string("<span class=\"brand\"") + (brand.logo_url.empty() ? "" : " aria-hidden=\"true\"") +
            ">" + html_escape(brand.name) + "</span>";
  return html + "</header>";
}

std::string footer(const PageBrand& brand, Language language) {
  std::string links;
  if (is_link(brand.support_url))
    links += "<a href=\"" + html_escape(brand.support_url) + "\">" + say(language, "footer.support") + "</a>";
  if (is_link(brand.privacy_url))
    links += "<a href=\"" + html_escape(brand.privacy_url) + "\">" + say(language, "footer.privacy") + "</a>";
  return links.empty() ? "" : "<footer>" + links + "</footer>";
}

}  // namespace

bool is_hex_colour(std::string_view text) {
  return text.size() == 7 && text[0] == '#' &&
         std::all_of(text.begin() + 1, text.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

HttpReply html_reply(int status, const PageContext& context, std::string_view title,
                     const std::string& main) {
  HttpReply reply;
  reply.status = status;
  reply.content_type = "text/html; charset=utf-8";
  reply.body = fill_template(kTemplate_page,
                             {{"lang", std::string(language_tag(context.language))},
                              {"title", html_escape(title)},
                              {"brand_colors", brand_colours(context.brand)},
                              {"header", header(context.brand)},
                              {"main", main},
                              {"footer", footer(context.brand, context.language)}});
  reply.headers.emplace_back("Cache-Control", "no-store");
  reply.headers.emplace_back("Content-Security-Policy",
                             "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                             "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  reply.headers.emplace_back("Content-Language", std::string(language_tag(context.language)));
  reply.headers.emplace_back("Vary", "Accept, Accept-Language, Cookie, User-Agent");
  return reply;
}

}  // namespace sf::verifier
