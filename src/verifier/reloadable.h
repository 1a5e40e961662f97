// verifier: a value that a reload (SIGHUP) swaps while requests read it.
// Readers take a shared_ptr under a short lock, so a request finishes with
// the value it started with and never sees a half-loaded one.
#pragma once

#include <memory>
#include <mutex>
#include <utility>

namespace sf::verifier {

template <class T>
class Reloadable {
 public:
  explicit Reloadable(T value) : value_(std::make_shared<const T>(std::move(value))) {}

  std::shared_ptr<const T> current() const {
    std::lock_guard lock(mutex_);
    return value_;
  }

  /// Later current() calls get `value`; readers holding the old one keep it.
  void replace(T value) {
    auto fresh = std::make_shared<const T>(std::move(value));
    std::lock_guard lock(mutex_);
    value_.swap(fresh);
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const T> value_;
};

}  // namespace sf::verifier
