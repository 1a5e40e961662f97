// Test DOUBLE of Discord's REST API for guild stickers (not Discord): GET
// guild (premium_tier), GET/POST/PATCH/DELETE guild stickers, with the
// documented checks: `Authorization: Bot`, multipart fields name (2-30),
// description (empty or 2-100), tags (2-200), file PNG <= 512 KB; slots by
// boost tier (30039 when full); 429 with a fractional retry_after, counting a
// violation when a client comes back early.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "fake_clock.h"

namespace sf::test {

struct DiscordDoubleSticker {
  std::string id, name, description, tags, file;
};

class DiscordDouble {
 public:
  DiscordDouble(std::string token, std::string guild, int premium_tier, const FakeClock* clock);
  ~DiscordDouble();
  std::string url() const;
  void add_existing(const std::string& name, const std::string& file);  // made by hand earlier
  /// Every `every`-th POST answers 429 with `retry_after` seconds.
  void flood_posts(int every, double retry_after);
  std::vector<DiscordDoubleSticker> stickers() const;
  int calls(const std::string& method) const;
  int early_retries() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sf::test
