// base: error types shared by every module. Includes nothing of ours and no
// third-party header, so any module (and both executables) can use it.
#pragma once

#include <stdexcept>
#include <string>

namespace sf {

/// What went wrong, so a boundary (CLI exit code, HTTP status) can map it.
enum class ErrorKind { bad_input, not_found, conflict, io, internal };

/// The one exception type for failures that abort an operation. Messages
/// follow the house shape: subject first, quoted value, what was expected.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

[[nodiscard]] inline Error bad_input(const std::string& message) {
  return Error(ErrorKind::bad_input, message);
}
[[nodiscard]] inline Error not_found(const std::string& message) {
  return Error(ErrorKind::not_found, message);
}
[[nodiscard]] inline Error conflict(const std::string& message) {
  return Error(ErrorKind::conflict, message);
}
[[nodiscard]] inline Error io_error(const std::string& message) {
  return Error(ErrorKind::io, message);
}
[[nodiscard]] inline Error internal_error(const std::string& message) {
  return Error(ErrorKind::internal, message);
}

}  // namespace sf
