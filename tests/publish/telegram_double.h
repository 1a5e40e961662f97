// Test DOUBLE of the Telegram Bot API (not Telegram): a local HTTP server
// answering the sticker methods stickerforge publish uses, with the documented
// validation and answers: multipart bodies, set name rules (_by_<bot>),
// "user not found" for owners who never started the bot, "sticker set name is
// already occupied", STICKERS_TOO_MUCH, 413 for oversized bodies, and 429 with
// retry_after, refusing again (and counting a violation) when a client comes
// back before the wait is over.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "fake_clock.h"

namespace httplib {
class Server;
}

namespace sf::test {

struct DoubleSticker {
  std::string file_id, file_unique_id, format, bytes;
  std::vector<std::string> emoji_list, keywords;
};

struct DoubleSet {
  std::string name, title, sticker_type;
  long long owner = 0;
  std::vector<DoubleSticker> stickers;
  std::string thumbnail;  // bytes; "" none
};

class TelegramDouble {
 public:
  TelegramDouble(std::string token, std::string bot_username, const FakeClock* clock = nullptr);
  ~TelegramDouble();

  std::string url() const;
  void start_bot(long long user_id);           // the user pressed Start in the bot's chat
  void occupy(const std::string& set_name);    // another owner's set has this name
  void set_body_limit(std::size_t bytes);      // larger requests get 413
  void set_max_stickers(std::size_t count);    // STICKERS_TOO_MUCH beyond (default 120)
  /// Every `every`-th call of `method` answers 429 with `retry_after` seconds
  /// (every <= 0: no more floods).
  void flood(const std::string& method, int every, int retry_after);
  /// Runs after the `nth` call of `method` changed the set, before answering.
  void after_call(const std::string& method, int nth, std::function<void()> hook);

  std::map<std::string, DoubleSet> sets() const;
  int calls(const std::string& method) const;
  int early_retries() const { return early_retries_; }  // calls made during a flood wait

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<int> early_retries_{0};
};

}  // namespace sf::test
