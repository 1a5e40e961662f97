// exporters: reproducible ZIP archives (libzip stays inside this pair).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/files.h"

namespace sf::exporters {

struct ZipEntry {
  std::string name;  // '/' separated, relative
  Bytes content;
};

/// A ZIP of `entries`, byte-identical for the same input: entries sorted by
/// name, a fixed timestamp (1980-01-01), fixed permissions; text deflated at level 9, images and archives stored.
/// Throws Error(internal) if libzip fails.
Bytes make_zip(std::vector<ZipEntry> entries);

/// Every file entry of the ZIP at `file`, in archive order. Throws
/// Error(bad_input) naming the file when it is not a readable ZIP, and
/// refuses entries with absolute or '..' names or over `max_total_bytes`.
std::vector<ZipEntry> read_zip(const std::filesystem::path& file,
                               std::uint64_t max_total_bytes = 256u << 20);

}  // namespace sf::exporters
