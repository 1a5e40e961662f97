// publish: the calls that turn the set on Telegram into the one a build asks
// for, keeping the set (and so its link). A pure function of what is known,
// so `--dry-run` prints exactly what a run would do, and a resumed run, which
// plans again from what is on Telegram, never repeats a finished call.
//
// Stickers whose file is unchanged stay; changed files replace a sticker in
// its place (replaceStickerInSet); leftovers are deleted, new ones added at
// the end; then the fewest moves (all but a longest increasing run) restore
// the build's order; emoji, keywords, title and thumbnail last.
#pragma once

#include <string>
#include <vector>

#include "publish/telegram_bundle.h"
#include "publish/telegram_state.h"

namespace sf::publish {

struct Step {
  enum class Kind { upload, create, add, remove, replace, move, emoji, keywords, title, thumbnail };
  Kind kind;
  std::size_t wanted = 0;    // index into WantedSet::stickers (upload, add, replace, emoji, keywords);
                             // create: how many of the first stickers it holds
  std::string sticker{};     // the set's sticker acted on: a file_unique_id, or "#<i>" for the
                             // i-th known sticker not yet read back, "+<j>" for wanted[j] once placed
  std::size_t position = 0;  // move: the zero-based position it goes to
};

struct SetView {
  bool exists = false;
  std::vector<KnownSticker> stickers;  // in the set's order
  std::string title;
  std::string thumbnail;               // content hash of the thumbnail we set
  const std::map<std::string, std::string>* uploads = nullptr;  // content -> file_id
};

/// The identity a plan uses for the i-th sticker of `view`.
std::string sticker_identity(const SetView& view, std::size_t index);

/// Every call, in order. Empty when the set already is the build.
std::vector<Step> plan_telegram(const SetView& view, const WantedSet& wanted);

/// One line per step, naming the Bot API method and its subject.
std::string describe(const Step& step, const WantedSet& wanted);

}  // namespace sf::publish
