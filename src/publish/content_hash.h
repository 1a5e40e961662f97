// publish: what "the same file" means between a build and what was uploaded.
#pragma once

#include <string>

#include "base/files.h"

namespace sf::publish {

/// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string content_hash(const Bytes& bytes);

}  // namespace sf::publish
