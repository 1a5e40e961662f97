#!/usr/bin/env bash
# The peer: what a competent designer scripts today with ImageMagick. For one
# source file and one platform: trim, resize to fit inside the platform's
# margin, pad to the canvas, then try lossless and lower the quality (WEBP) or
# the palette (PNG, GIF) step by step until the file is under the platform's
# byte limit. Canvas, format, limit and margin are the ones stickerforge uses
# (src/exporters/platforms/*.cpp; the pack's 16 px margin at 512 px, scaled to
# the canvas, never below the platform's own margin), so both do the same job.
# usage: imagemagick-pack.sh SRC OUT_DIR PLATFORM
set -euo pipefail
src="$1" out_dir="$2" platform="$3"
name="$(basename "${src%.*}")"

case "$platform" in            # canvas, format, byte limit (0: none), platform margin
  telegram) w=512 h=512 fmt=webp limit=512000  min_margin=0 ;;
  whatsapp) w=512 h=512 fmt=webp limit=102400  min_margin=16 ;;
  signal)   w=512 h=512 fmt=webp limit=307200  min_margin=0 ;;
  imessage) w=408 h=408 fmt=png  limit=499999  min_margin=0 ;;
  line)     w=370 h=320 fmt=png  limit=1000000 min_margin=10 ;;
  discord)  w=320 h=320 fmt=png  limit=512000  min_margin=0 ;;
  viber)    w=490 h=490 fmt=png  limit=0       min_margin=0 ;;
  wechat)   w=240 h=240 fmt=gif  limit=100000  min_margin=0 ;;
  kik)      w=512 h=512 fmt=png  limit=1000000 min_margin=0 ;;
  *) echo "unknown platform $platform" >&2; exit 2 ;;
esac
side=$((w < h ? w : h))
margin=$(((16 * side + 256) / 512))
[ "$margin" -lt "$min_margin" ] && margin=$min_margin
mkdir -p "$out_dir/$platform"
out="$out_dir/$platform/$name.$fmt"
fitted="$out_dir/$platform/$name.fitted.png"
convert "$src" -trim +repage -resize "$((w - 2 * margin))x$((h - 2 * margin))" \
  -background none -gravity center -extent "${w}x${h}" -strip "$fitted"

fits() { [ "$limit" -eq 0 ] || [ "$(stat -c %s "$out")" -le "$limit" ]; }
case "$fmt" in
  webp)
    convert "$fitted" -define webp:lossless=true -define webp:method=4 "$out"; fits && exit 0
    for quality in 95 90 85 80 75 70 60 50 40 30 20 10; do
      convert "$fitted" -quality "$quality" -define webp:method=4 "$out"; fits && exit 0
    done ;;
  png)
    # -quality 95: zlib level 9 with adaptive filtering; then fewer colours.
    convert "$fitted" -quality 95 "$out"; fits && exit 0
    for colors in 256 192 128 96 64 48 32 16; do
      convert "$fitted" -colors "$colors" -quality 95 "$out"; fits && exit 0
    done ;;
  gif)
    for colors in 256 192 128 96 64 48 32 16; do
      convert "$fitted" -colors "$colors" "$out"; fits && exit 0
    done ;;
esac
echo "$out: still over $limit bytes at the lowest setting" >&2
