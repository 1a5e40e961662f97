#!/usr/bin/env bash
# The quality peer of tools/bench-animated --quality: what a skilled designer
# gets from the ffmpeg CLI for one APNG/GIF sticker. Input: the reference
# frames (the source drawn at the canvas our output uses, every frame, as a
# lossless APNG), the container, the byte limit, the plays. It tries frame
# rates (the source's, 15, 12, 10, 8, 6) and for each the most colours that
# fit (256, 128, 64, 32, 16): palettegen over all frames (stats_mode=full,
# a transparent entry reserved) and paletteuse with sierra2_4a dithering and
# diff_mode=rectangle (only changed rectangles re-dithered). ffmpeg's APNG
# and GIF encoders store changed rectangles themselves. Every fitting try is
# scored with ffmpeg's psnr filter against the reference and the best kept.
# FPS is the reference's frame rate; MAX_FRAMES 0 when the platform has no
# frame-count rule.
# usage: ffmpeg-palette-peer.sh REFERENCE OUT (png|gif) LIMIT PLAYS WIDTH HEIGHT FPS MAX_FRAMES SECONDS
set -uo pipefail
ref="$1"; out="$2"; format="$3"; limit="$4"; plays="$5"; width="$6"; height="$7"; fps="$8"; max_frames="$9"
duration="${10}"
here="$(dirname "$0")"
q() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }
best=""; best_psnr=-1; encodes=0; best_setting=""
try="$out.try.$format"
for rate in "$fps" 15 12 10 8 6; do
  # no faster than the source, and within a frame-count rule (LINE: 20)
  awk -v r="$rate" -v f="$fps" 'BEGIN{exit !(r <= f + 0.01)}' || continue
  awk -v r="$rate" -v d="$duration" -v m="$max_frames" 'BEGIN{exit !(m == 0 || r * d <= m + 0.01)}' || continue
  for colors in 256 128 64 32 16; do
    encodes=$((encodes + 1))
    graph="fps=$rate,scale=$width:$height:flags=bicubic,split[a][b];[a]palettegen=max_colors=$colors:stats_mode=full:reserve_transparent=1[p];[b][p]paletteuse=dither=sierra2_4a:diff_mode=rectangle"
    if [ "$format" = png ]; then
      q -i "$ref" -filter_complex "$graph" -plays "$plays" -f apng "$try" || continue
    else
      q -i "$ref" -filter_complex "$graph" -loop 0 -f gif "$try" || continue
    fi
    size=$(stat -c %s "$try")
    [ "$size" -le "$limit" ] || continue
    psnr="$("$here/psnr-over-grey.sh" "$ref" "$try" "$fps")"
    if awk -v a="$psnr" -v b="$best_psnr" 'BEGIN{exit !(a > b)}'; then
      best_psnr="$psnr"; best_setting="$rate fps, $colors colours"; cp "$try" "$out"; best="$size"
    fi
    break  # fewer colours at this rate would only score lower
  done
done
rm -f "$try"
echo "{\"bytes\": ${best:-0}, \"psnr\": $best_psnr, \"encodes\": $encodes, \"setting\": \"$best_setting\"}"
