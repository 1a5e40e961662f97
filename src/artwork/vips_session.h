// artwork (internal): libvips start-up and error translation. Only files in
// src/artwork include this.
#pragma once

#include <string>

#include <vips/vips8>

namespace sf::artwork::detail {

/// The libvips error text of `error`, trimmed to one line and with the
/// thread's error buffer cleared, for use inside an sf::Error message.
std::string vips_message(const vips::VError& error);

}  // namespace sf::artwork::detail
