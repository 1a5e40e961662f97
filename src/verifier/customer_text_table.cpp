// Every sentence a customer reads, English and German. Keep them short and
// plain: people read these on a phone at a shop counter. Placeholders are
// {name}; steps are "steps.<messenger>.<n>" numbered from 1.
#include "verifier/customer_text_table.h"

namespace sf::verifier {
namespace {

constexpr CustomerText kTexts[] = {
    // The form and the link landing page.
    {"form.title", "Redeem your sticker code", "Sticker-Code einlösen"},
    {"form.label", "Sticker code", "Sticker-Code"},
    {"form.hint",
     "16 letters and digits from your receipt or card, like XXXX-XXXX-XXXX-XXXX. Spaces and "
     "dashes are fine.",
     "16 Buchstaben und Ziffern von Ihrem Kassenbon oder Ihrer Karte, etwa "
     "XXXX-XXXX-XXXX-XXXX. Leerzeichen und Bindestriche sind in Ordnung."},
    {"form.button", "Unlock stickers", "Sticker freischalten"},
    {"link.title", "Your stickers are waiting", "Ihre Sticker warten auf Sie"},
    {"link.intro", "Tap the button to unlock them. Nothing is used up until you tap.",
     "Tippen Sie auf die Schaltfläche, um sie freizuschalten. Erst dann wird der Code "
     "eingelöst."},
    {"link.code", "Code from your link", "Code aus Ihrem Link"},
    {"remembered", "Open the stickers you unlocked on this device",
     "Die auf diesem Gerät freigeschalteten Sticker öffnen"},

    // Why a code did not work.
    {"fail.mistyped_group",
     "This code looks mistyped. Please check the {ordinal} group of four: {group}.",
     "Dieser Code scheint vertippt. Bitte prüfen Sie den {ordinal} Viererblock: {group}."},
    {"fail.mistyped", "This code looks mistyped. Please check each letter and digit.",
     "Dieser Code scheint vertippt. Bitte prüfen Sie jeden Buchstaben und jede Ziffer."},
    {"fail.length", "A sticker code has 16 letters and digits; this one has {count}.",
     "Ein Sticker-Code hat 16 Buchstaben und Ziffern; dieser hat {count}."},
    {"fail.symbol",
     "“{symbol}” does not appear in sticker codes: they use the digits 0-9 and the letters A-Z "
     "except I, L, O and U.",
     "„{symbol}“ kommt in Sticker-Codes nicht vor: Sie bestehen aus den Ziffern 0-9 und den "
     "Buchstaben A-Z außer I, L, O und U."},
    {"fail.link",
     "This link looks damaged or incomplete. Open it again from the original message, or copy "
     "the whole link.",
     "Dieser Link scheint beschädigt oder unvollständig. Öffnen Sie ihn erneut aus der "
     "ursprünglichen Nachricht oder kopieren Sie den ganzen Link."},
    {"fail.unknown",
     "This is not a valid sticker code. Check that it is typed exactly as printed; if it still "
     "fails, ask whoever gave it to you.",
     "Dies ist kein gültiger Sticker-Code. Prüfen Sie, ob er genau wie gedruckt eingegeben ist; "
     "wenn es weiter nicht klappt, fragen Sie, wer Ihnen den Code gegeben hat."},
    {"fail.used", "This code was already used on {date}.",
     "Dieser Code wurde bereits am {date} eingelöst."},
    {"fail.used_up", "This code has been used as often as it allows (last on {date}).",
     "Dieser Code wurde so oft eingelöst, wie er erlaubt (zuletzt am {date})."},
    {"fail.not_started", "This code can be used from {date}. Please come back then.",
     "Dieser Code gilt ab {date}. Bitte kommen Sie dann wieder."},
    {"fail.not_started_plain", "This code cannot be used yet. Please come back later.",
     "Dieser Code gilt noch nicht. Bitte kommen Sie später wieder."},
    {"fail.expired", "This code’s campaign ended on {date}.",
     "Die Aktion dieses Codes endete am {date}."},
    {"fail.expired_plain", "This code has expired.", "Dieser Code ist abgelaufen."},
    {"fail.full", "All the stickers of this campaign have been given out.",
     "Alle Sticker dieser Aktion sind bereits vergeben."},
    {"fail.revoked", "This code has been withdrawn and can no longer be used.",
     "Dieser Code wurde zurückgezogen und kann nicht mehr verwendet werden."},
    {"fail.rate", "Too many attempts from this device. Wait a minute and try again.",
     "Zu viele Versuche von diesem Gerät. Warten Sie eine Minute und versuchen Sie es erneut."},
    {"fail.paused",
     "Redeeming on this page is paused for a while. Please ask a store to redeem the code for "
     "you, or try again later.",
     "Das Einlösen auf dieser Seite ist kurz pausiert. Bitten Sie ein Geschäft, den Code für "
     "Sie einzulösen, oder versuchen Sie es später."},
    {"fail.ledger",
     "The service cannot reach its records right now; nothing was redeemed. Please try again in "
     "a moment.",
     "Der Dienst erreicht seine Daten gerade nicht; nichts wurde eingelöst. Bitte versuchen Sie "
     "es gleich noch einmal."},
    {"fail.form", "The form could not be read. Please type the code again.",
     "Das Formular konnte nicht gelesen werden. Bitte geben Sie den Code erneut ein."},

    // Pages for addresses that do not lead anywhere.
    {"error.title", "This page does not work", "Diese Seite funktioniert nicht"},
    {"error.not_found", "There is nothing at this address. Check the link, or enter your code.",
     "Unter dieser Adresse gibt es nichts. Prüfen Sie den Link oder geben Sie Ihren Code ein."},
    {"error.download_expired",
     "This download link has expired. Open your personal address again for fresh links.",
     "Dieser Download-Link ist abgelaufen. Öffnen Sie Ihre persönliche Adresse erneut für "
     "neue Links."},
    {"error.download_bad", "This download link is not valid. Open your personal address again.",
     "Dieser Download-Link ist ungültig. Öffnen Sie Ihre persönliche Adresse erneut."},
    {"error.unlock_unknown",
     "This personal address is not valid. Check that the whole address was copied.",
     "Diese persönliche Adresse ist ungültig. Prüfen Sie, ob die ganze Adresse kopiert wurde."},
    {"error.unlock_ended", "The campaign of these stickers has ended, and with it this address.",
     "Die Aktion dieser Sticker ist beendet und damit auch diese Adresse."},
    {"error.other", "Something went wrong with this request. Please start again from the code.",
     "Bei dieser Anfrage ist etwas schiefgegangen. Bitte beginnen Sie noch einmal mit dem "
     "Code."},
    {"error.home", "Enter a sticker code", "Einen Sticker-Code eingeben"},

    // The unlock.
    {"unlock.title", "Your stickers are unlocked", "Ihre Sticker sind freigeschaltet"},
    {"unlock.yours", "{pack} is yours. Pick your messenger below.",
     "{pack} gehört Ihnen. Wählen Sie unten Ihren Messenger."},
    {"unlock.returning", "You unlocked these stickers on {date}.",
     "Sie haben diese Sticker am {date} freigeschaltet."},
    {"unlock.links_ttl",
     "Download links work for {duration}; this page makes fresh ones each time you open it.",
     "Download-Links funktionieren {duration} lang; diese Seite erzeugt bei jedem Öffnen neue."},
    {"unlock.preparing",
     "The pack is being prepared. Keep your personal address below and open it again later.",
     "Das Paket wird noch vorbereitet. Behalten Sie Ihre persönliche Adresse unten und öffnen "
     "Sie sie später erneut."},
    {"unlock.address_title", "Your personal address", "Ihre persönliche Adresse"},
    {"unlock.address_until",
     "Keep or bookmark it: it opens your stickers again, on any device, until {date}.",
     "Behalten oder speichern Sie sie: Sie öffnet Ihre Sticker erneut, auf jedem Gerät, bis "
     "{date}."},
    {"unlock.address_open",
     "Keep or bookmark it: it opens your stickers again, on any device, as long as the "
     "campaign runs.",
     "Behalten oder speichern Sie sie: Sie öffnet Ihre Sticker erneut, auf jedem Gerät, solange "
     "die Aktion läuft."},
    {"unlock.preview", "The stickers", "Die Sticker"},
    {"unlock.more", "More messengers", "Weitere Messenger"},
    {"unlock.images", "Save the images", "Bilder speichern"},
    {"unlock.images_text", "All stickers as PNG images in one ZIP file, for any app.",
     "Alle Sticker als PNG-Bilder in einer ZIP-Datei, für jede App."},
    {"unlock.images_button", "Save the images (ZIP)", "Bilder speichern (ZIP)"},
    {"unlock.maker", "For sticker maker apps (.wastickers)",
     "Für Sticker-Maker-Apps (.wastickers)"},
    {"unlock.another", "Redeem another code", "Einen weiteren Code einlösen"},
    {"unlock.nothing",
     "No messenger is set up for this pack yet; save the images below meanwhile.",
     "Für dieses Paket ist noch kein Messenger eingerichtet; speichern Sie bis dahin die "
     "Bilder unten."},

    {"unlock.qr_alt", "QR code of your personal address: scan it with your phone's camera",
     "QR-Code Ihrer persönlichen Adresse: Scannen Sie ihn mit der Kamera Ihres Telefons"},
    {"footer.support", "Help", "Hilfe"},
    {"footer.privacy", "Privacy", "Datenschutz"},

    // Buttons per way of installing.
    {"button.add_to", "Add to {messenger}", "Zu {messenger} hinzufügen"},
    {"button.play_store", "Get it on Google Play", "Bei Google Play holen"},
    {"button.app_store", "Download on the App Store", "Im App Store laden"},
    {"button.store_url", "Open in the {messenger} store", "Im {messenger}-Store öffnen"},
    {"button.invite", "Join the Discord server", "Dem Discord-Server beitreten"},

    // Two or three steps per messenger.
    {"steps.telegram.1", "Tap “Add to Telegram”.", "Tippen Sie auf „Zu Telegram hinzufügen“."},
    {"steps.telegram.2", "Telegram opens the pack: tap “Add stickers”.",
     "Telegram öffnet das Paket: Tippen Sie auf „Sticker hinzufügen“."},
    {"steps.signal.1", "Tap “Add to Signal”.", "Tippen Sie auf „Zu Signal hinzufügen“."},
    {"steps.signal.2", "Signal opens the pack: tap “Install”.",
     "Signal öffnet das Paket: Tippen Sie auf „Installieren“."},
    {"steps.whatsapp.1", "Install the sticker app from your phone's store (button below).",
     "Installieren Sie die Sticker-App aus dem Store Ihres Telefons (Schaltfläche unten)."},
    {"steps.whatsapp.2", "Open the app and tap “Add to WhatsApp” next to the pack.",
     "Öffnen Sie die App und tippen Sie neben dem Paket auf „Zu WhatsApp hinzufügen“."},
    {"steps.whatsapp.3", "In any WhatsApp chat, find them under the sticker icon.",
     "In jedem WhatsApp-Chat finden Sie sie unter dem Sticker-Symbol."},
    {"steps.imessage.1", "Install the sticker app from the App Store (button below).",
     "Installieren Sie die Sticker-App aus dem App Store (Schaltfläche unten)."},
    {"steps.imessage.2", "In Messages, open a chat, tap “+” and then “Stickers”.",
     "Öffnen Sie in Nachrichten einen Chat, tippen Sie auf „+“ und dann auf „Sticker“."},
    {"steps.line.1", "Tap “Open in the LINE store”.",
     "Tippen Sie auf „Im LINE-Store öffnen“."},
    {"steps.line.2", "In LINE, tap “Download” on the sticker page.",
     "Tippen Sie in LINE auf der Sticker-Seite auf „Herunterladen“."},
    {"steps.discord.1", "Tap “Join the Discord server”.",
     "Tippen Sie auf „Dem Discord-Server beitreten“."},
    {"steps.discord.2", "Use the stickers in that server's channels from the sticker picker.",
     "Verwenden Sie die Sticker in den Kanälen dieses Servers über die Sticker-Auswahl."},
    {"steps.viber.1", "Tap “Open in the Viber store”.",
     "Tippen Sie auf „Im Viber-Store öffnen“."},
    {"steps.viber.2", "In Viber, tap “Download” on the sticker pack.",
     "Tippen Sie in Viber beim Sticker-Paket auf „Herunterladen“."},
    {"steps.kik.1", "Tap “Open in the Kik store”.", "Tippen Sie auf „Im Kik-Store öffnen“."},
    {"steps.kik.2", "Follow the page's button to add the stickers to Kik.",
     "Folgen Sie der Schaltfläche der Seite, um die Sticker zu Kik hinzuzufügen."},
    {"steps.wechat.1", "Tap “Open in the WeChat store”.",
     "Tippen Sie auf „Im WeChat-Store öffnen“."},
    {"steps.wechat.2", "In WeChat, tap “Add” to save the stickers.",
     "Tippen Sie in WeChat auf „Hinzufügen“, um die Sticker zu speichern."},
    {"steps.android-keyboard.1", "Install the keyboard from Google Play (button below).",
     "Installieren Sie die Tastatur bei Google Play (Schaltfläche unten)."},
    {"steps.android-keyboard.2",
     "Turn it on in Settings › System › Keyboard, then switch to it in any app.",
     "Aktivieren Sie sie unter Einstellungen › System › Tastatur und wechseln Sie in einer "
     "beliebigen App zu ihr."},
    {"steps.ios-keyboard.1", "Install the keyboard from the App Store (button below).",
     "Installieren Sie die Tastatur aus dem App Store (Schaltfläche unten)."},
    {"steps.ios-keyboard.2",
     "Turn it on in Settings › General › Keyboard › Keyboards, then switch with the globe key.",
     "Aktivieren Sie sie unter Einstellungen › Allgemein › Tastatur › Tastaturen und wechseln "
     "Sie mit der Globus-Taste."},

    // Written-out dates and durations.
    {"month.1", "January", "Januar"},     {"month.2", "February", "Februar"},
    {"month.3", "March", "März"},         {"month.4", "April", "April"},
    {"month.5", "May", "Mai"},            {"month.6", "June", "Juni"},
    {"month.7", "July", "Juli"},          {"month.8", "August", "August"},
    {"month.9", "September", "September"}, {"month.10", "October", "Oktober"},
    {"month.11", "November", "November"}, {"month.12", "December", "Dezember"},
    {"date", "{day} {month} {year}, {time} UTC", "{day}. {month} {year}, {time} UTC"},
    {"minute.1", "1 minute", "1 Minute"},  {"minute.n", "{n} minutes", "{n} Minuten"},
    {"hour.1", "1 hour", "1 Stunde"},      {"hour.n", "{n} hours", "{n} Stunden"},
    {"day.1", "1 day", "1 Tag"},           {"day.n", "{n} days", "{n} Tage"},
    {"second.n", "{n} seconds", "{n} Sekunden"},
    {"ordinal.1", "first", "ersten"},      {"ordinal.2", "second", "zweiten"},
    {"ordinal.3", "third", "dritten"},     {"ordinal.4", "fourth", "vierten"},
};

}  // namespace

std::span<const CustomerText> customer_texts() { return kTexts; }

}  // namespace sf::verifier
