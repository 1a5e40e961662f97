#include "verifier/unlock_page.h"

#include <algorithm>

#include "base/text.h"
#include "messengers/catalog.h"
#include "verifier/web_templates.h"

namespace sf::verifier {
namespace {

using messengers::Messenger;
using messengers::System;

constexpr std::size_t kMaxPreviews = 12;

bool fits(System system, Device device) {
  if (system == System::any || device == Device::other) return true;
  return (system == System::ios) == (device == Device::ios);
}

// The visitor's store first: an iPhone user sees the App Store button first.
int button_rank(std::string_view field, Device device) {
  if (field == "app_store") return device == Device::ios ? 0 : device == Device::android ? 2 : 1;
  if (field == "play_store") return device == Device::android ? 0 : 1;
  return 0;
}

std::string button_label(Language language, std::string_view field, const Messenger& messenger) {
  const std::string name(messenger.name);
  if (field == "add_link") return say(language, "button.add_to", {{"messenger", name}});
  if (field == "play_store") return say(language, "button.play_store");
  if (field == "app_store") return say(language, "button.app_store");
  if (field == "invite") return say(language, "button.invite");
  return say(language, "button.store_url", {{"messenger", name}});
}

std::string messenger_card(const PageContext& context, const Messenger& messenger,
                           const UnlockPlatform& platform, Device device) {
  std::string steps;
  for (int n = 1;; ++n) {
    const std::string key = std::string(messenger.steps_key) + "." + std::to_string(n);
    if (!has_text(key)) break;
    steps += "    <li>" + html_escape(say(context.language, key)) + "</li>\n";
  }
  auto install = platform.install;
  std::stable_sort(install.begin(), install.end(), [&](const auto& a, const auto& b) {
    return button_rank(a.first, device) < button_rank(b.first, device);
  });
  std::string buttons;
  for (std::size_t i = 0; i < install.size(); ++i)
    buttons += "  <a class=\"button" + std::string(i == 0 ? "" : " secondary") + "\" href=\"" +
               html_escape(install[i].second) + "\">" +
               html_escape(button_label(context.language, install[i].first, messenger)) + "</a>\n";
  return fill_template(kTemplate_messenger, {{"id", html_escape(messenger.id)},
                                             {"name", html_escape(messenger.name)},
                                             {"steps", steps},
                                             {"buttons", buttons}});
}

std::string messengers_html(const PageContext& context, const Unlock& unlock, Device device) {
  std::string first, more;
  for (const Messenger& messenger : messengers::catalog()) {
    auto it = std::find_if(unlock.platforms.begin(), unlock.platforms.end(),
                           [&](const UnlockPlatform& p) { return p.platform == messenger.id; });
    if (it == unlock.platforms.end() || it->install.empty()) continue;
    std::string card = messenger_card(context, messenger, *it, device);
    // The visitor's system's own messengers (iMessage on an iPhone) lead.
    if (!fits(messenger.system, device)) more += card;
    else if (messenger.system != System::any) first = card + first;
    else first += card;
  }
  if (!more.empty())
    more = "<details><summary>" + html_escape(say(context.language, "unlock.more")) +
           "</summary>\n" + more + "</details>\n";
  if (first.empty() && more.empty())
    return "<p>" + html_escape(say(context.language, "unlock.nothing")) + "</p>\n";
  return first + more;
}

std::string images_html(const PageContext& context, const Unlock& unlock) {
  std::string maker;
  for (const UnlockPlatform& platform : unlock.platforms) {
    const Messenger* messenger = messengers::find_messenger(platform.platform);
    if (!messenger || messenger->maker_file_suffix.empty()) continue;
    for (const auto& [file, url] : platform.downloads)
      if (file.ends_with(messenger->maker_file_suffix))
        maker += "  <p><a href=\"" + html_escape(url) + "\" download>" +
                 html_escape(say(context.language, "unlock.maker")) + "</a></p>\n";
  }
  if (unlock.images_url.empty() && maker.empty()) return {};
  std::string html = "<section class=\"card\" aria-labelledby=\"images-title\">\n"
                     "  <h2 id=\"images-title\">" +
                     html_escape(say(context.language, "unlock.images")) + "</h2>\n";
  if (!unlock.images_url.empty())
    html += "  <p>" + html_escape(say(context.language, "unlock.images_text")) +
            "</p>\n  <a class=\"button secondary\" href=\"" + html_escape(unlock.images_url) +
            "\" download>" + html_escape(say(context.language, "unlock.images_button")) + "</a>\n";
  return html + maker + "</section>\n";
}

std::string previews_html(const PageContext& context, const Unlock& unlock) {
  if (unlock.previews.empty()) return {};
  std::string html = "<section aria-label=\"" + html_escape(say(context.language, "unlock.preview")) +
                     "\" class=\"previews\">\n";
  for (std::size_t i = 0; i < unlock.previews.size() && i < kMaxPreviews; ++i)
    html += "  <img src=\"" + html_escape(unlock.previews[i]) + "\" alt=\"\" width=\"80\" height=\"80\">\n";
  return html + "</section>\n";
}

std::string address_html(const PageContext& context, const Unlock& unlock,
                         const UnlockPageOptions& options) {
  if (unlock.personal_url.empty()) return {};
  const Language language = context.language;
  std::string text = options.address_ends_unix > 0
                         ? say(language, "unlock.address_until",
                               {{"date", say_date(language, options.address_ends_unix)}})
                         : say(language, "unlock.address_open");
  return fill_template(kTemplate_address,
                       {{"title", html_escape(say(language, "unlock.address_title"))},
                        {"text", html_escape(text)},
                        {"url", html_escape(unlock.personal_url)},
                        {"qr", html_escape(unlock.personal_qr_url)},
                        {"qr_alt", html_escape(say(language, "unlock.qr_alt"))}});
}

}  // namespace

std::string unlock_main(const PageContext& context, const Unlock& unlock,
                        const UnlockPageOptions& options) {
  const Language language = context.language;
  std::string returning;
  if (options.returning && options.redeemed_at_unix > 0)
    returning = "<p>" + html_escape(say(language, "unlock.returning",
                                        {{"date", say_date(language, options.redeemed_at_unix)}})) +
                "</p>";
  std::string body;
  if (unlock.available) {
    body = messengers_html(context, unlock, options.device);
  } else {
    body = "<p>" + html_escape(say(language, "unlock.preparing")) + "</p>\n";
  }
  return fill_template(
      kTemplate_unlocked,
      {{"heading", html_escape(say(language, "unlock.title"))},
       {"yours", html_escape(say(language, "unlock.yours", {{"pack", unlock.pack_title}}))},
       {"returning", returning},
       {"links_ttl", unlock.available
                         ? html_escape(say(language, "unlock.links_ttl",
                                           {{"duration", say_duration(language, options.download_ttl_seconds)}}))
                         : ""},
       {"previews", unlock.available ? previews_html(context, unlock) : ""},
       {"messengers", body},
       {"images", unlock.available ? images_html(context, unlock) : ""},
       {"address", address_html(context, unlock, options)},
       {"home", html_escape(options.home_url)},
       {"another", html_escape(say(language, "unlock.another"))}});
}

}  // namespace sf::verifier
