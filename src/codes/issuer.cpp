#include "codes/issuer.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <ostream>
#include <optional>
#include <thread>

#include "base/error.h"
#include "base/text.h"
#include "codes/brand.h"
#include "codes/file_lock.h"
#include "codes/keyring.h"
#include "codes/link_code.h"
#include "codes/qr.h"
#include "codes/sheet.h"
#include "codes/time_text.h"
#include "codes/typed_code.h"
#include "crypto/ed25519.h"
#include "crypto/hmac_key.h"

namespace sf::codes {
namespace {

namespace fs = std::filesystem;

// A temporary file beside the target that becomes the target on commit()
// and disappears otherwise.
class StagedFile {
 public:
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  // Standard output: written as it goes (a pipe cannot be staged).
  explicit StagedFile(std::ostream& stream) : stream_(&stream) {}
  explicit StagedFile(const fs::path& target) : target_(target) {
    std::string pattern = target.string() + ".tmp-XXXXXX";
    int fd = ::mkstemp(pattern.data());
    if (fd < 0)
      throw io_error("cannot create a file beside " + quote(target.string()) + ": " +
                     std::strerror(errno));
    temp_ = pattern;
    file_ = ::fdopen(fd, "wb");
    if (!file_) {
      ::close(fd);
      throw io_error("cannot open " + quote(temp_.string()));
    }
    buffer_.reserve(kFlushAt + 4096);
  }
  ~StagedFile() {
    if (file_) std::fclose(file_);
    if (!temp_.empty()) {
      std::error_code ec;
      fs::remove(temp_, ec);
    }
  }
  std::string& buffer() { return buffer_; }
  void maybe_flush() {
    if (buffer_.size() >= kFlushAt) flush();
  }
  void commit() {
    flush();
    if (stream_) {
      stream_->flush();
      return;
    }
    if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0 || std::fclose(file_) != 0) {
      file_ = nullptr;
      throw io_error("cannot write " + quote(target_.string()) + ": " + std::strerror(errno));
    }
    file_ = nullptr;
    // Codes are bearer tokens: the file stays 0600 (mkstemp) until someone shares it.
    fs::rename(temp_, target_);
    temp_.clear();
  }

 private:
  static constexpr std::size_t kFlushAt = 1 << 20;
  void flush() {
    if (stream_) {
      stream_->write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
      if (!*stream_) throw io_error("cannot write the codes to standard output");
      buffer_.clear();
      return;
    }
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
      throw io_error("cannot write " + quote(target_.string()) + ": " + std::strerror(errno));
    buffer_.clear();
  }
  fs::path target_, temp_;
  std::FILE* file_ = nullptr;
  std::ostream* stream_ = nullptr;
  std::string buffer_;
};

void append_number(std::string& out, std::uint64_t value) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
      continue;
    }
    out += c;
  }
  out += '"';
}

// "qr/" names the folder qr: without this its parent would be "qr" itself.
fs::path without_trailing_slash(fs::path path) {
  while (!path.empty() && !path.has_filename() && path.has_parent_path() &&
         path.parent_path() != path)
    path = path.parent_path();
  return path;
}

void refuse_existing(const fs::path& path, bool force, std::string_view what) {
  if (!path.empty() && fs::exists(path) && !force)
    throw bad_input(std::string(what) + " " + quote(path.string()) +
                    " already exists; pass --force to replace it");
  if (!path.empty() && path.has_parent_path() && !fs::is_directory(path.parent_path()))
    throw bad_input(std::string(what) + " folder " + quote(path.parent_path().string()) +
                    " does not exist");
}

void validate(const IssueRequest& r) {
  if (r.count == 0) throw bad_input("--count is 0; expected 1 to 100000000 codes");
  if (r.count > kMaxIssueCount)
    throw bad_input("--count " + std::to_string(r.count) +
                    " is absurd; expected at most 100000000 codes per run");
  if (r.out.empty()) throw bad_input("no output file; expected --out PATH (or - for standard output)");
  if (r.out == "-" && !r.out_stream)
    throw internal_error("--out - without a stream to write to");
  if (r.out != "-") refuse_existing(r.out, r.force, "output");
  // A QR of a bare code is text a phone camera cannot act on: it must open
  // the redemption page with the code in it.
  if ((!r.qr_dir.empty() || !r.sheet.empty()) && r.link_base.empty())
    throw bad_input(std::string(!r.sheet.empty() ? "--sheet" : "--qr") +
                    " needs --link-base: a QR code must carry a link a phone camera can open; "
                    "expected --link-base https://YOUR-VERIFIER/r/ (the verifier's public "
                    "address followed by /r/)");
  refuse_existing(r.qr_dir, r.force, "QR folder");
  refuse_existing(r.sheet, r.force, "sheet");
  if (!r.sheet.empty() && r.count > kMaxSheetCount)
    throw bad_input("a printable sheet of " + std::to_string(r.count) +
                    " codes is too long; expected at most 10000 (use the CSV for more)");
  if (!r.qr_dir.empty() && r.count > 1'000'000)
    throw bad_input("--qr with " + std::to_string(r.count) +
                    " codes would write that many files; expected at most 1000000");
}

// Ed25519 signing is most of the cost of link codes, so each batch of tokens
// is signed on every core; the CSV is still written in serial order.
void sign_batch(const crypto::Ed25519PrivateKey& signer, const LinkFields& base,
                std::uint32_t first_serial, std::vector<std::string>& out) {
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&](unsigned start) {
    try {
      for (std::size_t i = start; i < out.size(); i += threads) {
        LinkFields fields = base;
        fields.serial = first_serial + static_cast<std::uint32_t>(i);
        out[i] = sign_link(signer, fields);
      }
    } catch (...) {
      std::lock_guard lock(error_mutex);
      error = std::current_exception();
    }
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) workers.emplace_back(work, t);
  work(0);
  for (std::thread& worker : workers) worker.join();
  if (error) std::rethrow_exception(error);
}

constexpr std::uint32_t kSignBatch = 4096;

}  // namespace

std::string link_for(std::string_view base, std::string_view code) {
  std::string out(base);
  std::size_t at = out.find("{code}");
  if (at != std::string::npos) return out.replace(at, 6, code);
  return out + std::string(code);
}

IssueSummary issue_codes(const IssueRequest& original, std::int64_t now_unix) {
  IssueRequest request = original;
  request.qr_dir = without_trailing_slash(request.qr_dir);
  request.sheet = without_trailing_slash(request.sheet);
  validate(request);
  Keyring keyring = Keyring::load(request.keyring);
  KeyType type = request.kind == IssueRequest::Kind::typed ? KeyType::hmac : KeyType::ed25519;
  const KeyEntry* key = keyring.issuing_key(type);
  if (!key)
    throw bad_input("keyring " + quote(request.keyring.string()) + " has no active " +
                    std::string(key_type_name(type)) + " key; add one with 'stickerforge keys new --keyring " +
                    request.keyring.string() + " --type " + std::string(key_type_name(type)) + "'");

  // Reserve serials under the lock; everything slow happens after it.
  IssueSummary summary;
  summary.count = request.count;
  summary.key_id = key->id;
  Campaign campaign;
  {
    FileLock lock(request.campaigns);
    CampaignBook book = CampaignBook::load(request.campaigns);
    const CampaignRecord& record = book.get(request.campaign_id);
    campaign = record.campaign;
    if (campaign.ends_unix && now_unix >= campaign.ends_unix)
      throw bad_input("campaign " + quote(campaign.id) + " ended " + format_utc(campaign.ends_unix) +
                      "; extend it with 'campaign set --ends' before issuing");
    // Codes past the cap could never be redeemed once it is reached: a
    // customer would hold a code that says "campaign full".
    const std::uint64_t cap = static_cast<std::uint64_t>(campaign.cap);
    if (cap && record.issued() + request.count > cap && !request.force)
      throw bad_input("campaign " + quote(campaign.id) + " has a cap of " + std::to_string(cap) +
                      " redemptions and " + std::to_string(record.issued()) +
                      " codes issued; " + std::to_string(request.count) + " more would pass it (at most " +
                      std::to_string(record.issued() >= cap ? 0 : cap - record.issued()) +
                      " fit); raise it with 'campaign set --cap' or pass --force");
    summary.ranges = book.reserve(request.campaign_id, key->id, request.count);
    book.save(request.campaigns);
  }
  summary.first_serial = summary.ranges.front().slot.first_serial + summary.ranges.front().first;
  const SerialRange& last = summary.ranges.back();
  summary.last_serial = last.slot.first_serial + last.first + last.count - 1;

  std::optional<crypto::HmacSha256Key> hmac;
  std::optional<crypto::Ed25519PrivateKey> signer;
  if (type == KeyType::hmac) hmac.emplace(key->secret);
  else signer.emplace(crypto::Ed25519PrivateKey::from_seed(key->secret));

  auto out_file = request.out == "-" ? std::make_unique<StagedFile>(*request.out_stream)
                                     : std::make_unique<StagedFile>(request.out);
  StagedFile& out = *out_file;
  std::optional<fs::path> qr_staged;
  std::optional<TempDirGuard> qr_guard;
  if (!request.qr_dir.empty()) {
    qr_staged = make_sibling_temp_dir(request.qr_dir);
    qr_guard.emplace(*qr_staged);
  }
  std::unique_ptr<StagedFile> sheet_file;
  std::unique_ptr<SheetWriter> sheet;
  if (!request.sheet.empty()) {
    sheet_file = std::make_unique<StagedFile>(request.sheet);
    CardSettings cards;
    cards.layout = request.layout;
    cards.address = redemption_address(request.link_base);
    cards.typed = request.kind == IssueRequest::Kind::typed;
    sheet = std::make_unique<SheetWriter>(sheet_file->buffer(), campaign, cards);
  }

  bool with_link = !request.link_base.empty();
  const std::string qr_dark = qr_dark_color(campaign.brand);
  bool csv = request.format == IssueRequest::Format::csv;
  std::string& buffer = out.buffer();
  if (csv) buffer += with_link ? "code,campaign,serial,key_id,link\n" : "code,campaign,serial,key_id\n";
  std::string code, link;
  char typed_text[19];
  std::vector<std::string> signed_batch;
  for (const SerialRange& range : summary.ranges) {
    for (std::uint32_t i = 0; i < range.count; ++i) {
      std::uint32_t slot_serial = range.first + i;
      std::uint64_t serial = range.slot.first_serial + slot_serial;
      if (hmac) {
        TypedFields fields{key->id, range.slot.number, slot_serial};
        format_typed_into(fields, typed_tag(*hmac, fields), typed_text);
        code.assign(typed_text, 19);
      } else {
        if (i % kSignBatch == 0) {
          LinkFields base;
          base.key_id = key->id;
          base.campaign_number = range.slot.number;
          base.not_after_unix = request.link_not_after;
          signed_batch.assign(std::min(kSignBatch, range.count - i), std::string());
          sign_batch(*signer, base, slot_serial, signed_batch);
        }
        code = std::move(signed_batch[i % kSignBatch]);
      }
      if (with_link) link = link_for(request.link_base, code);
      if (csv) {
        buffer += code;
        buffer += ',';
        buffer += campaign.id;
        buffer += ',';
        append_number(buffer, serial);
        buffer += ',';
        append_number(buffer, key->id);
        if (with_link) {
          buffer += ',';
          buffer += link;
        }
        buffer += '\n';
      } else {
        buffer += "{\"code\":";
        append_json_string(buffer, code);
        buffer += ",\"campaign\":";
        append_json_string(buffer, campaign.id);
        buffer += ",\"serial\":";
        append_number(buffer, serial);
        buffer += ",\"key_id\":";
        append_number(buffer, key->id);
        if (with_link) {
          buffer += ",\"link\":";
          append_json_string(buffer, link);
        }
        buffer += "}\n";
      }
      out.maybe_flush();
      const std::string& qr_text = link;
      if (qr_staged) {
        fs::path file = *qr_staged / (std::to_string(serial) +
                                      (request.qr_format == IssueRequest::QrFormat::png ? ".png" : ".svg"));
        if (request.qr_format == IssueRequest::QrFormat::png) {
          Bytes png = qr_png(qr_text, 8, qr_dark);
          write_file_atomic(file, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
        } else {
          write_file_atomic(file, qr_svg(qr_text, qr_dark));
        }
      }
      if (sheet) {
        sheet->add(code, serial, qr_text);
        sheet_file->maybe_flush();
      }
    }
  }
  if (sheet) sheet->finish();
  // Commit in an order where a late failure leaves at most whole files.
  if (qr_staged) {
    replace_dir(*qr_staged, request.qr_dir);
    qr_guard->release();
  }
  if (sheet_file) sheet_file->commit();
  out.commit();
  return summary;
}

IssueSummary reserve_online_serials(const fs::path& keyring_path, const fs::path& campaigns,
                                    std::string_view campaign_id, std::uint64_t count,
                                    std::int64_t now_unix) {
  if (count == 0 || count > kMaxIssueCount)
    throw bad_input("--count " + std::to_string(count) +
                    " is out of range; expected 1 to 100000000 online serials");
  Keyring keyring = Keyring::load(keyring_path);
  const KeyEntry* key = keyring.issuing_key(KeyType::hmac);
  if (!key)
    throw bad_input("keyring " + quote(keyring_path.string()) +
                    " has no active hmac key; online codes are typed codes; add one with "
                    "'stickerforge keys new --keyring " + keyring_path.string() + " --type hmac'");
  IssueSummary summary;
  summary.count = count;
  summary.key_id = key->id;
  FileLock lock(campaigns);
  CampaignBook book = CampaignBook::load(campaigns);
  const Campaign& campaign = book.get(campaign_id).campaign;
  if (campaign.ends_unix && now_unix >= campaign.ends_unix)
    throw bad_input("campaign " + quote(campaign.id) + " ended " + format_utc(campaign.ends_unix) +
                    "; extend it with 'campaign set --ends' before reserving");
  summary.ranges = book.reserve_online(campaign_id, key->id, count);
  book.save(campaigns);
  summary.first_serial = summary.ranges.front().slot.first_serial + summary.ranges.front().first;
  const SerialRange& last = summary.ranges.back();
  summary.last_serial = last.slot.first_serial + last.first + last.count - 1;
  return summary;
}

}  // namespace sf::codes
