#!/usr/bin/env bash
# The peer: what a designer scripts today with ImageMagick. For one source
# file and one platform: trim, resize to fit, pad to the canvas, then lower
# the quality until the file is under the platform's byte limit.
# usage: imagemagick-pack.sh SRC OUT_DIR PLATFORM
set -euo pipefail
src="$1" out_dir="$2" platform="$3"
name="$(basename "${src%.*}")"

case "$platform" in                       # canvas, format, byte limit
  telegram) w=512 h=512 fmt=webp limit=512000 ;;
  whatsapp) w=512 h=512 fmt=webp limit=102400 ;;
  signal)   w=512 h=512 fmt=webp limit=307200 ;;
  imessage) w=408 h=408 fmt=png  limit=500000 ;;
  line)     w=370 h=320 fmt=png  limit=1000000 ;;
  discord)  w=320 h=320 fmt=png  limit=512000 ;;
  viber)    w=490 h=490 fmt=png  limit=1000000 ;;
  wechat)   w=240 h=240 fmt=png  limit=500000 ;;
  kik)      w=512 h=512 fmt=png  limit=1000000 ;;
  *) echo "unknown platform $platform" >&2; exit 2 ;;
esac
mkdir -p "$out_dir/$platform"
out="$out_dir/$platform/$name.$fmt"
inner_w=$((w - 32)) inner_h=$((h - 32))
fitted="$out_dir/$platform/$name.fitted.png"
convert "$src" -trim +repage -resize "${inner_w}x${inner_h}" -background none \
  -gravity center -extent "${w}x${h}" "$fitted"
for quality in 100 95 90 85 80 75 70 60 50 40 30 20 10; do
  if [ "$fmt" = webp ]; then
    convert "$fitted" -quality "$quality" -define webp:method=4 "$out"
  else
    # PNG "quality" in ImageMagick is zlib level + filter; below 90 reduce colours.
    if [ "$quality" -ge 90 ]; then convert "$fitted" -quality 95 "$out"
    else convert "$fitted" -colors $((quality * 256 / 100 + 16)) -quality 95 "$out"; fi
  fi
  [ "$(stat -c %s "$out")" -le "$limit" ] && exit 0
done
echo "$out: still over $limit bytes at the lowest quality" >&2
