#include "artwork/vips_session.h"

#include <mutex>

#include "artwork/artwork.h"
#include "base/error.h"

namespace sf::artwork {

void initialize() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    ok = VIPS_INIT("stickerforge") == 0;
    if (!ok) return;
    // We parallelise across stickers (one caller thread per sticker); vips'
    // own worker pools on top of that would oversubscribe the 2 cores we
    // target and add thread start-up to every small 512-px pipeline.
    vips_concurrency_set(1);
    // The operation cache keeps references to whole decoded images; with
    // many stickers in flight it would only grow memory. Our encode search
    // keeps its own cache of trials, so vips' cache buys nothing here.
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    // Never let libvips guess a loader: we sniff the format ourselves and
    // call one loader explicitly. ImageMagick and the exotic loaders parse
    // far more formats than we accept and are a larger attack surface.
    vips_operation_block_set("VipsForeignLoadMagick", TRUE);
    vips_operation_block_set("VipsForeignLoadOpenslide", TRUE);
    vips_operation_block_set("VipsForeignLoadMatrix", TRUE);
    // Decoder warnings ("IEND: out of place") would go to stderr of the
    // CLI and the server; our errors already carry what the user needs.
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING,
                      [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
  });
  if (!ok) throw internal_error("libvips could not start: " + std::string(vips_error_buffer()));
}

namespace detail {

std::string vips_message(const vips::VError& error) {
  std::string text = error.what();
  vips_error_clear();
  // vips stacks "loader: detail\n" lines; the first is the most specific.
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char& c : text)
    if (c == '\n') c = ';';
  return text.empty() ? "the decoder gave no detail" : text;
}

}  // namespace detail
}  // namespace sf::artwork
