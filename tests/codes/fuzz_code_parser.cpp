// libFuzzer driver for everything that reads untrusted code text: the typed
// code parser, the link token parser and the whole Checker. Not part of the
// test suites (it needs clang); build and run it with:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
//     tests/codes/fuzz_code_parser.cpp src/codes/{verdict,crockford,typed_code,base64url,link_code,\
//     time_text,keyring,campaign_book,revocations,checker}.cpp src/crypto/*.cpp src/base/*.cpp \
//     -lcrypto -o /tmp/fuzz_codes && /tmp/fuzz_codes -max_total_time=60
// Properties checked beyond "no crash": a code that parses re-formats to the
// same canonical text, and nothing random is ever accepted as valid.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "codes/base64url.h"
#include "codes/campaign_book.h"
#include "codes/checker.h"
#include "codes/keyring.h"
#include "codes/link_code.h"
#include "codes/revocations.h"
#include "codes/typed_code.h"

using namespace sf::codes;

namespace {

const Checker& checker() {
  static const Checker instance = [] {
    Keyring ring;
    ring.add(KeyType::hmac, 0);
    ring.add(KeyType::ed25519, 0);
    CampaignBook book;
    book.add(Campaign{"fuzz", "Fuzz", "pack", "manual"});
    book.reserve("fuzz", 1, 10);
    book.reserve("fuzz", 2, 10);
    return Checker::from_parts(ring, book, RevocationList());
  }();
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  TypedParse typed = parse_typed(text);
  if (typed.status == TypedParse::Status::ok) {
    std::string canonical = format_typed(typed.fields, typed.tag);
    if (parse_typed(canonical).tag != typed.tag) std::abort();
  }
  LinkParse link = parse_link(text);
  if (link.ok && link.signature.size() != 64) std::abort();
  if (auto bytes = base64url_decode(text)) {
    if (base64url_encode(*bytes) != text) std::abort();  // one spelling per value
  }
  // Random keys were generated above, so a fuzzer cannot know a valid tag.
  if (checker().check(text, 0).verdict == Verdict::valid) std::abort();
  return 0;
}
