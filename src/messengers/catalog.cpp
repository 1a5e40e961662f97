#include "messengers/catalog.h"

namespace sf::messengers {
namespace {

constexpr Way kAddLink[] = {Way::add_link};
constexpr Way kApps[] = {Way::play_store, Way::app_store};
constexpr Way kAppStore[] = {Way::app_store};
constexpr Way kPlayStore[] = {Way::play_store};
constexpr Way kStore[] = {Way::store_url};
constexpr Way kInvite[] = {Way::invite};

constexpr Messenger kCatalog[] = {
    {"whatsapp", "WhatsApp", kApps, "steps.whatsapp", "", ".wastickers", System::any},
    {"telegram", "Telegram", kAddLink, "steps.telegram", "https://t.me/", "", System::any},
    {"signal", "Signal", kAddLink, "steps.signal", "https://signal.art/addstickers/", "",
     System::any},
    {"imessage", "iMessage", kAppStore, "steps.imessage", "", "", System::ios},
    {"line", "LINE", kStore, "steps.line", "", "", System::any},
    {"viber", "Viber", kStore, "steps.viber", "", "", System::any},
    {"wechat", "WeChat", kStore, "steps.wechat", "", "", System::any},
    {"kik", "Kik", kStore, "steps.kik", "", "", System::any},
    {"discord", "Discord", kInvite, "steps.discord", "", "", System::any},
    {"android-keyboard", "Sticker keyboard (Android)", kPlayStore, "steps.android-keyboard", "",
     "", System::android},
    {"ios-keyboard", "Sticker keyboard (iPhone)", kAppStore, "steps.ios-keyboard", "", "",
     System::ios},
};

}  // namespace

std::string_view field_name(Way way) {
  switch (way) {
    case Way::add_link: return "add_link";
    case Way::play_store: return "play_store";
    case Way::app_store: return "app_store";
    case Way::store_url: return "store_url";
    case Way::invite: return "invite";
  }
  return "add_link";
}

std::span<const Messenger> catalog() { return kCatalog; }

const Messenger* find_messenger(std::string_view id) {
  for (const Messenger& messenger : kCatalog)
    if (messenger.id == id) return &messenger;
  return nullptr;
}

}  // namespace sf::messengers
