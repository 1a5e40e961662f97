#include "base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

#include "base/error.h"

namespace fs = std::filesystem;

namespace sf {
namespace {

std::string errno_text() { return std::strerror(errno); }

std::string random_suffix() {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  for (int i = 0; i < 8; ++i) out += kAlphabet[generator() % 36];
  return out;
}

}  // namespace

Bytes read_file(const fs::path& path, std::uintmax_t max_bytes) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status))
    throw not_found(path.string() + ": file not found");
  if (fs::is_directory(status))
    throw bad_input(path.string() + ": is a folder; expected a file");
  std::uintmax_t size = fs::file_size(path, ec);
  if (ec) throw io_error(path.string() + ": cannot read size: " + ec.message());
  if (size > max_bytes)
    throw bad_input(path.string() + ": file is " + std::to_string(size) +
                    " bytes; the limit is " + std::to_string(max_bytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error(path.string() + ": cannot open: " + errno_text());
  Bytes bytes(size);
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size)
    throw io_error(path.string() + ": short read");
  return bytes;
}

std::string read_text_file(const fs::path& path, std::uintmax_t max_bytes) {
  Bytes bytes = read_file(path, max_bytes);
  return std::string(bytes.begin(), bytes.end());
}

void write_file_atomic(const fs::path& path, std::string_view content, unsigned mode) {
  fs::path temp = path;
  temp += ".tmp-" + random_suffix();
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) throw io_error(path.string() + ": cannot create: " + errno_text());
  ::fchmod(fd, mode);  // umask must not widen or narrow what the caller asked
  std::size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string why = errno_text();
      ::close(fd);
      ::unlink(temp.c_str());
      throw io_error(path.string() + ": cannot write: " + why);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string why = errno_text();
    ::unlink(temp.c_str());
    throw io_error(path.string() + ": cannot flush: " + why);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    std::string why = errno_text();
    ::unlink(temp.c_str());
    throw io_error(path.string() + ": cannot rename into place: " + why);
  }
}

fs::path make_sibling_temp_dir(const fs::path& target) {
  fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  for (int attempt = 0; attempt < 16; ++attempt) {
    fs::path candidate = parent / (target.filename().string() + ".tmp-" + random_suffix());
    if (fs::create_directory(candidate, ec)) return candidate;
  }
  throw io_error(parent.string() + ": cannot create a temporary folder: " + ec.message());
}

void replace_dir(const fs::path& staged, const fs::path& target) {
  std::error_code ec;
  fs::path old;
  if (fs::exists(target, ec)) {
    old = target;
    old += ".old-" + random_suffix();
    fs::rename(target, old, ec);
    if (ec) throw io_error(target.string() + ": cannot move the old output aside: " + ec.message());
  }
  fs::rename(staged, target, ec);
  if (ec) {
    if (!old.empty()) fs::rename(old, target);
    throw io_error(target.string() + ": cannot move the new output into place: " + ec.message());
  }
  if (!old.empty()) fs::remove_all(old, ec);
}

TempDirGuard::~TempDirGuard() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace sf
