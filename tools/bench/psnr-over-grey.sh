#!/usr/bin/env bash
# Prints ffmpeg's psnr filter average (dB) of CANDIDATE against REFERENCE:
# both composited over mid-grey (so alpha counts), the candidate scaled to
# the reference's size (as a viewer shows it), both sampled at the
# reference's frame rate, so each reference frame meets the candidate frame
# on screen at that moment.
# usage: psnr-over-grey.sh REFERENCE CANDIDATE FPS (the reference's frame rate)
set -euo pipefail
ref="$1"; candidate="$2"; rate="$3"
read -r width height duration < <(ffprobe -v error -select_streams v:0 \
  -show_entries stream=width,height:format=duration -of csv=p=0:s=' ' "$ref" | tr '\n' ' ')
bg="color=c=0x808080:s=${width}x${height}:r=$rate:d=$duration,format=rgba"
ffmpeg -hide_banner -nostdin -i "$ref" -i "$candidate" -filter_complex \
  "$bg[g0];$bg[g1];[0:v]format=rgba[r];[1:v]format=rgba,scale=$width:$height:flags=bilinear[c];[g0][r]overlay=eof_action=repeat:shortest=1,format=rgb24[a];[g1][c]overlay=eof_action=repeat:shortest=1,format=rgb24[b];[a][b]psnr" \
  -f null - 2>&1 | sed -n 's/.*PSNR .* average:\([0-9.inf]*\).*/\1/p' | tail -1
