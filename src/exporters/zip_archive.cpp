#include "exporters/zip_archive.h"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "base/error.h"
#include "base/text.h"

namespace sf::exporters {
namespace {

// 1980-01-01 00:00 local DOS time: the earliest a ZIP can hold, so every
// build writes the same bytes whatever the clock says.
constexpr time_t kFixedMtime = 315532800 + 12 * 3600;

// Images and archives are compressed already: deflating them again costs
// time and saves under 1%, so they are stored (as `zip -n` does).
bool already_compressed(const std::string& name) {
  std::string extension = std::filesystem::path(name).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* packed : {".png", ".webp", ".gif", ".jpg", ".jpeg", ".webm", ".tgs", ".zip"})
    if (extension == packed) return true;
  return false;
}

std::string zip_error_text(zip_t* archive) {
  return archive ? zip_strerror(archive) : "unknown libzip error";
}

}  // namespace

Bytes make_zip(std::vector<ZipEntry> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const ZipEntry& a, const ZipEntry& b) { return a.name < b.name; });
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) throw internal_error("zip: cannot create a memory buffer");
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_source_free(buffer);
    throw internal_error("zip: cannot open a memory archive");
  }
  zip_source_keep(buffer);  // read the bytes back after zip_close
  auto fail = [&](const std::string& what) {
    std::string text = "zip: " + what + ": " + zip_error_text(archive);
    zip_discard(archive);
    zip_source_free(buffer);
    return internal_error(text);
  };
  for (const ZipEntry& entry : entries) {
    // libzip reads the data at zip_close, so the entries must outlive it (they do).
    zip_source_t* data = zip_source_buffer(archive, entry.content.data(), entry.content.size(), 0);
    if (!data) throw fail("cannot add " + entry.name);
    zip_int64_t index = zip_file_add(archive, entry.name.c_str(), data, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(data);
      throw fail("cannot add " + entry.name);
    }
    zip_uint64_t i = static_cast<zip_uint64_t>(index);
    const bool store = already_compressed(entry.name);
    if (zip_set_file_compression(archive, i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 9) != 0 ||
        zip_file_set_mtime(archive, i, kFixedMtime, 0) != 0 ||
        zip_file_set_external_attributes(archive, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0)
      throw fail("cannot set attributes of " + entry.name);
  }
  if (zip_close(archive) != 0) throw fail("cannot finish the archive");
  Bytes out;
  if (zip_source_open(buffer) != 0) {
    zip_source_free(buffer);
    throw internal_error("zip: cannot read the archive back");
  }
  std::uint8_t chunk[65536];
  zip_int64_t n;
  while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0)
    out.insert(out.end(), chunk, chunk + n);
  zip_source_close(buffer);
  zip_source_free(buffer);
  if (n < 0) throw internal_error("zip: cannot read the archive back");
  return out;
}

std::vector<ZipEntry> read_zip(const std::filesystem::path& file, std::uint64_t max_total_bytes) {
  int code = 0;
  std::unique_ptr<zip_t, decltype(&zip_discard)> archive(zip_open(file.c_str(), ZIP_RDONLY, &code),
                                                         &zip_discard);
  if (!archive) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw bad_input(file.string() + ": not a readable ZIP archive (" + why + ")");
  }
  std::vector<ZipEntry> entries;
  std::uint64_t total = 0;
  zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    if (zip_stat_index(archive.get(), i, 0, &stat) != 0) continue;
    std::string name = stat.name;
    if (!name.empty() && name.back() == '/') continue;  // folder entry
    if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos)
      throw bad_input(file.string() + ": entry " + quote(name) +
                      " escapes the archive; expected a relative name");
    total += stat.size;
    if (total > max_total_bytes)
      throw bad_input(file.string() + ": unpacks to more than " + std::to_string(max_total_bytes) +
                      " bytes; refusing");
    Bytes content(stat.size);
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> entry(zip_fopen_index(archive.get(), i, 0),
                                                             &zip_fclose);
    if (!entry ||
        zip_fread(entry.get(), content.data(), stat.size) != static_cast<zip_int64_t>(stat.size))
      throw bad_input(file.string() + ": entry " + quote(name) + " cannot be read");
    entries.push_back({name, std::move(content)});
  }
  return entries;
}

}  // namespace sf::exporters
