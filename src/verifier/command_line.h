// verifier: the command line shared by `stickerforge-verifier` and
// `stickerforge serve`: --config FILE plus one flag per config key.
#pragma once

#include <iosfwd>
#include <span>
#include <string>

#include "verifier/extension.h"

namespace sf::verifier {

/// Parses `args` (after the program/command name), loads --config if given
/// and applies the flags over it, then runs the service; or prints help /
/// a new store key. Returns the exit code; throws sf::Error for bad
/// options, values and files (the caller prints it), naming the option.
int verifier_command(std::string_view program, std::span<const std::string> args,
                     std::ostream& out, const ExtensionFactory& extension = {});

}  // namespace sf::verifier
