// GET /brand/<campaign>/logo: the campaign's logo from the campaigns file's
// folder, for the customer pages' header. Public: a logo is no secret.
#include "codes/brand.h"
#include "verifier/routes.h"

namespace sf::verifier {

HttpReply handle_brand_logo(const HttpRequest& request, Services& services,
                            const std::string& campaign_id) {
  codes::Brand brand = services.brand_of ? services.brand_of(campaign_id) : codes::Brand{};
  std::error_code ec;
  if (brand.logo_file.empty() || !std::filesystem::is_regular_file(brand.logo_file, ec)) {
    services.metrics.count(Outcome::not_found);
    return json_error(404, "not_found", "campaign has no logo");
  }
  services.metrics.count(Outcome::other);
  HttpReply reply;
  reply.file = brand.logo_file;
  reply.content_type = codes::logo_media_type(brand);
  reply.headers.emplace_back("Cache-Control", "public, max-age=3600");
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  // An SVG opened on its own runs no script and loads nothing.
  reply.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  (void)request;
  return reply;
}

}  // namespace sf::verifier
