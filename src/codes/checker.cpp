#include "codes/checker.h"

#include <array>
#include <optional>
#include <vector>

#include "base/error.h"
#include "codes/campaign_book.h"
#include "codes/keyring.h"
#include "codes/link_code.h"
#include "codes/revocations.h"
#include "codes/time_text.h"
#include "codes/typed_code.h"
#include "crypto/ed25519.h"
#include "crypto/hmac_key.h"
#include "crypto/primitives.h"

namespace sf::codes {

// Everything check() needs, laid out for direct indexing: key ids and
// campaign numbers are small, so lookups are array reads, not hash probes.
struct Checker::State {
  std::array<std::optional<crypto::HmacSha256Key>, 32> hmac;
  std::array<std::optional<crypto::Ed25519PublicKey>, 32> ed25519;
  std::array<bool, 32> key_revoked{};
  std::array<std::string, 32> key_fingerprint;
  std::vector<Campaign> campaigns;
  std::vector<OnlineSettings> online;  // per campaign index
  std::vector<char> campaign_revoked;
  std::vector<std::vector<std::pair<std::uint64_t, std::uint64_t>>> revoked_serials;
  // Index key_id * 1024 + number -> campaign index (-1 = none), first serial.
  std::vector<std::int32_t> slot_campaign = std::vector<std::int32_t>(32 * 1024, -1);
  std::vector<std::uint64_t> slot_first = std::vector<std::uint64_t>(32 * 1024, 0);
};

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                           text.front() == '\r'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

std::string hex(std::span<const std::uint8_t> bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

// Shared tail of both formats once the tag or signature verified: campaign,
// revocation, then dates (revocation is permanent, so it is reported first).
void judge(const Checker::State& s, std::uint32_t key_id, std::uint32_t number,
           std::uint32_t slot_serial, bool link, std::int64_t now, CheckResult& result) {
  CodeId id;
  id.key_id = key_id;
  id.campaign_number = number;
  id.slot_serial = slot_serial;
  id.link = link;
  id.key_fingerprint = s.key_fingerprint[key_id];
  std::size_t slot = key_id * 1024 + number;
  std::int32_t index = s.slot_campaign[slot];
  if (index < 0) {
    id.serial = slot_serial;
    result.id = std::move(id);
    result.verdict = Verdict::unknown_campaign;
    result.detail = "code is genuine but key " + std::to_string(key_id) + " campaign number " +
                    std::to_string(number) + " is not in the campaigns file";
    return;
  }
  const Campaign& campaign = s.campaigns[static_cast<std::size_t>(index)];
  id.campaign_id = campaign.id;
  id.serial = s.slot_first[slot] + slot_serial;
  id.online = s.online[static_cast<std::size_t>(index)].contains(key_id, number, slot_serial);
  result.campaign = campaign;
  if (s.key_revoked[key_id]) {
    result.verdict = Verdict::revoked;
    result.detail = "key " + std::to_string(key_id) + " is revoked";
  } else if (s.campaign_revoked[static_cast<std::size_t>(index)]) {
    result.verdict = Verdict::revoked;
    result.detail = "campaign '" + campaign.id + "' is revoked";
  } else {
    for (auto [first, last] : s.revoked_serials[static_cast<std::size_t>(index)])
      if (id.serial >= first && id.serial <= last) {
        result.verdict = Verdict::revoked;
        result.detail = "serial " + std::to_string(id.serial) + " of campaign '" + campaign.id +
                        "' is revoked";
        break;
      }
  }
  if (result.verdict != Verdict::revoked) {
    if (campaign.starts_unix && now < campaign.starts_unix) {
      result.verdict = Verdict::not_started;
      result.detail = "campaign '" + campaign.id + "' starts " + format_utc(campaign.starts_unix);
    } else if (campaign.ends_unix && now >= campaign.ends_unix) {
      result.verdict = Verdict::expired;
      result.detail = "campaign '" + campaign.id + "' ended " + format_utc(campaign.ends_unix);
    } else {
      result.verdict = Verdict::valid;
    }
  }
  result.id = std::move(id);
}

CheckResult check_typed(const Checker::State& s, std::string_view text, std::int64_t now) {
  CheckResult result;
  TypedParse parsed = parse_typed(text);
  if (parsed.status != TypedParse::Status::ok) {
    result.verdict = parsed.status == TypedParse::Status::mistyped ? Verdict::mistyped
                                                                   : Verdict::malformed;
    result.detail = std::move(parsed.problem);
    return result;
  }
  const auto& key = s.hmac[parsed.fields.key_id];
  if (!key) {
    result.verdict = Verdict::unknown_key;
    result.detail = "key " + std::to_string(parsed.fields.key_id) +
                    " is not an hmac key of the keyring";
    return result;
  }
  auto mac = key->mac(typed_mac_input(parsed.fields));
  std::uint8_t tag[5];
  for (int i = 0; i < 5; ++i) tag[i] = static_cast<std::uint8_t>(parsed.tag >> (32 - 8 * i));
  if (!crypto::constant_time_equal({mac.data(), 5}, {tag, 5})) {
    result.verdict = Verdict::bad_signature;
    result.detail = "code is not genuine: its tag does not verify";
    return result;
  }
  judge(s, parsed.fields.key_id, parsed.fields.campaign_number, parsed.fields.serial, false, now,
        result);
  return result;
}

CheckResult check_link(const Checker::State& s, std::string_view text, std::int64_t now) {
  CheckResult result;
  LinkParse parsed = parse_link(text);
  if (!parsed.ok) {
    result.verdict = Verdict::malformed;
    result.detail = std::move(parsed.problem);
    return result;
  }
  const auto& key = s.ed25519[parsed.fields.key_id];
  if (!key) {
    result.verdict = Verdict::unknown_key;
    result.detail = "key " + std::to_string(parsed.fields.key_id) +
                    " is not an ed25519 key of the keyring";
    return result;
  }
  if (!key->verify(parsed.signed_message, parsed.signature)) {
    result.verdict = Verdict::bad_signature;
    result.detail = "link token is not genuine: its signature does not verify";
    return result;
  }
  if (parsed.fields.subject_hash) result.subject_hash = hex(*parsed.fields.subject_hash);
  judge(s, parsed.fields.key_id, parsed.fields.campaign_number, parsed.fields.serial, true, now,
        result);
  if (parsed.fields.not_after_unix && now > parsed.fields.not_after_unix &&
      result.verdict == Verdict::valid) {
    result.verdict = Verdict::expired;
    result.detail = "link token expired " + format_utc(parsed.fields.not_after_unix);
  }
  return result;
}

}  // namespace

Checker Checker::from_parts(const Keyring& keyring, const CampaignBook& campaigns,
                            const RevocationList& revocations) {
  auto state = std::make_shared<State>();
  for (const KeyEntry& key : keyring.keys()) {
    if (key.id < 32) state->key_fingerprint[key.id] = key_fingerprint(key);
    if (key.type == KeyType::hmac && !key.secret.empty())
      state->hmac[key.id].emplace(key.secret);
    else if (key.type == KeyType::ed25519 && !key.public_key.empty())
      state->ed25519[key.id].emplace(crypto::Ed25519PublicKey::from_bytes(key.public_key));
  }
  for (const CampaignRecord& record : campaigns.records()) {
    auto index = static_cast<std::int32_t>(state->campaigns.size());
    state->campaigns.push_back(record.campaign);
    state->online.push_back(record.online);
    for (const Slot& slot : record.slots) {
      state->slot_campaign[slot.key_id * 1024 + slot.number] = index;
      state->slot_first[slot.key_id * 1024 + slot.number] = slot.first_serial;
    }
  }
  state->campaign_revoked.assign(state->campaigns.size(), 0);
  state->revoked_serials.resize(state->campaigns.size());
  auto campaign_index = [&](const std::string& id) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < state->campaigns.size(); ++i)
      if (state->campaigns[i].id == id) return i;
    return std::nullopt;  // revoking a campaign we don't know changes nothing
  };
  for (const Revocation& r : revocations.entries()) {
    if (r.kind == Revocation::Kind::key) {
      if (r.key_id < 32) state->key_revoked[r.key_id] = true;
    } else if (auto index = campaign_index(r.campaign_id)) {
      if (r.kind == Revocation::Kind::campaign) state->campaign_revoked[*index] = 1;
      else state->revoked_serials[*index].emplace_back(r.first_serial, r.last_serial);
    }
  }
  return Checker(std::move(state));
}

Checker Checker::load(const std::filesystem::path& keyring, const std::filesystem::path& campaigns,
                      const std::filesystem::path& revocations) {
  return from_parts(Keyring::load(keyring), CampaignBook::load(campaigns),
                    RevocationList::load(revocations));
}

CheckResult Checker::check(std::string_view code_or_token, std::int64_t now_unix) const {
  std::string_view text = code_in_link(trim(code_or_token));
  // Typed codes are at most a few dozen characters even with generous
  // spacing; link tokens are over 100.
  if (text.size() > 40) return check_link(*state_, text, now_unix);
  return check_typed(*state_, text, now_unix);
}

}  // namespace sf::codes
