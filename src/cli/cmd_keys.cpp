// stickerforge keys: create, list, retire and publish signing keys. Secrets
// never reach the output: only ids, types, status and public keys.
#include <cxxopts.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <ostream>

#include "base/error.h"
#include "base/files.h"
#include "base/text.h"
#include "cli/commands.h"
#include "cli/parse_options.h"
#include "codes/base64url.h"
#include "codes/file_lock.h"
#include "codes/keyring.h"
#include "codes/time_text.h"

namespace sf::cli {
namespace {

constexpr std::string_view kUsage =
    "usage: stickerforge keys new --keyring FILE [--type hmac|ed25519]\n"
    "       stickerforge keys list --keyring FILE\n"
    "       stickerforge keys retire KID --keyring FILE\n"
    "       stickerforge keys export-public --keyring FILE [--out FILE] [--force]\n";

cxxopts::ParseResult parse(cxxopts::Options& options, const std::vector<std::string>& args) {
  std::vector<const char*> argv = {"stickerforge keys"};
  for (std::size_t i = 1; i < args.size(); ++i) argv.push_back(args[i].c_str());
  return options.parse(static_cast<int>(argv.size()), argv.data());
}

std::filesystem::path require_keyring(const cxxopts::ParseResult& result) {
  if (!result.count("keyring")) throw bad_input("no keyring given; expected --keyring FILE");
  return result["keyring"].as<std::string>();
}

int keys_new(CommandContext& context, const cxxopts::ParseResult& result) {
  auto path = require_keyring(result);
  std::string type_name = result["type"].as<std::string>();
  codes::KeyType type;
  if (type_name == "hmac") type = codes::KeyType::hmac;
  else if (type_name == "ed25519") type = codes::KeyType::ed25519;
  else throw bad_input("--type " + quote(type_name) + " is unknown; expected hmac (typed codes) or ed25519 (link codes)");
  codes::FileLock lock(path);
  codes::Keyring keyring;
  bool created = !std::filesystem::exists(path);
  if (!created) keyring = codes::Keyring::load(path);
  const codes::KeyEntry& key = keyring.add(type, std::time(nullptr));
  std::uint32_t id = key.id;
  keyring.save(path);
  context.out << "key " << id << " (" << type_name << ") added to " << (created ? "new " : "")
              << "keyring " << quote(path.string()) << "; it now issues "
              << (type == codes::KeyType::hmac ? "typed" : "link") << " codes\n";
  return Exit::ok;
}

int keys_list(CommandContext& context, const cxxopts::ParseResult& result) {
  auto keyring = codes::Keyring::load(require_keyring(result));
  context.out << "id  type     status   created               public key\n";
  for (const codes::KeyEntry& key : keyring.keys()) {
    context.out << std::left << std::setw(4) << key.id << std::setw(9)
                << codes::key_type_name(key.type) << std::setw(9)
                << (key.retired ? "retired" : "active") << std::setw(22)
                << codes::format_utc(key.created_unix)
                << (key.public_key.empty() ? "-" : codes::base64url_encode(key.public_key)) << "\n";
  }
  if (keyring.keys().empty()) context.out << "(no keys; add one with 'stickerforge keys new')\n";
  return Exit::ok;
}

int keys_retire(CommandContext& context, const cxxopts::ParseResult& result) {
  auto path = require_keyring(result);
  const auto& rest = result.unmatched();
  if (rest.size() != 1) throw bad_input("keys retire needs one key id; expected 'keys retire KID'");
  std::uint32_t id = 0;
  const std::string& text = rest[0];
  if (text.empty() || text.size() > 2 || text.find_first_not_of("0123456789") != std::string::npos)
    throw bad_input("key id " + quote(text) + " is not a number; expected 1 to 31");
  id = static_cast<std::uint32_t>(std::stoul(text));
  codes::FileLock lock(path);
  auto keyring = codes::Keyring::load(path);
  keyring.retire(id);
  keyring.save(path);
  context.out << "key " << id << " retired: its codes still verify, it no longer issues\n";
  return Exit::ok;
}

int keys_export_public(CommandContext& context, const cxxopts::ParseResult& result) {
  auto keyring = codes::Keyring::load(require_keyring(result));
  std::string json = keyring.public_json();
  if (!result.count("out")) {
    context.out << json;
    return Exit::ok;
  }
  std::filesystem::path out = result["out"].as<std::string>();
  if (std::filesystem::exists(out) && !result["force"].as<bool>())
    throw bad_input("output " + quote(out.string()) + " already exists; pass --force to replace it");
  write_file_atomic(out, json, 0644);
  context.out << "public keys written to " << quote(out.string()) << "\n";
  return Exit::ok;
}

}  // namespace

int cmd_keys(CommandContext& context) {
  if (context.args.empty() || wants_help(context)) {
    (context.args.empty() ? context.err : context.out) << kUsage;
    return context.args.empty() ? Exit::usage : Exit::ok;
  }
  cxxopts::Options options("stickerforge keys", "signing keys for reward codes");
  options.allow_unrecognised_options();
  options.add_options()
      ("keyring", "keyring file (created 0600)", cxxopts::value<std::string>())
      ("type", "hmac (typed codes) or ed25519 (link codes)", cxxopts::value<std::string>()->default_value("hmac"))
      ("out", "output file", cxxopts::value<std::string>())
      ("force", "replace an existing output", cxxopts::value<bool>()->default_value("false"));
  auto result = parse(options, context.args);
  for (const std::string& extra : result.unmatched())
    if (extra.rfind("-", 0) == 0) throw bad_input("keys: unknown option " + quote(extra) + "\n" + std::string(kUsage));
  const std::string& sub = context.args[0];
  if (sub != "retire" && !result.unmatched().empty())
    throw bad_input("keys " + sub + ": unexpected argument " + quote(result.unmatched()[0]));
  if (sub == "new") return keys_new(context, result);
  if (sub == "list") return keys_list(context, result);
  if (sub == "retire") return keys_retire(context, result);
  if (sub == "export-public") return keys_export_public(context, result);
  std::vector<std::string_view> subs = {"new", "list", "retire", "export-public"};
  throw bad_input("keys: unknown action " + quote(sub) + ";" + did_you_mean(sub, subs) + "\n" +
                  std::string(kUsage));
}

}  // namespace sf::cli
