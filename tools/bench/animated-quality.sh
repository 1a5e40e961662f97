#!/usr/bin/env bash
# tools/bench-animated --quality (see there). Needs SF_BUILD set by setup.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
DRIVER="$SF_BUILD/tests/motion/motion_bench"
work="$(mktemp -d /tmp/sf-bench-quality-XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src" "$work/ours" "$work/peer"
q() { ffmpeg -hide_banner -loglevel error -nostdin -y "$@"; }

echo "== making sources (3 s, 24 fps, 256 px shaded emoji)"
# A shaded sphere face, bobbing and blinking: smooth gradients, a specular
# highlight and a soft edge, what 16-24 colours without dithering band.
emoji() {  # name hue-red hue-green hue-blue period-seconds
  local P="st(0,(X-(128+22*sin(2*PI*T/$5)))/86);st(1,(Y-(124+8*sin(4*PI*T/$5)))/86);st(2,ld(0)*ld(0)+ld(1)*ld(1));st(3,sqrt(max(0,1-ld(2))));st(4,max(0,-0.45*ld(0)-0.55*ld(1)+0.70*ld(3)));st(6,pow(ld(4),24));st(5,lt(pow((ld(0)*86-28)/11,2)+pow((ld(1)*86+18)/(16-14*between(mod(T,3),1.3,1.45)),2),1)+lt(pow((ld(0)*86+28)/11,2)+pow((ld(1)*86+18)/(16-14*between(mod(T,3),1.3,1.45)),2),1)+lt(pow((ld(0)*86)/40,2)+pow((ld(1)*86-30)/(10+6*sin(2*PI*T)),2),1)*gt(ld(1)*86,24));"
  q -f lavfi -i "color=c=black@0:s=256x256:r=24:d=3,format=rgba" -vf \
    "geq=r='${P}if(ld(5),70,clip($2*(0.18+0.82*ld(4))+200*ld(6),0,255))':g='${P}if(ld(5),35,clip($3*(0.15+0.85*ld(4))+230*ld(6),0,255))':b='${P}if(ld(5),20,clip($4*(0.1+0.9*ld(4))+255*ld(6),0,255))':a='${P}clip((1-sqrt(ld(2)))*86+0.5,0,1)*255'" \
    -plays 0 -f apng "$work/src/$1.png"
}
emoji e1_face 255 190 40 1.5 &
emoji e2_blue 60 140 255 1.0 &
wait
ls "$work/src"

targets=signal,line,discord,imessage,imessage_gif
echo "== stickerforge (motion module), $targets"
/usr/bin/time -f "%e" -o "$work/ours.time" "$DRIVER" "$work/ours" "$targets" "$work"/src/* > "$work/ours.jsonl"

echo "== peer: ffmpeg palettegen/paletteuse, same canvas, limit, duration"
python3 - "$work" > "$work/jobs.txt" <<'PY'
import json, sys
work = sys.argv[1]
limits = {"signal": 307200, "line": 300000, "discord": 512000, "imessage": 499999, "imessage_gif": 499999}
for line in open(work + "/ours.jsonl"):
    r = json.loads(line)
    if "reference" not in r: continue
    fmt = "gif" if r["format"] == "gif" else "png"
    plays = 0
    for k, v in r["settings"]:
        if k == "loops" and v != "forever": plays = int(v)
    max_frames = 20 if r["target"] == "line" else 0
    print(r["reference"], "%s/peer/%s.%s.%s" % (work, r["input"].rsplit(".", 1)[0], r["target"], fmt), fmt,
          limits[r["target"]], plays, r["width"], r["height"], "%.4f" % r["reference_fps"], max_frames,
          "%.3f" % (r["duration_ms"] / 1000.0))
PY
/usr/bin/time -f "%e" -o "$work/peer.time" xargs -P "$(nproc)" -L 1 sh -c \
  'echo "$1 $("$0" "$@")"' "$here/ffmpeg-palette-peer.sh" < "$work/jobs.txt" > "$work/peer.txt"

echo "== scoring both with ffmpeg's psnr filter"
python3 - "$work" "$here" <<'PY'
import json, subprocess, sys
work, here = sys.argv[1], sys.argv[2]
peer = {}
for line in open(work + "/peer.txt"):
    ref, rest = line.split(" ", 1)
    peer[ref] = json.loads(rest)
rows = []
for line in open(work + "/ours.jsonl"):
    r = json.loads(line)
    if "reference" not in r:
        print("no output:", r); continue
    ours = float(subprocess.check_output([here + "/psnr-over-grey.sh", r["reference"], r["file"], "%.4f" % r["reference_fps"]]).decode().strip() or 0)
    p = peer.get(r["reference"], {})
    settings = dict(r["settings"])
    rows.append((r["target"], r["input"], r["width"], r["bytes"], settings.get("colors"), settings.get("fps"), ours,
                 r.get("psnr_db", 0), p.get("bytes", 0), p.get("setting", ""), p.get("psnr", -1), r["trials"], p.get("encodes", 0)))
print()
print("| target | file | canvas | ours bytes | ours colours, fps | ours PSNR (ffmpeg) | ours PSNR (own) | peer bytes | peer setting | peer PSNR (ffmpeg) | gain dB | encodes ours / peer |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for t in rows:
    gain = t[6] - t[10] if t[10] > 0 else float("nan")
    print("| %s | %s | %d | %d | %s, %s | %.2f | %.2f | %d | %s | %.2f | %+.2f | %d / %d |" % (t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], gain, t[11], t[12]))
print()
for target in sorted(set(t[0] for t in rows)):
    sel = [t for t in rows if t[0] == target and t[10] > 0]
    if not sel: continue
    worse = [t[1] for t in sel if t[6] < t[10]]
    print("%s: mean gain %+.2f dB over %d files; files where ours is below the peer: %s" %
          (target, sum(t[6] - t[10] for t in sel) / len(sel), len(sel), ", ".join(worse) or "none"))
ours_wall = float(open(work + "/ours.time").read().split()[-1])
peer_wall = float(open(work + "/peer.time").read().split()[-1])
print("wall time: stickerforge %.1f s, peer %.1f s (peer/ours %.2fx; the peer's includes its own psnr scoring of every try)" % (ours_wall, peer_wall, peer_wall / ours_wall))
PY
