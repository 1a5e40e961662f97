"""Summarises a tools/bench-build run: wall time and peak memory of both
tools, and per platform the sticker files written, total bytes, files over the
limit and mean SSIM. stickerforge's SSIM comes from its report.json (against its
own fitted image); the script's is measured here with ffmpeg's ssim filter
against the script's own lossless fit, both flattened on mid-grey.
usage: compare_build.py WORK_DIR"""
import glob
import json
import os
import re
import subprocess
import sys

work = sys.argv[1]
LIMITS = {"telegram": 512000, "whatsapp": 102400, "signal": 307200, "imessage": 500000,
          "line": 1000000, "discord": 512000, "viber": 1000000, "wechat": 500000, "kik": 1000000}


def read_time(name):
    seconds, kib = open(os.path.join(work, name)).read().split()
    return float(seconds), int(kib) / 1024


def ssim(reference, candidate):
    graph = ("[0]format=rgba,split[a][b];[b]drawbox=c=gray:t=fill[g];[g][a]overlay[r];"
             "[1]format=rgba,split[c][d];[d]drawbox=c=gray:t=fill[h];[h][c]overlay[s];"
             "[r][s]ssim")
    run = subprocess.run(["ffmpeg", "-v", "info", "-nostats", "-i", reference, "-i", candidate,
                          "-filter_complex", graph, "-f", "null", "-"],
                         capture_output=True, text=True)
    match = re.search(r"All:([0-9.]+)", run.stderr)
    return float(match.group(1)) if match else float("nan")


sf_seconds, sf_mib = read_time("sf.time")
im_seconds, im_mib = read_time("im.time")
report = json.load(open(os.path.join(work, "sf", "report.json")))
sf_rows = {}
for entry in report["files"]:
    if entry.get("role") != "sticker":
        continue
    row = sf_rows.setdefault(entry["platform"], [0, 0, 0, []])
    row[0] += 1
    row[1] += entry["bytes"]
    row[2] += entry["bytes"] > entry["limit_bytes"]
    if entry.get("ssim") is not None:
        row[3].append(entry["ssim"])

im_rows = {}
for platform, limit in LIMITS.items():
    outputs = [f for f in glob.glob(os.path.join(work, "im", platform, "*"))
               if not f.endswith(".fitted.png")]
    row = im_rows.setdefault(platform, [0, 0, 0, []])
    for path in outputs:
        size = os.path.getsize(path)
        row[0] += 1
        row[1] += size
        row[2] += size > limit
        fitted = re.sub(r"\.(webp|png)$", ".fitted.png", path)
        if path != fitted:
            row[3].append(ssim(fitted, path))
        else:
            row[3].append(1.0)

mean = lambda values: sum(values) / len(values) if values else float("nan")
print()
print(f"wall time   stickerforge {sf_seconds:7.1f} s   ImageMagick script {im_seconds:7.1f} s"
      f"   ratio {im_seconds / sf_seconds:5.1f}x faster")
print(f"peak memory stickerforge {sf_mib:7.0f} MiB  ImageMagick (largest process) {im_mib:5.0f} MiB")
print()
print(f"{'platform':10} {'files sf/im':>12} {'KiB sf':>9} {'KiB im':>9} {'over sf/im':>11} "
      f"{'SSIM sf':>8} {'SSIM im':>8}")
for platform in LIMITS:
    s = sf_rows.get(platform, [0, 0, 0, []])
    m = im_rows.get(platform, [0, 0, 0, []])
    print(f"{platform:10} {s[0]:5}/{m[0]:<6} {s[1] / 1024:9.0f} {m[1] / 1024:9.0f} "
          f"{s[2]:5}/{m[2]:<5} {mean(s[3]):8.4f} {mean(m[3]):8.4f}")
