"""Summarises a tools/bench-build run: wall time and peak memory of both
tools, and per platform the sticker files written, total bytes, files over the
limit and mean / lowest SSIM.
SSIM is the same function for both sides (artwork::ssim: luminance over
mid-grey, 11-tap Gaussian window), each tool's output against its own lossless
fit: stickerforge's comes from its report.json (encoded file against the
fitted raster it encoded), the script's is computed here by the artwork_ssim
driver (encoded file against the script's own .fitted.png). A common reference
is not used because the two fits differ by sub-pixel placement and resampling
kernel, which SSIM would count as loss.
Limits are those in stickerforge's report.json, applied to both tools.
usage: compare_build.py WORK_DIR ARTWORK_SSIM"""
import glob
import json
import os
import subprocess
import sys

work, ssim_tool = sys.argv[1], sys.argv[2]


def read_time(name):  # wall s, peak MiB, CPU s (user + system)
    seconds, kib, user, system = open(os.path.join(work, name)).read().split()
    return float(seconds), int(kib) / 1024, float(user) + float(system)


sf_seconds, sf_mib, sf_cpu = read_time("sf.time")
im_seconds, im_mib, im_cpu = read_time("im.time")
report = json.load(open(os.path.join(work, "sf", "report.json")))
limits, sf_rows = {}, {}
for entry in report["files"]:
    if entry.get("role") != "sticker":
        continue
    platform, limit = entry["platform"], entry.get("limit_bytes")
    limits[platform] = limit
    row = sf_rows.setdefault(platform, {"files": 0, "bytes": 0, "over": 0, "ssim": []})
    row["files"] += 1
    row["bytes"] += entry["bytes"]
    row["over"] += limit is not None and entry["bytes"] > limit
    if entry.get("ssim") is not None:
        row["ssim"].append(entry["ssim"])

im_rows, pairs = {}, []
for platform, limit in limits.items():
    row = im_rows.setdefault(platform, {"files": 0, "bytes": 0, "over": 0, "ssim": []})
    for path in sorted(glob.glob(os.path.join(work, "im", platform, "*"))):
        if path.endswith(".fitted.png"):
            continue
        size = os.path.getsize(path)
        row["files"] += 1
        row["bytes"] += size
        row["over"] += limit is not None and size > limit
        pairs.append((platform, os.path.splitext(path)[0] + ".fitted.png", path))
scored = subprocess.run([ssim_tool], input="".join(f"{r} {c}\n" for _, r, c in pairs),
                        capture_output=True, text=True, check=True).stdout.split("\n")
for (platform, _, _), line in zip(pairs, scored):
    im_rows[platform]["ssim"].append(float(line.split()[0]))

others = len(report["files"]) - sum(r["files"] for r in sf_rows.values())
mean = lambda v: sum(v) / len(v) if v else float("nan")
low = lambda v: min(v) if v else float("nan")
print()
print(f"wall time   stickerforge {sf_seconds:7.1f} s   ImageMagick script {im_seconds:7.1f} s"
      f"   ratio {im_seconds / sf_seconds:5.2f}x faster")
print(f"CPU time    stickerforge {sf_cpu:7.1f} s   ImageMagick script {im_cpu:7.1f} s"
      f"   ratio {im_cpu / sf_cpu:5.2f}x less")
print(f"peak memory stickerforge {sf_mib:7.0f} MiB  ImageMagick (largest process) {im_mib:5.0f} MiB")
print(f"stickerforge also wrote {others} other files (trays, thumbnails, covers, icons, "
      "manifests, zips); the script writes stickers only")
print()
print(f"{'platform':9} {'limit':>8} {'files sf/im':>11} {'KiB sf':>8} {'KiB im':>8} "
      f"{'over sf/im':>10} {'SSIM sf mean/min':>17} {'SSIM im mean/min':>17}")
for platform in limits:
    s, m = sf_rows[platform], im_rows[platform]
    limit = "none" if limits[platform] is None else str(limits[platform])
    print(f"{platform:9} {limit:>8} {s['files']:5}/{m['files']:<5} {s['bytes'] / 1024:8.0f} "
          f"{m['bytes'] / 1024:8.0f} {s['over']:5}/{m['over']:<4} "
          f"{mean(s['ssim']):8.4f}/{low(s['ssim']):.4f} {mean(m['ssim']):8.4f}/{low(m['ssim']):.4f}")
total = lambda rows, key: sum(r[key] for r in rows.values())
print(f"{'all':9} {'':>8} {total(sf_rows, 'files'):5}/{total(im_rows, 'files'):<5} "
      f"{total(sf_rows, 'bytes') / 1024:8.0f} {total(im_rows, 'bytes') / 1024:8.0f} "
      f"{total(sf_rows, 'over'):5}/{total(im_rows, 'over'):<4}")
