#include "triggers/minting.h"

#include "base/error.h"
#include "base/text.h"
#include "codes/time_text.h"
#include "codes/typed_code.h"
#include "crypto/hmac_key.h"
#include "triggers/signature.h"

namespace sf::triggers {
namespace {

const codes::KeyEntry& hmac_key(const MintFiles& files, std::uint32_t key_id) {
  const codes::KeyEntry* key = files.keyring.find(key_id);
  if (!key || key->type != codes::KeyType::hmac || key->secret.empty())
    throw internal_error("keyring has no HMAC secret for key " + std::to_string(key_id) +
                         ", whose online serials are reserved in the campaigns file");
  return *key;
}

bool contains_word(std::string_view words, std::string_view word) {
  std::size_t pos = 0;
  while ((pos = words.find(word, pos)) != std::string_view::npos) {
    bool starts = pos == 0 || words[pos - 1] == ' ';
    bool ends = pos + word.size() == words.size() || words[pos + word.size()] == ' ';
    if (starts && ends) return true;
    pos += word.size();
  }
  return false;
}

}  // namespace

std::string_view to_string(MintResult::Status status) {
  switch (status) {
    case MintResult::Status::issued: return "issued";
    case MintResult::Status::existing: return "existing";
    case MintResult::Status::same_person: return "same_person";
    case MintResult::Status::refused: return "refused";
    case MintResult::Status::exhausted: return "exhausted";
  }
  return "refused";
}

std::string refusal(const MintFiles& files, const codes::CampaignRecord& record,
                    std::string_view source, const Event& event, std::int64_t now) {
  const codes::Campaign& c = record.campaign;
  const codes::IssueRule* rule = record.online.rule_for(source);
  if (!rule) return "campaign " + quote(c.id) + " does not issue on " + std::string(source);
  if (record.online.ranges.empty())
    return "campaign " + quote(c.id) +
           " has no online serials; reserve some with 'stickerforge codes reserve-online'";
  if (c.starts_unix && now < c.starts_unix)
    return "campaign " + quote(c.id) + " starts " + codes::format_utc(c.starts_unix);
  if (c.ends_unix && now >= c.ends_unix)
    return "campaign " + quote(c.id) + " ended " + codes::format_utc(c.ends_unix);
  for (const codes::Revocation& r : files.revocations.entries()) {
    if (r.kind == codes::Revocation::Kind::campaign && r.campaign_id == c.id)
      return "campaign " + quote(c.id) + " is revoked";
    if (r.kind == codes::Revocation::Kind::key)
      for (const codes::OnlineRange& range : record.online.ranges)
        if (range.key_id == r.key_id)
          return "key " + std::to_string(r.key_id) + " of campaign " + quote(c.id) + " is revoked";
  }
  if (!rule->form.empty() && event.form != rule->form)
    return "form " + quote(event.form) + " is not the campaign's form " + quote(rule->form);
  if (!rule->product.empty() && !contains_word(event.product, rule->product))
    return "the purchase does not include product " + quote(rule->product);
  if (!rule->list.empty() && event.list != rule->list)
    return "audience " + quote(event.list) + " is not the campaign's audience " + quote(rule->list);
  if (rule->min_total_cents > 0 && event.total_cents < rule->min_total_cents)
    return "the total (" + std::to_string(event.total_cents) + " cents) is below the minimum of " +
           std::to_string(rule->min_total_cents) + " cents";
  return "";
}

std::string code_of(const MintFiles& files, const codes::CampaignRecord& record,
                    const ledger::Issuance& issuance) {
  auto serial = codes::online_serial(record.online, std::uint64_t(issuance.serial_index));
  if (!serial)
    throw internal_error("online serial " + std::to_string(issuance.serial_index) +
                         " of campaign " + quote(record.campaign.id) +
                         " is past its reserved ranges (were ranges removed from the campaigns file?)");
  const codes::KeyEntry& key = hmac_key(files, serial->key_id);
  crypto::HmacSha256Key mac(key.secret);
  codes::TypedFields fields{serial->key_id, serial->number, serial->slot_serial};
  return codes::format_typed(fields, codes::typed_tag(mac, fields));
}

MintResult mint(ledger::Ledger& ledger, const MintFiles& files,
                const codes::CampaignRecord& record, std::string_view source, const Event& event,
                std::int64_t now_ms) {
  MintResult result;
  // A retry after the campaign ended (or a rule changed) still gets the
  // code its event was given: the ledger is asked first.
  if (auto found = ledger.find_issuance(record.campaign.id, source, event.event_key)) {
    result.status = MintResult::Status::existing;
    result.issuance = *found;
    result.code = code_of(files, record, *found);
    return result;
  }
  result.reason = refusal(files, record, source, event, now_ms / 1000);
  if (!result.reason.empty()) return result;

  ledger::IssueRequest request;
  request.campaign_id = record.campaign.id;
  request.source = std::string(source);
  request.event_key = event.event_key;
  request.email_hash = email_hash(event.email);
  request.claim_key = event.claim_key;
  request.one_per_email = record.online.one_per_email;
  request.limit = record.campaign.cap;
  request.now_unix_ms = now_ms;
  for (const codes::OnlineRange& range : record.online.ranges) {
    const codes::KeyEntry& key = hmac_key(files, range.key_id);
    request.blocks.push_back({std::to_string(range.key_id) + "." + codes::key_fingerprint(key) +
                                  "/" + std::to_string(range.number) + "/",
                              range.first, range.count});
  }
  ledger::IssueOutcome outcome = ledger.issue(request);
  switch (outcome.status) {
    case ledger::IssueStatus::issued: result.status = MintResult::Status::issued; break;
    case ledger::IssueStatus::existing: result.status = MintResult::Status::existing; break;
    case ledger::IssueStatus::same_person: result.status = MintResult::Status::same_person; break;
    case ledger::IssueStatus::exhausted:
      result.status = MintResult::Status::exhausted;
      result.reason = "campaign " + quote(record.campaign.id) + " has issued all " +
                      (record.campaign.cap > 0 ? "the codes its cap allows"
                                               : "its online serials; reserve more with "
                                                 "'stickerforge codes reserve-online'");
      return result;
  }
  result.issuance = outcome.issuance;
  result.code = code_of(files, record, outcome.issuance);
  return result;
}

}  // namespace sf::triggers
