// The Telegram run: read the set back, plan, make each call with the call
// journaled in the state first, read back again, until the set is the build.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

#include "base/error.h"
#include "base/files.h"
#include "base/text.h"
#include "publish/bot_api.h"
#include "publish/install_json.h"
#include "publish/publish.h"
#include "publish/set_name.h"
#include "publish/telegram_bundle.h"
#include "publish/telegram_errors.h"
#include "publish/telegram_plan.h"
#include "publish/telegram_state.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace sf::publish {
namespace {

bool mentions(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string mime_of(const std::string& format, const fs::path& path) {
  if (format == "video") return "video/webm";
  if (format == "animated") return "application/x-tgsticker";
  return path.extension() == ".png" ? "image/png" : "image/webp";
}

class TelegramRun {
 public:
  TelegramRun(const TelegramOptions& options, BotApi& api, std::ostream& log)
      : options_(options), api_(api), log_(log) {}

  PublishOutcome run() {
    wanted_ = read_telegram_bundle(options_.build);
    state_path_ = options_.state.empty() ? default_state_path(options_.build) : options_.state;
    state_ = load_state(state_path_);
    json me = api_.call("getMe", json::object(), {}, true);
    context_.bot = me.value("username", "");
    if (context_.bot.empty()) throw internal_error("Telegram's getMe answered without a username");
    choose_name();
    choose_owner();
    if (!options_.dry_run) {
      install_target_ = install_target();
      if (!install_target_.empty()) check_install_file(install_target_);
    }
    sync();
    PublishOutcome outcome;
    outcome.link = link();
    if (options_.dry_run) {
      for (const Step& step : plan_telegram(view(), wanted_)) outcome.plan.push_back(describe(step, wanted_));
      return outcome;
    }
    converge(outcome);
    if (!install_target_.empty()) {
      set_install_field(install_target_, "telegram", "add_link", outcome.link);
      update_legacy_add_link(install_target_, "telegram", outcome.link);
      outcome.install_json = install_target_;
    }
    return outcome;
  }

 private:
  void choose_name() {
    std::string name = options_.name;
    if (!name.empty() && !state_.set_name.empty() && name != state_.set_name)
      throw conflict(state_path_.string() + " records the set " + state_.set_name +
                     ", not " + quote(name) + "; to publish another set give another --state "
                     "(or move this file away)");
    if (name.empty()) name = state_.set_name;
    if (name.empty()) {
      name = random_set_name(wanted_.pack_id, context_.bot);
      log_ << "new set name " << name << " (random: only people given the link can find it)\n";
    }
    std::string problem = set_name_problem(name, context_.bot);
    if (!problem.empty()) {
      auto by = name.rfind("_by_");
      if (by != std::string::npos && set_name_problem(name, name.substr(by + 4)).empty())
        throw bad_input("set " + name + " was not made by this bot (@" + context_.bot +
                        "): only @" + name.substr(by + 4) + " can change it; use that bot's "
                        "token, or publish a new set");
      throw bad_input("set name " + quote(name) + " " + problem);
    }
    if (!state_.set_name.empty() && state_.sticker_type != wanted_.sticker_type)
      throw conflict("set " + name + " is a " + state_.sticker_type + " set; the build wants " +
                     wanted_.sticker_type + ", which needs a new set (another --state)");
    state_.set_name = name;
    state_.sticker_type = wanted_.sticker_type;
    context_.set_name = name;
  }

  void choose_owner() {
    if (options_.owner != 0 && state_.owner != 0 && options_.owner != state_.owner)
      throw conflict("set " + state_.set_name + " belongs to user " + std::to_string(state_.owner) +
                     ", not " + std::to_string(options_.owner) + "; a set's owner cannot change");
    if (options_.owner != 0) state_.owner = options_.owner;
    if (state_.owner == 0 && !options_.dry_run)
      throw bad_input("no owner: give --owner USER_ID, the numeric Telegram id of the person "
                      "who will own the set (they must have started @" + context_.bot + ")");
    context_.owner = state_.owner;
  }

  std::string link() const {
    return std::string(wanted_.sticker_type == "custom_emoji" ? "https://t.me/addemoji/"
                                                              : "https://t.me/addstickers/") +
           state_.set_name;
  }

  SetView view() const {
    return {exists_, state_.stickers, state_.title, state_.thumbnail, &state_.uploads};
  }

  void save() {
    if (!options_.dry_run) save_state(state_path_, state_);
  }

  // Reads the set back: settles the journaled call, learns the ids of new
  // stickers (they line up by position: this run is the set's only writer).
  void sync() {
    json set;
    try {
      set = api_.call("getStickerSet", {{"name", state_.set_name}}, {}, true);
      exists_ = true;
    } catch (const BotApiError& e) {
      if (e.code() != 400 || !(mentions(e.description(), "STICKERSET_INVALID") ||
                               mentions(e.description(), "not found")))
        throw;
      exists_ = false;
    }
    file_ids_.clear();
    if (!exists_) {
      if (!state_.stickers.empty())
        log_ << "set " << state_.set_name << " is not on Telegram (deleted?); making it afresh\n";
      state_.stickers.clear();
      state_.thumbnail.clear();
      state_.pending.reset();
      save();
      return;
    }
    std::vector<std::string> remote;
    for (const json& s : set.value("stickers", json::array())) {
      remote.push_back(s.value("file_unique_id", ""));
      file_ids_[remote.back()] = s.value("file_id", "");
    }
    settle_pending(remote);
    bool lined_up = remote.size() == state_.stickers.size();
    for (std::size_t i = 0; lined_up && i < remote.size(); ++i)
      lined_up = state_.stickers[i].file_unique_id.empty() ||
                 state_.stickers[i].file_unique_id == remote[i];
    if (lined_up) {
      for (std::size_t i = 0; i < remote.size(); ++i) state_.stickers[i].file_unique_id = remote[i];
    } else {
      log_ << "set " << state_.set_name << " was changed outside stickerforge (" << remote.size()
           << " stickers, " << state_.stickers.size() << " recorded); stickers not recognised "
           << "are replaced\n";
      std::vector<KnownSticker> rebuilt;
      for (const std::string& id : remote) {
        auto known = std::find_if(state_.stickers.begin(), state_.stickers.end(),
                                  [&](const KnownSticker& k) { return k.file_unique_id == id; });
        rebuilt.push_back(known != state_.stickers.end() ? *known : KnownSticker{id, "", {}, {}});
      }
      state_.stickers = rebuilt;
    }
    state_.title = set.value("title", "");
    if (!set.contains("thumbnail") || set["thumbnail"].is_null()) state_.thumbnail.clear();
    save();
  }

  void settle_pending(const std::vector<std::string>& remote) {
    if (!state_.pending) return;
    PendingCall p = *state_.pending;
    state_.pending.reset();
    auto on_set = [&](const std::string& id) {
      return std::find(remote.begin(), remote.end(), id) != remote.end();
    };
    auto index_of = [&](const std::string& id) {
      return static_cast<std::size_t>(
          std::find_if(state_.stickers.begin(), state_.stickers.end(),
                       [&](const KnownSticker& k) { return k.file_unique_id == id; }) -
          state_.stickers.begin());
    };
    bool done = false;
    if (p.op == "create") {
      done = true;  // the set exists: creation is all or nothing
      state_.stickers = p.added;
    } else if (p.op == "add" && remote.size() == p.count_before + 1) {
      done = true;
      state_.stickers.push_back(p.added.front());
    } else if (p.op == "delete" && !on_set(p.file_unique_id)) {
      done = true;
      std::size_t i = index_of(p.file_unique_id);
      if (i < state_.stickers.size()) state_.stickers.erase(state_.stickers.begin() + i);
    } else if (p.op == "replace" && !on_set(p.file_unique_id)) {
      done = true;
      if (p.position < state_.stickers.size()) state_.stickers[p.position] = p.added.front();
    } else if (p.op == "move" && p.position < remote.size() && remote[p.position] == p.file_unique_id) {
      done = true;
      move_known(index_of(p.file_unique_id), p.position);
    }
    log_ << "the last run's " << p.op << " call " << (done ? "had reached" : "had not reached")
         << " Telegram; going on from there\n";
  }

  void move_known(std::size_t from, std::size_t to) {
    if (from >= state_.stickers.size()) return;
    KnownSticker moving = state_.stickers[from];
    state_.stickers.erase(state_.stickers.begin() + static_cast<std::ptrdiff_t>(from));
    state_.stickers.insert(state_.stickers.begin() + static_cast<std::ptrdiff_t>(to), moving);
  }

  KnownSticker known(std::size_t wanted) const {
    const WantedSticker& w = wanted_.stickers[wanted];
    return {"", w.file.content, w.emoji_list, w.keywords};
  }

  json input_sticker(std::size_t wanted) const {
    const WantedSticker& w = wanted_.stickers[wanted];
    json s = {{"sticker", state_.uploads.at(w.file.content)},
              {"format", w.file.format},
              {"emoji_list", w.emoji_list}};
    if (!w.keywords.empty()) s["keywords"] = w.keywords;
    return s;
  }

  // The file_id of a set's sticker for a call, or "" when it must be read back first.
  std::string file_id(const std::string& identity) const {
    auto it = file_ids_.find(identity);
    return it == file_ids_.end() ? "" : it->second;
  }

  std::size_t index_of(const std::string& identity) const {
    for (std::size_t i = 0; i < state_.stickers.size(); ++i)
      if (state_.stickers[i].file_unique_id == identity) return i;
    throw internal_error("sticker " + identity + " is not in the recorded set");
  }

  void journal(PendingCall call) {
    state_.pending = std::move(call);
    save();
  }

  void done() {
    state_.pending.reset();
    save();
  }

  json owner_and_name() const {
    return {{"user_id", state_.owner}, {"name", state_.set_name}};
  }

  // Makes one call. False when it needs a sticker's id not read back yet.
  bool execute(const Step& step) {
    const std::size_t j = step.wanted;
    context_.subject = j < wanted_.stickers.size()
                           ? wanted_.stickers[j].file.path.lexically_relative(wanted_.bundle).string()
                           : "";
    std::string target;
    if (step.kind == Step::Kind::remove || step.kind == Step::Kind::replace ||
        step.kind == Step::Kind::move || step.kind == Step::Kind::emoji ||
        step.kind == Step::Kind::keywords) {
      target = file_id(step.sticker);
      if (target.empty()) return false;
    }
    json fields = owner_and_name();
    switch (step.kind) {
      case Step::Kind::upload: {
        const WantedFile& f = wanted_.stickers[j].file;
        if (state_.uploads.count(f.content)) return true;
        Bytes bytes = read_file(f.path);
        json file = api_.call("uploadStickerFile",
                              {{"user_id", state_.owner}, {"sticker_format", f.format}},
                              {{"sticker", std::string(bytes.begin(), bytes.end()),
                                f.path.filename().string(), mime_of(f.format, f.path)}},
                              true);
        state_.uploads[f.content] = file.at("file_id").get<std::string>();
        save();
        return true;
      }
      case Step::Kind::create: {
        PendingCall call{"create"};
        json stickers = json::array();
        for (std::size_t i = 0; i < j; ++i) {
          call.added.push_back(known(i));
          stickers.push_back(input_sticker(i));
        }
        fields["title"] = wanted_.title;
        fields["sticker_type"] = wanted_.sticker_type;
        if (wanted_.sticker_type == "custom_emoji" && wanted_.needs_repainting)
          fields["needs_repainting"] = true;
        fields["stickers"] = stickers;
        journal(call);
        context_.subject.clear();
        api_.call("createNewStickerSet", fields);
        exists_ = true;
        state_.stickers = call.added;
        state_.title = wanted_.title;
        break;
      }
      case Step::Kind::add: {
        journal({"add", state_.stickers.size(), "", 0, {known(j)}});
        fields["sticker"] = input_sticker(j);
        api_.call("addStickerToSet", fields);
        state_.stickers.push_back(known(j));
        break;
      }
      case Step::Kind::remove: {
        journal({"delete", 0, step.sticker});
        api_.call("deleteStickerFromSet", {{"sticker", target}});
        state_.stickers.erase(state_.stickers.begin() + static_cast<std::ptrdiff_t>(index_of(step.sticker)));
        break;
      }
      case Step::Kind::replace: {
        std::size_t at = index_of(step.sticker);
        journal({"replace", 0, step.sticker, at, {known(j)}});
        fields["old_sticker"] = target;
        fields["sticker"] = input_sticker(j);
        api_.call("replaceStickerInSet", fields);
        state_.stickers[at] = known(j);
        break;
      }
      case Step::Kind::move: {
        journal({"move", 0, step.sticker, step.position});
        api_.call("setStickerPositionInSet", {{"sticker", target}, {"position", step.position}});
        move_known(index_of(step.sticker), step.position);
        break;
      }
      case Step::Kind::emoji:
        api_.call("setStickerEmojiList", {{"sticker", target}, {"emoji_list", wanted_.stickers[j].emoji_list}});
        state_.stickers[index_of(step.sticker)].emoji_list = wanted_.stickers[j].emoji_list;
        break;
      case Step::Kind::keywords:
        api_.call("setStickerKeywords", {{"sticker", target}, {"keywords", wanted_.stickers[j].keywords}});
        state_.stickers[index_of(step.sticker)].keywords = wanted_.stickers[j].keywords;
        break;
      case Step::Kind::title:
        api_.call("setStickerSetTitle", {{"name", state_.set_name}, {"title", wanted_.title}});
        state_.title = wanted_.title;
        break;
      case Step::Kind::thumbnail: {
        const WantedFile& t = *wanted_.thumbnail;
        context_.subject = t.path.lexically_relative(wanted_.bundle).string();
        Bytes bytes = read_file(t.path);
        fields["format"] = t.format;
        api_.call("setStickerSetThumbnail", fields,
                  {{"thumbnail", std::string(bytes.begin(), bytes.end()), t.path.filename().string(),
                    mime_of(t.format, t.path)}});
        state_.thumbnail = t.content;
        break;
      }
    }
    done();
    return true;
  }

  void converge(PublishOutcome& outcome) {
    int silences = 0;
    for (int round = 0;; ++round) {
      std::vector<Step> steps = plan_telegram(view(), wanted_);
      if (steps.empty()) break;
      if (round == 20) throw internal_error("set " + state_.set_name + " did not settle after 20 rounds");
      try {
        for (const Step& step : steps) {
          if (!execute(step)) break;  // read back first, then plan again
          outcome.plan.push_back(describe(step, wanted_));
          log_ << "[" << outcome.plan.size() << "] " << outcome.plan.back() << "\n";
        }
      } catch (const NoAnswerError& e) {
        if (++silences > options_.policy.max_network_retries) throw;
        log_ << e.what() << "; reading the set back to see whether it happened\n";
      } catch (const BotApiError& e) {
        // A file_id from an earlier run may have expired: upload again once.
        if (!mentions(e.description(), "file_id") && !mentions(e.description(), "FILE_ID")) throw;
        if (state_.uploads.empty()) throw;
        log_ << "Telegram no longer knows an uploaded file; uploading again\n";
        state_.uploads.clear();
        state_.pending.reset();
        save();
      }
      sync();
    }
  }

  fs::path install_target() const {
    if (!options_.install_json.empty()) return options_.install_json;
    if (!options_.packs.empty()) return options_.packs / wanted_.pack_id / "install.json";
    fs::path root = wanted_.bundle.parent_path();
    if (fs::exists(root / "report.json")) return root / "install.json";
    return {};
  }

 public:
  ErrorContext context_;

 private:
  const TelegramOptions& options_;
  BotApi& api_;
  std::ostream& log_;
  WantedSet wanted_;
  fs::path state_path_;
  fs::path install_target_;
  TelegramState state_;
  bool exists_ = false;
  std::map<std::string, std::string> file_ids_;
};

}  // namespace

PublishOutcome publish_telegram(const TelegramOptions& options, HttpClient& http, Sleeper& sleeper,
                                std::ostream& log) {
  if (options.token.empty()) throw bad_input("no Telegram bot token; give --bot-token-file FILE");
  BotApi api(http, options.token, sleeper, options.policy,
             [&log](const std::string& note) { log << note << "\n"; });
  TelegramRun run(options, api, log);
  try {
    return run.run();
  } catch (const BotApiError& e) {
    throw Error(e.kind(), explain(e, run.context_));
  } catch (const FloodWaitError& e) {
    throw Error(e.kind(), std::string(e.what()) + "; progress is saved: run the same command again in " +
                              std::to_string(e.retry_after()) + " s to go on");
  } catch (const NoAnswerError& e) {
    throw Error(e.kind(), std::string(e.what()) +
                              "; progress is saved: run the same command again to go on");
  }
}

}  // namespace sf::publish
