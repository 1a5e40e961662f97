// publish: the install description the verifier reads (cross-team contract 2):
// `<packs>/<pack_id>/install.json` = {"platforms": {"telegram": {"add_link": …}, …}}.
#pragma once

#include <filesystem>
#include <string>

namespace sf::publish {

/// Sets platforms.<platform>.<field> = value in `path`, keeping every other
/// key, written atomically (the verifier re-reads it on SIGHUP). Creates the
/// file when missing; throws Error(bad_input) naming the file when it is not
/// a JSON object, Error(not_found) when its folder does not exist.
void set_install_field(const std::filesystem::path& path, const std::string& platform,
                       const std::string& field, const std::string& value);

/// When the older `add_links.json` ({"telegram": link, ...}) sits beside
/// `install_json`, sets its `platform` key too (atomically, keeping the
/// rest), so a verifier still reading it never hands out a stale link.
void update_legacy_add_link(const std::filesystem::path& install_json, const std::string& platform,
                            const std::string& link);

/// Throws what set_install_field would, without writing: called before
/// publishing so a bad target changes nothing on Telegram either.
void check_install_file(const std::filesystem::path& path);

}  // namespace sf::publish
