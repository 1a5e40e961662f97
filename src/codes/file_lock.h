// codes: an exclusive advisory lock (flock) on "<file>.lock", held while a
// keyring, campaigns or revocations file is read-modified-written, so two
// concurrent runs never hand out the same serials or lose each other's edits.
#pragma once

#include <filesystem>

namespace sf::codes {

class FileLock {
 public:
  /// Blocks until the lock on `file`.lock is held. Throws Error(io) naming
  /// the lock file when it cannot be created.
  explicit FileLock(const std::filesystem::path& file);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace sf::codes
