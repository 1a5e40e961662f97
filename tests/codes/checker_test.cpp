#include "codes/checker.h"

#include <catch2/catch.hpp>
#include <algorithm>
#include <random>
#include <thread>

#include "codes/campaign_book.h"
#include "codes/crockford.h"
#include "codes/keyring.h"
#include "crypto/hmac_key.h"
#include "codes/fixtures.h"
#include "codes/link_code.h"
#include "codes/revocations.h"
#include "codes/typed_code.h"

using namespace sf::codes;
using sf::test::kMidCampaign;
using sf::test::TempDir;

namespace {

struct Files {
  TempDir dir;
  std::filesystem::path keyring = sf::test::write_vector_keyring(dir / "keys.json");
  std::filesystem::path campaigns = sf::test::write_vector_campaigns(dir / "campaigns.json");
  std::filesystem::path revocations = dir / "revocations.json";
  Checker load() const { return Checker::load(keyring, campaigns, revocations); }
};

constexpr const char* kVectorCode = "11A0-16JH-3NDR-T0XE";  // key 1, campaign 42, serial 1234

}  // namespace

TEST_CASE("a genuine typed code is valid and identifies its campaign", "[codes]") {
  Files files;
  Checker checker = files.load();
  CheckResult result = checker.check("11a0 16jh 3ndr t0xe", kMidCampaign);
  REQUIRE(result.verdict == Verdict::valid);
  REQUIRE(result.id);
  CHECK(result.id->key_id == 1);
  CHECK(result.id->campaign_id == "spring");
  CHECK(result.id->serial == 1234);
  CHECK_THAT(result.id->ledger_key(), Catch::Matches("1\\.[0-9a-f]{8}/42/1234"));
  REQUIRE(result.campaign);
  CHECK(result.campaign->pack_id == "acme_hearts");
  // The same code inside the links --link-base makes.
  CHECK(checker.check("https://rewards.example/r/11A0-16JH-3NDR-T0XE", kMidCampaign).verdict == Verdict::valid);
  CHECK(checker.check("https://rewards.example/redeem?src=card&c=11A0-16JH-3NDR-T0XE#top", kMidCampaign).verdict ==
        Verdict::valid);
}

TEST_CASE("a genuine link token is valid and lands in its own serial range", "[codes]") {
  Files files;
  Checker checker = files.load();
  auto key = sf::crypto::Ed25519PrivateKey::from_seed(sf::test::vector_ed25519_seed());
  LinkFields fields;
  fields.key_id = 2;
  fields.campaign_number = 42;
  fields.serial = 7;
  fields.subject_hash = subject_hash("ada@example.com");
  std::string link = "https://r.example/c/";
  link += sign_link(key, fields);
  CheckResult result = checker.check(link, kMidCampaign);
  REQUIRE(result.verdict == Verdict::valid);
  CHECK(result.id->link);
  CHECK(result.id->serial == 1048576 + 7);
  CHECK_THAT(result.id->ledger_key(), Catch::Matches("2\\.[0-9a-f]{8}/42/7"));
  CHECK(result.subject_hash.size() == 32);
  fields.not_after_unix = kMidCampaign - 1;
  result = checker.check(sign_link(key, fields), kMidCampaign);
  CHECK(result.verdict == Verdict::expired);
  CHECK_THAT(result.detail, Catch::Contains("link token expired"));
}

TEST_CASE("each verdict comes with its reason", "[codes]") {
  Files files;
  Checker checker = files.load();
  auto check = [&](std::string_view code, std::int64_t now = kMidCampaign) { return checker.check(code, now); };
  CHECK(check("11A0-16JH").verdict == Verdict::malformed);
  CHECK(check("11A0-16JH-3NDR-T1XE").verdict == Verdict::mistyped);
  CHECK_THAT(check("11A0-16JH-3NDR-T1XE").detail, Catch::Contains("looks mistyped"));
  CHECK(check(kVectorCode, 1767225600 - 1).verdict == Verdict::not_started);
  CHECK_THAT(check(kVectorCode, 0 + 1767225600 - 1).detail, Catch::Contains("starts 2026-01-01"));
  CHECK(check(kVectorCode, 1798761600).verdict == Verdict::expired);
  CHECK_THAT(check(kVectorCode, 1798761600).detail, Catch::Contains("ended 2027-01-01"));

  sf::crypto::HmacSha256Key key(sf::test::vector_hmac_key());
  TypedFields unknown_campaign{1, 43, 5};
  auto r = check(format_typed(unknown_campaign, typed_tag(key, unknown_campaign)));
  CHECK(r.verdict == Verdict::unknown_campaign);
  CHECK_THAT(r.detail, Catch::Contains("campaign number 43 is not in the campaigns file"));
  TypedFields unknown_key{9, 42, 5};
  r = check(format_typed(unknown_key, typed_tag(key, unknown_key)));
  CHECK(r.verdict == Verdict::unknown_key);
  CHECK_THAT(r.detail, Catch::Contains("key 9"));
  TypedFields forged{1, 42, 1235};
  r = check(format_typed(forged, typed_tag(key, forged) ^ 1));
  CHECK(r.verdict == Verdict::bad_signature);
  CHECK_FALSE(r.id);
}

TEST_CASE("revocation by code serials, campaign and key", "[codes]") {
  Files files;
  sf::crypto::HmacSha256Key key(sf::test::vector_hmac_key());
  auto code = [&](std::uint32_t serial) {
    TypedFields f{1, 42, serial};
    return format_typed(f, typed_tag(key, f));
  };
  RevocationList list;
  Revocation serials;
  serials.kind = Revocation::Kind::serials;
  serials.campaign_id = "spring";
  serials.first_serial = 100;
  serials.last_serial = 199;
  list.add(serials);
  list.save(files.revocations);
  Checker checker = files.load();
  CHECK(checker.check(code(99), kMidCampaign).verdict == Verdict::valid);
  CHECK(checker.check(code(100), kMidCampaign).verdict == Verdict::revoked);
  CHECK(checker.check(code(199), kMidCampaign).verdict == Verdict::revoked);
  CHECK_THAT(checker.check(code(150), kMidCampaign).detail, Catch::Contains("serial 150 of campaign 'spring' is revoked"));
  CHECK(checker.check(code(200), kMidCampaign).verdict == Verdict::valid);

  Revocation by_key;
  by_key.kind = Revocation::Kind::key;
  by_key.key_id = 1;
  list.add(by_key);
  list.save(files.revocations);
  checker = files.load();
  CHECK(checker.check(code(5), kMidCampaign).verdict == Verdict::revoked);
  CHECK_THAT(checker.check(code(5), kMidCampaign).detail, Catch::Contains("key 1 is revoked"));

  RevocationList only_campaign;
  Revocation by_campaign;
  by_campaign.kind = Revocation::Kind::campaign;
  by_campaign.campaign_id = "spring";
  only_campaign.add(by_campaign);
  only_campaign.save(files.revocations);
  checker = files.load();
  CHECK(checker.check(code(5), kMidCampaign).verdict == Verdict::revoked);
  CHECK_THAT(checker.check(code(5), kMidCampaign).detail, Catch::Contains("campaign 'spring' is revoked"));
}

TEST_CASE("old codes still verify after key rotation", "[codes]") {
  TempDir dir;
  Keyring ring;
  ring.add(KeyType::hmac, 0);
  CampaignBook book;
  book.add(Campaign{"rot", "Rotation", "acme_hearts", "manual"});
  auto old_range = book.reserve("rot", 1, 1);
  sf::crypto::HmacSha256Key old_key(ring.find(1)->secret);
  TypedFields old_fields{1, old_range[0].slot.number, 0};
  std::string old_code = format_typed(old_fields, typed_tag(old_key, old_fields));
  ring.retire(1);
  const KeyEntry& fresh = ring.add(KeyType::hmac, 0);
  CHECK(ring.issuing_key(KeyType::hmac)->id == fresh.id);
  auto new_range = book.reserve("rot", fresh.id, 1);
  sf::crypto::HmacSha256Key new_key(fresh.secret);
  TypedFields new_fields{fresh.id, new_range[0].slot.number, 0};
  std::string new_code = format_typed(new_fields, typed_tag(new_key, new_fields));
  Checker checker = Checker::from_parts(ring, book, RevocationList());
  CHECK(checker.check(old_code, 0).verdict == Verdict::valid);
  CHECK(checker.check(new_code, 0).verdict == Verdict::valid);
  CHECK(checker.check(old_code, 0).id->serial != checker.check(new_code, 0).id->serial);
}

TEST_CASE("a million random and a million one-symbol-mutated codes are all rejected", "[codes][slow]") {
  Files files;
  Checker checker = files.load();
  sf::crypto::HmacSha256Key key(sf::test::vector_hmac_key());
  std::mt19937_64 random(42);
  // Random 16-symbol strings: ~1/32 pass the check symbol, then the 40-bit
  // tag must stop them all.
  long accepted = 0, reached_tag = 0;
  std::string code(16, '0');
  for (int n = 0; n < 1'000'000; ++n) {
    for (char& c : code) c = kCrockfordAlphabet[random() % 32];
    CheckResult r = checker.check(code, kMidCampaign);
    if (r.verdict == Verdict::valid) ++accepted;
    if (r.verdict == Verdict::bad_signature) ++reached_tag;
  }
  CHECK(accepted == 0);
  CHECK(reached_tag > 0);
  // Genuine codes with one symbol changed (any position, any symbol), some
  // with the check symbol recomputed so they get past it to the tag.
  long mutated_accepted = 0;
  for (int n = 0; n < 1'000'000; ++n) {
    TypedFields f{1, 42, static_cast<std::uint32_t>(random() % 5000)};
    std::string genuine = format_typed(f, typed_tag(key, f));
    genuine.erase(std::remove(genuine.begin(), genuine.end(), '-'), genuine.end());
    std::size_t at = random() % 16;
    char replacement;
    do replacement = kCrockfordAlphabet[random() % 32];
    while (replacement == genuine[at]);
    genuine[at] = replacement;
    if (n % 2 == 0 && at < 15) {
      std::uint8_t values[16];
      for (int i = 0; i < 15; ++i) values[i] = static_cast<std::uint8_t>(crockford_value(genuine[i]));
      genuine[15] = kCrockfordAlphabet[luhn32_check({values, 15})];
    }
    if (checker.check(genuine, kMidCampaign).verdict == Verdict::valid) ++mutated_accepted;
  }
  CHECK(mutated_accepted == 0);
}

TEST_CASE("tags are compared in constant time", "[codes]") {
  // The checker must use crypto::constant_time_equal (CRYPTO_memcmp), never
  // memcmp or ==, on tags: a timing oracle would leak tags byte by byte.
  std::string source = sf::read_text_file(sf::test::source_dir() / "src/codes/checker.cpp");
  CHECK(source.find("crypto::constant_time_equal({mac.data(), 5}, {tag, 5})") != std::string::npos);
  CHECK(source.find("memcmp") == std::string::npos);
  std::string primitives = sf::read_text_file(sf::test::source_dir() / "src/crypto/primitives.cpp");
  CHECK(primitives.find("CRYPTO_memcmp") != std::string::npos);
}

TEST_CASE("loading refuses bad files with their names", "[codes]") {
  Files files;
  sf::test::write_file(files.revocations, R"({"revocations": [{"kind": "planet"}]})");
  REQUIRE_THROWS_WITH(files.load(), Catch::Contains("revocations.json") && Catch::Contains("kind 'planet' is unknown"));
  REQUIRE_THROWS_WITH(Checker::load(files.keyring, files.dir / "nope.json", {}), Catch::Contains("campaigns file") && Catch::Contains("nope.json' does not exist"));
}

TEST_CASE("one Checker serves many threads at once", "[codes]") {
  // The verifier shares one Checker between its worker threads.
  Files files;
  Checker checker = files.load();
  sf::crypto::HmacSha256Key key(sf::test::vector_hmac_key());
  auto signer = sf::crypto::Ed25519PrivateKey::from_seed(sf::test::vector_ed25519_seed());
  std::vector<std::string> codes;
  for (std::uint32_t serial = 0; serial < 2000; ++serial) {
    TypedFields f{1, 42, serial};
    std::string code = format_typed(f, typed_tag(key, f));
    codes.push_back(code);
    code[10] = code[10] == 'A' ? 'B' : 'A';  // a typo: must never pass
    codes.push_back(code);
  }
  for (std::uint32_t serial = 0; serial < 50; ++serial) {
    LinkFields f;
    f.key_id = 2;
    f.campaign_number = 42;
    f.serial = serial;
    codes.push_back(sign_link(signer, f));
  }
  std::vector<int> valid(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round)
        for (const std::string& code : codes) valid[t] += checker.check(code, kMidCampaign).verdict == Verdict::valid;
    });
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) CHECK(valid[t] == 5 * (2000 + 50));
}

TEST_CASE("codes from two keyrings that both use key id 1 get different ledger keys", "[codes]") {
  // A re-created keyring starts again at key id 1; its codes must not look
  // already redeemed in a ledger the old keyring's codes went into.
  Files files;
  auto campaigns = CampaignBook::load(files.campaigns);
  TypedFields fields;
  fields.key_id = 1;
  fields.campaign_number = 42;
  fields.serial = 1234;
  std::vector<std::string> ledger_keys;
  for (int i = 0; i < 2; ++i) {
    Keyring keyring;
    const KeyEntry& key = keyring.add(KeyType::hmac, kMidCampaign);
    REQUIRE(key.id == 1);
    std::string code = format_typed(fields, typed_tag(sf::crypto::HmacSha256Key(key.secret), fields));
    CheckResult result = Checker::from_parts(keyring, campaigns, RevocationList{}).check(code, kMidCampaign);
    REQUIRE(result.verdict == Verdict::valid);
    ledger_keys.push_back(result.id->ledger_key());
  }
  CHECK(ledger_keys[0] != ledger_keys[1]);
}
