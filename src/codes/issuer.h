// codes: issuing a batch of codes. Serials are reserved under a lock on the
// campaigns file first (so overlapping runs never share one), then codes are
// streamed to a temporary file that is renamed into place only when complete:
// 10,000,000 codes need a few kilobytes of memory, and a failed run leaves no
// partial output (its reserved serials are simply never used).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "codes/campaign_book.h"
#include "codes/sheet.h"

namespace sf::codes {

inline constexpr std::uint64_t kMaxIssueCount = 100'000'000;
inline constexpr std::uint64_t kMaxSheetCount = 10'000;

struct IssueRequest {
  std::filesystem::path keyring;
  std::filesystem::path campaigns;
  std::string campaign_id;
  std::uint64_t count = 0;
  enum class Kind { typed, link } kind = Kind::typed;
  enum class Format { csv, jsonl } format = Format::csv;
  std::filesystem::path out;          // the CSV/JSONL file; "-" = out_stream
  std::ostream* out_stream = nullptr; // where "-" writes (standard output)
  std::string link_base;              // "https://x/r/" or with "{code}"; "" = none
  std::filesystem::path qr_dir;       // "" = no QR images
  enum class QrFormat { png, svg } qr_format = QrFormat::png;
  std::filesystem::path sheet;        // "" = no printable cards (HTML)
  CardLayout layout = CardLayout::a4; // A4 sheets or a receipt strip
  std::int64_t link_not_after = 0;    // link tokens: 0 = campaign decides
  bool force = false;                 // replace existing outputs, issue past the cap
};

struct IssueSummary {
  std::uint64_t count = 0;
  std::uint32_t key_id = 0;
  std::vector<SerialRange> ranges;
  std::uint64_t first_serial = 0;  // campaign-wide serials handed out
  std::uint64_t last_serial = 0;
};

/// Issues the codes. Throws Error(bad_input) for a bad count, an existing
/// output without force, QR images or cards without a link base (a QR must
/// carry a URL a phone opens), an unknown or ended campaign, more codes than
/// the campaign's cap without force, a keyring without an active key of the
/// needed type; Error(io) for write failures. On any failure no output file,
/// QR folder or sheet is left behind.
IssueSummary issue_codes(const IssueRequest& request, std::int64_t now_unix);

/// The link for a code: `base` with "{code}" replaced, or base + code.
std::string link_for(std::string_view base, std::string_view code);

/// Reserves `count` serials of campaign `campaign_id` for online issuance
/// (the service mints them one by one from the ledger), under the same lock
/// as issue_codes, with the keyring's newest active HMAC key. Returns the
/// reserved ranges. Throws like issue_codes for a bad count, an unknown or
/// ended campaign or a keyring without an active HMAC key.
IssueSummary reserve_online_serials(const std::filesystem::path& keyring,
                                    const std::filesystem::path& campaigns,
                                    std::string_view campaign_id, std::uint64_t count,
                                    std::int64_t now_unix);

}  // namespace sf::codes
