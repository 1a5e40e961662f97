#!/usr/bin/env bash
# Prints ffmpeg's psnr filter average (dB) of CANDIDATE against REFERENCE:
# both composited over mid-grey (so alpha counts), the candidate scaled to
# the reference's size (as a viewer shows it), both sampled at the
# reference's frame rate, half a frame in, so each reference frame meets the
# candidate frame on screen in the middle of its time (GIF's 1/100 s delays
# put frame starts up to 5 ms off a 24 fps grid; sampling at the starts
# would count a whole frame of lag that no one sees).
# usage: psnr-over-grey.sh REFERENCE CANDIDATE FPS (the reference's frame rate)
set -euo pipefail
ref="$1"; candidate="$2"; rate="$3"
IFS=, read -r width height < <(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0 "$ref")
bg="color=c=0x808080:s=${width}x${height}:r=$rate,format=rgba,setpts=PTS+0.5/($rate*TB)"
ffmpeg -hide_banner -nostdin -i "$ref" -i "$candidate" -filter_complex \
  "$bg[g0];$bg[g1];[0:v]format=rgba[r];[1:v]format=rgba,scale=$width:$height:flags=bilinear[c];[g0][r]overlay=eof_action=repeat:shortest=1:format=rgb,format=rgb24[a];[g1][c]overlay=eof_action=repeat:shortest=1:format=rgb,format=rgb24[b];[a][b]psnr" \
  -f null - 2>&1 | sed -n 's/.*PSNR .* average:\([0-9.inf]*\).*/\1/p' | tail -1
