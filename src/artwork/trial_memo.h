// artwork (internal): encodes shared across encode_within calls. Several
// platforms want the same canvas in the same format under different limits
// (Telegram, Signal and WhatsApp all take 512-px WEBP), so their searches
// meet the same (pixels, settings) pairs; each is encoded once per process.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "artwork/artwork.h"

namespace sf::artwork::detail {

/// A 64-bit fingerprint of the raster's size and pixels.
std::uint64_t fingerprint(const Raster& raster);

/// The bytes of an earlier encode of (`pixels`, `trial_key`), or null.
/// Thread-safe.
std::shared_ptr<const Bytes> memo_find(std::uint64_t pixels, const std::string& trial_key);

/// Remembers an encode; the oldest are forgotten beyond ~64 MB in total.
void memo_store(std::uint64_t pixels, const std::string& trial_key,
                std::shared_ptr<const Bytes> bytes);

/// Forgets everything (tests use it to check the encoders themselves are
/// deterministic, not just the memo).
void memo_clear();

}  // namespace sf::artwork::detail
