// publish: Telegram sticker set names. Anyone who knows a set's name can add
// the set, so the name is the reward's only gate: new sets get a random,
// unguessable part. Names are checked against the Bot API's rules before any
// call, so a bad one fails here with a reason instead of on Telegram.
#pragma once

#include <string>

namespace sf::publish {

/// Why `name` breaks the rules for sets of the bot `bot_username`
/// (letters, digits and '_'; starts with a letter; no "__"; ends in
/// "_by_<bot>", case-insensitive; at most 64 characters), or "" when it is fine.
std::string set_name_problem(const std::string& name, const std::string& bot_username);

/// "<prefix>_<16 random letters and digits>_by_<bot>", the prefix (the pack
/// id, cleaned to the rules) shortened so the whole stays within 64
/// characters. 16 characters of 36 give about 82 bits: not guessable.
std::string random_set_name(const std::string& prefix, const std::string& bot_username);

}  // namespace sf::publish
