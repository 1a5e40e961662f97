#include "exporters/bundle.h"

#include "base/error.h"
#include "base/text.h"

namespace sf::exporters {

void Bundle::add(const std::string& path, Bytes content, FileRecord record) {
  record.platform = platform_;
  record.path = platform_ + "/" + path;
  record.bytes = content.size();
  if (!files_.emplace(path, Entry{std::move(content), std::move(record)}).second)
    throw internal_error(platform_ + ": two outputs share the path " + quote(path));
}

void Bundle::add_text(const std::string& path, const std::string& text, const std::string& role,
                      const std::string& format) {
  FileRecord record;
  record.role = role;
  record.format = format;
  add(path, Bytes(text.begin(), text.end()), std::move(record));
}

void Bundle::add_secret(const std::string& path, const std::string& text) { secrets_[path] = text; }

const Bytes& Bundle::content(const std::string& path) const {
  return files_.count(path) ? files_.at(path).content
                            : throw internal_error(platform_ + ": no file " + quote(path));
}

const FileRecord& Bundle::record(const std::string& path) const {
  return files_.count(path) ? files_.at(path).record
                            : throw internal_error(platform_ + ": no file " + quote(path));
}

}  // namespace sf::exporters
