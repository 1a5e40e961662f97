#include "verifier/customer_pages.h"

#include "verifier/unlock_page.h"

namespace sf::verifier {

PageContext page_context(const HttpRequest& request, Services& services,
                         const std::string& campaign_id) {
  PageContext context;
  context.language = request_language(request);
  if (campaign_id.empty() || !services.brand_of) return context;
  const codes::Brand brand = services.brand_of(campaign_id);
  PageBrand& look = context.brand;
  look.name = brand.name;
  if (!brand.logo_file.empty())
    look.logo_url = services.settings.public_url + "/brand/" + campaign_id + "/logo";
  look.primary = brand.colors.primary;
  look.background = brand.colors.background;
  look.text = brand.colors.text;
  look.support_url = brand.support_url;
  look.privacy_url = brand.privacy_url;
  return context;
}

std::optional<std::string> remembered_token(const HttpRequest& request, Services& services,
                                            const std::string& code_key) {
  const std::int64_t now = services.now_ms() / 1000;
  for (const std::string& token : remembered_unlocks(request)) {
    std::string key;
    if (services.personal.check(token, now, key) != PersonalCheck::valid) continue;
    if (code_key.empty() || key == code_key) return token;
  }
  return std::nullopt;
}

HttpReply unlock_page_reply(const HttpRequest& request, Services& services,
                            const std::string& code_key, const std::string& campaign_id,
                            const std::string& pack_id, std::int64_t ends_unix,
                            std::int64_t redeemed_at_ms, bool returning) {
  const PageContext context = page_context(request, services, campaign_id);
  Unlock unlock = make_unlock(services, pack_id, services.now_ms() / 1000);
  attach_personal_address(services, unlock, code_key, ends_unix);
  UnlockPageOptions options;
  options.device = request_device(request);
  options.redeemed_at_unix = redeemed_at_ms / 1000;
  options.returning = returning;
  options.address_ends_unix = ends_unix;
  options.download_ttl_seconds = services.settings.download_ttl_seconds;
  options.home_url = services.settings.public_url + "/";
  HttpReply reply = html_reply(200, context, say(context.language, "unlock.title") + ": " + unlock.pack_title,
                               unlock_main(context, unlock, options));
  reply.headers.emplace_back(
      "Set-Cookie", remember_unlock_cookie(unlock.personal_token, remembered_unlocks(request),
                                           services.settings.public_url.starts_with("https://")));
  return reply;
}

std::string absolute_url(const HttpRequest& request, Services& services, const std::string& path) {
  if (!services.settings.public_url.empty()) return services.settings.public_url + path;
  std::string host = request.header("Host");
  bool plain = !host.empty() && host.size() < 256;
  for (char c : host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
          c == '[' || c == ']'))
      plain = false;
  return (plain ? "http://" + host : std::string("http://localhost")) + path;
}

}  // namespace sf::verifier
