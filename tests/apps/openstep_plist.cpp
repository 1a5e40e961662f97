#include "apps/openstep_plist.h"

#include <stdexcept>

namespace sf::test {
namespace {

class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text) {}

  PlistNode document() {
    skip();
    PlistNode root = value();
    skip();
    if (pos_ != text_.size()) fail("unexpected text after the root object");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    int line = 1;
    for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) line += text_[i] == '\n';
    throw std::runtime_error("pbxproj line " + std::to_string(line) + ": " + what);
  }

  void skip() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos_;
      } else if (text_.compare(pos_, 2, "//") == 0) {
        pos_ = text_.find('\n', pos_);
        if (pos_ == std::string::npos) pos_ = text_.size();
      } else if (text_.compare(pos_, 2, "/*") == 0) {
        std::size_t end = text_.find("*/", pos_ + 2);
        if (end == std::string::npos) fail("unterminated comment");
        pos_ = end + 2;
      } else {
        return;
      }
    }
  }

  void expect(char c) {
    skip();
    if (pos_ >= text_.size() || text_[pos_] != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  static bool bare_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '$' || c == '/' || c == ':' || c == '.' || c == '-';
  }

  std::string string() {
    skip();
    if (pos_ >= text_.size()) fail("expected a value");
    std::string out;
    if (text_[pos_] == '"') {
      ++pos_;
      while (true) {
        if (pos_ >= text_.size()) fail("unterminated string");
        char c = text_[pos_++];
        if (c == '"') break;
        if (c == '\\') {
          if (pos_ >= text_.size()) fail("unterminated escape");
          char e = text_[pos_++];
          out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        } else {
          out += c;
        }
      }
      return out;
    }
    while (pos_ < text_.size() && bare_char(text_[pos_])) out += text_[pos_++];
    if (out.empty()) fail(std::string("unexpected character '") + text_[pos_] + "'");
    return out;
  }

  PlistNode value() {
    skip();
    if (pos_ >= text_.size()) fail("expected a value");
    PlistNode node;
    if (text_[pos_] == '{') {
      ++pos_;
      node.kind = PlistNode::Kind::dict;
      while (true) {
        skip();
        if (pos_ < text_.size() && text_[pos_] == '}') {
          ++pos_;
          return node;
        }
        std::string key = string();
        expect('=');
        PlistNode item = value();
        expect(';');
        if (!node.entries.emplace(key, std::move(item)).second) fail("duplicate key " + key);
      }
    }
    if (text_[pos_] == '(') {
      ++pos_;
      node.kind = PlistNode::Kind::array;
      while (true) {
        skip();
        if (pos_ < text_.size() && text_[pos_] == ')') {
          ++pos_;
          return node;
        }
        node.items.push_back(value());
        skip();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
        } else {
          expect(')');
          return node;
        }
      }
    }
    node.text = string();
    return node;
  }

  const std::string& text_;
  std::size_t pos_ = 0;
};

}  // namespace

const PlistNode* PlistNode::find(const std::string& key) const {
  auto found = entries.find(key);
  return found == entries.end() ? nullptr : &found->second;
}

std::string PlistNode::string_at(const std::string& key) const {
  const PlistNode* node = find(key);
  return node && node->kind == Kind::string ? node->text : "";
}

PlistNode parse_openstep_plist(const std::string& text) {
  if (text.rfind("// !$*UTF8*$!", 0) != 0)
    throw std::runtime_error("pbxproj does not start with the '// !$*UTF8*$!' marker");
  return Parser(text).document();
}

}  // namespace sf::test
