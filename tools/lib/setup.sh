# Sourced by tools/demo and tools/test: installs what is missing (Debian 12
# packages only), then configures and builds into build/ (Release).
# Quick when everything is present: dpkg is asked once, cmake only rebuilds.
set -euo pipefail

SF_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SF_BUILD="${SF_BUILD:-$SF_ROOT/build}"

# Needed to build and run stickerforge.
SF_BUILD_PACKAGES=(
  build-essential cmake pkg-config
  libvips-dev libzip-dev nlohmann-json3-dev libcxxopts-dev libssl-dev catch2
  libcpp-httplib-dev libboost-dev libsqlite3-dev libpq-dev libqrencode-dev librlottie-dev
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev
  libwebp-dev zlib1g-dev  # motion: WebPAnimEncoder/Decoder (exact ms timing), APNG deflate
  unicode-data node-emoji  # pack: Unicode's emoji list and :shortcode: names, compiled in
  fonts-noto-cjk fonts-noto-color-emoji  # preview captions: CJK file names and colour emoji
  libimagequant-dev       # motion: shared APNG/GIF palette with dithering
)
# Needed only by tests, checks and benchmarks: independent decoders and real
# servers to check what we write against.
SF_TEST_PACKAGES=(
  webp ffmpeg zbar-tools libxml2-utils libplist-utils postgresql chromium
  wrk imagemagick hyperfine zip unzip procps curl python3 nodejs
  nginx  # the reverse proxy in front of the verifier in tests/verifier/nginx_test
)
# Needed only by `tools/test --long`: libFuzzer and the sanitizers.
SF_FUZZ_PACKAGES=(clang)

sf_missing_packages() {
  local wanted=("$@") missing=()
  local installed
  installed="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${wanted[@]}" 2>/dev/null || true)"
  for package in "${wanted[@]}"; do
    if ! grep -q "^$package ii" <<<"$installed"; then missing+=("$package"); fi
  done
  echo "${missing[@]:-}"
}

# npm may come with a Node.js from outside Debian (NodeSource's nodejs bundles
# it and conflicts with Debian's npm package): ask for Debian's only when the
# command is missing.
sf_install_npm() {
  command -v npm >/dev/null || sf_install npm
}

sf_install() {
  local missing
  missing="$(sf_missing_packages "$@")"
  [ -z "$missing" ] && return 0
  echo "stickerforge setup: installing $missing" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

sf_build() {
  local jobs
  jobs="$(nproc)"
  if [ ! -f "$SF_BUILD/CMakeCache.txt" ]; then
    # ccache, when a developer has it, makes rebuilds in several work trees
    # cheap; CI has none and builds plainly.
    local launcher=()
    if command -v ccache >/dev/null; then
      launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
    fi
    cmake -S "$SF_ROOT" -B "$SF_BUILD" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
  fi
  cmake --build "$SF_BUILD" -j "$jobs" "$@"
}
