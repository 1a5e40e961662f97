// The one place apps calls the exporters: build exactly the platforms the
// kind needs into a temporary folder, generate from it, throw it away.
#include "apps/apps.h"
#include "apps/generators.h"
#include "base/files.h"
#include "exporters/build.h"

namespace fs = std::filesystem;

namespace sf::apps {

AppResult generate_app(const pack::Pack& pack, const AppOptions& options) {
  validate_options(options);  // before the (slow) build: bad options fail at once
  fs::path out_dir = fs::absolute(options.out_dir).lexically_normal();
  if (out_dir.filename().empty()) out_dir = out_dir.parent_path();
  fs::path created = create_parent_of(out_dir);
  try {
    TempDirGuard scratch(make_sibling_temp_dir(out_dir.parent_path() / ".stickerforge-app-build"));
    exporters::BuildOptions build;
    build.out_dir = scratch.path() / "build";
    build.platforms = platforms_for(options.kind);
    exporters::build_pack(pack, build);
    return generate_app_from_build(pack, build.out_dir, options);
  } catch (...) {
    remove_if_empty(created);  // a failed build leaves no new folders behind
    throw;
  }
}

}  // namespace sf::apps
