#include "publish/telegram_plan.h"

#include <algorithm>

#include "base/text.h"

namespace sf::publish {
namespace {

constexpr std::size_t kCreateAtMost = 50;  // createNewStickerSet takes 1-50 stickers

// "#3", "+7": built by appending, as GCC 12 misfires -Wrestrict on "literal" + string.
std::string placeholder(char tag, std::size_t index) {
  std::string out(1, tag);
  out.append(std::to_string(index));
  return out;
}

bool needs_upload(const SetView& view, const WantedSticker& sticker) {
  return view.uploads == nullptr || !view.uploads->count(sticker.file.content);
}

// Indices of a longest strictly increasing subsequence of `values`.
std::vector<std::size_t> longest_increasing(const std::vector<std::size_t>& values) {
  std::vector<std::size_t> tails, tail_index, previous(values.size(), SIZE_MAX);
  for (std::size_t i = 0; i < values.size(); ++i) {
    auto it = std::lower_bound(tails.begin(), tails.end(), values[i]);
    std::size_t at = static_cast<std::size_t>(it - tails.begin());
    if (it == tails.end()) {
      tails.push_back(values[i]);
      tail_index.push_back(i);
    } else {
      *it = values[i];
      tail_index[at] = i;
    }
    if (at > 0) previous[i] = tail_index[at - 1];
  }
  std::vector<std::size_t> out;
  for (std::size_t i = tail_index.empty() ? SIZE_MAX : tail_index.back(); i != SIZE_MAX;
       i = previous[i])
    out.push_back(i);
  std::reverse(out.begin(), out.end());
  return out;
}

void plan_new_set(const SetView& view, const WantedSet& wanted, std::vector<Step>& steps) {
  std::size_t first = std::min(kCreateAtMost, wanted.stickers.size());
  for (std::size_t j = 0; j < first; ++j)
    if (needs_upload(view, wanted.stickers[j])) steps.push_back({Step::Kind::upload, j});
  steps.push_back({Step::Kind::create, first});
  for (std::size_t j = first; j < wanted.stickers.size(); ++j) {
    if (needs_upload(view, wanted.stickers[j])) steps.push_back({Step::Kind::upload, j});
    steps.push_back({Step::Kind::add, j});
  }
  if (wanted.thumbnail && wanted.sticker_type == "regular")
    steps.push_back({Step::Kind::thumbnail});
}

}  // namespace

std::string sticker_identity(const SetView& view, std::size_t index) {
  const std::string& id = view.stickers[index].file_unique_id;
  return id.empty() ? placeholder('#', index) : id;
}

std::vector<Step> plan_telegram(const SetView& view, const WantedSet& wanted) {
  std::vector<Step> steps;
  if (!view.exists) {
    plan_new_set(view, wanted, steps);
    return steps;
  }
  const std::vector<KnownSticker>& have = view.stickers;
  const std::size_t none = SIZE_MAX;
  // 1. Keep every sticker whose file is in the build (first come, first kept).
  std::vector<std::size_t> kept_for(wanted.stickers.size(), none);  // wanted -> have
  std::vector<bool> used(have.size(), false);
  for (std::size_t j = 0; j < wanted.stickers.size(); ++j)
    for (std::size_t i = 0; i < have.size(); ++i)
      if (!used[i] && !have[i].content.empty() && have[i].content == wanted.stickers[j].file.content) {
        used[i] = true;
        kept_for[j] = i;
        break;
      }
  // 2. Pair each new file with a sticker leaving the set, replacing it in
  //    place: first the one right after where its predecessor in the build
  //    stands (a redrawn sticker keeps its place), then the rest in order.
  std::vector<std::size_t> replaces(have.size(), none);  // have -> wanted replacing it
  std::vector<std::size_t> place_of = kept_for;          // wanted -> have index, if any
  for (std::size_t j = 0; j < wanted.stickers.size(); ++j) {
    if (kept_for[j] != none) continue;
    std::size_t i = j == 0 ? 0 : place_of[j - 1] == none ? none : place_of[j - 1] + 1;
    if (i < have.size() && !used[i] && replaces[i] == none) {
      replaces[i] = j;
      place_of[j] = i;
    }
  }
  std::size_t next_spare = 0;
  std::vector<std::size_t> added;
  for (std::size_t j = 0; j < wanted.stickers.size(); ++j) {
    if (place_of[j] != none) continue;
    while (next_spare < have.size() && (used[next_spare] || replaces[next_spare] != none)) ++next_spare;
    if (next_spare < have.size()) {
      replaces[next_spare] = j;
      place_of[j] = next_spare;
    } else {
      added.push_back(j);
    }
  }

  // The set after deleting, replacing and adding: wanted index per place.
  struct Place {
    std::size_t wanted;
    std::string identity;
  };
  std::vector<Place> places;
  for (std::size_t i = 0; i < have.size(); ++i)  // deletes first: they make room
    if (!used[i] && replaces[i] == none)
      steps.push_back({Step::Kind::remove, 0, sticker_identity(view, i)});
  for (std::size_t i = 0; i < have.size(); ++i) {
    if (used[i]) {
      std::size_t j = std::find(kept_for.begin(), kept_for.end(), i) - kept_for.begin();
      places.push_back({j, sticker_identity(view, i)});
    } else if (replaces[i] != none) {
      std::size_t j = replaces[i];
      if (needs_upload(view, wanted.stickers[j])) steps.push_back({Step::Kind::upload, j});
      steps.push_back({Step::Kind::replace, j, sticker_identity(view, i)});
      places.push_back({j, placeholder('+', j)});
    }
  }
  for (std::size_t j : added) {
    if (needs_upload(view, wanted.stickers[j])) steps.push_back({Step::Kind::upload, j});
    steps.push_back({Step::Kind::add, j});
    places.push_back({j, placeholder('+', j)});
  }

  // 3. Order: everything off a longest increasing run moves after its
  //    predecessor in the build, in build order (so each predecessor is placed).
  std::vector<std::size_t> order;
  for (const Place& p : places) order.push_back(p.wanted);
  std::vector<bool> stays(wanted.stickers.size(), false);
  for (std::size_t i : longest_increasing(order)) stays[order[i]] = true;
  for (std::size_t j = 0; j < wanted.stickers.size(); ++j) {
    if (stays[j]) continue;
    auto at = std::find_if(places.begin(), places.end(), [&](const Place& p) { return p.wanted == j; });
    Place moving = *at;
    places.erase(at);
    std::size_t position = 0;
    if (j > 0) {
      auto before = std::find_if(places.begin(), places.end(),
                                 [&](const Place& p) { return p.wanted == j - 1; });
      position = static_cast<std::size_t>(before - places.begin()) + 1;
    }
    places.insert(places.begin() + static_cast<std::ptrdiff_t>(position), moving);
    steps.push_back({Step::Kind::move, j, moving.identity, position});
  }

  // 4. Emoji and keywords of kept stickers (new ones carried theirs in).
  for (std::size_t j = 0; j < wanted.stickers.size(); ++j) {
    if (kept_for[j] == none) continue;
    const KnownSticker& known = have[kept_for[j]];
    if (known.emoji_list != wanted.stickers[j].emoji_list)
      steps.push_back({Step::Kind::emoji, j, sticker_identity(view, kept_for[j])});
    if (known.keywords != wanted.stickers[j].keywords)
      steps.push_back({Step::Kind::keywords, j, sticker_identity(view, kept_for[j])});
  }
  if (view.title != wanted.title) steps.push_back({Step::Kind::title});
  if (wanted.thumbnail && wanted.sticker_type == "regular" &&
      view.thumbnail != wanted.thumbnail->content)
    steps.push_back({Step::Kind::thumbnail});
  return steps;
}

std::string describe(const Step& step, const WantedSet& wanted) {
  auto file = [&](std::size_t j) {
    return wanted.stickers[j].file.path.lexically_relative(wanted.bundle).string();
  };
  auto emoji = [&](std::size_t j) { return join(wanted.stickers[j].emoji_list, " "); };
  switch (step.kind) {
    case Step::Kind::upload:
      return "uploadStickerFile " + file(step.wanted) + " (" + wanted.stickers[step.wanted].file.format + ")";
    case Step::Kind::create:
      return "createNewStickerSet " + quote(wanted.title) + " with stickers 1-" +
             std::to_string(step.wanted) + " (" + wanted.sticker_type + ")";
    case Step::Kind::add:
      return "addStickerToSet " + file(step.wanted) + " " + emoji(step.wanted);
    case Step::Kind::remove:
      return "deleteStickerFromSet " + step.sticker;
    case Step::Kind::replace:
      return "replaceStickerInSet " + step.sticker + " by " + file(step.wanted) + " " + emoji(step.wanted);
    case Step::Kind::move:
      return "setStickerPositionInSet " + file(step.wanted) + " to position " + std::to_string(step.position);
    case Step::Kind::emoji:
      return "setStickerEmojiList " + file(step.wanted) + " " + emoji(step.wanted);
    case Step::Kind::keywords:
      return "setStickerKeywords " + file(step.wanted) + " [" + join(wanted.stickers[step.wanted].keywords, ", ") + "]";
    case Step::Kind::title:
      return "setStickerSetTitle " + quote(wanted.title);
    case Step::Kind::thumbnail:
      return "setStickerSetThumbnail " +
             wanted.thumbnail->path.lexically_relative(wanted.bundle).string();
  }
  return "";
}

}  // namespace sf::publish
