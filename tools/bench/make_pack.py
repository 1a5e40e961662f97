"""Makes a benchmark pack: N stickers of SIDE-px PNG artwork (default 2048),
rendered from the demo SVGs with varied hue, rotation and, on every third
sticker, a semi-transparent fractal texture, so files are distinct and some
are hard to compress (as real exports with gradients and photos are). The
texture is drawn once (fixed seed) and shifted per sticker: the pack is the
same on every run and quick to make even at 4096 px.
The style has the 16 px margin and no outline or shadow: the ImageMagick peer
does not draw die-cut outlines, so both tools do the same job.
With DISTINCT, only that many images are drawn and the rest are byte copies
(stickerforge still decodes and encodes every file; used for the 4096-px
memory run, where drawing 100 images would take longer than the build).
usage: make_pack.py DEMO_DIR OUT_DIR COUNT [SIDE [DISTINCT]]"""
import json
import os
import shutil
import subprocess
import sys

demo, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
side = int(sys.argv[4]) if len(sys.argv) > 4 else 2048
distinct = int(sys.argv[5]) if len(sys.argv) > 5 else count
art = os.path.join(out, "art")
os.makedirs(art, exist_ok=True)
sources = sorted(f for f in os.listdir(os.path.join(demo, "art")) if f.endswith(".svg"))
texture = os.path.join(out, "texture.png")
subprocess.run(["convert", "-seed", "7", "-size", f"{side}x{side}", "plasma:fractal",
                "-blur", "0x2", texture], check=True)
stickers = []
for i in range(count):
    src = os.path.join(demo, "art", sources[i % len(sources)])
    dst = os.path.join(art, f"s{i:03d}.png")
    stickers.append({"file": f"art/s{i:03d}.png", "emojis": ["😀"], "alt": f"sticker {i}"})
    if i >= distinct:
        shutil.copyfile(os.path.join(art, f"s{i % distinct:03d}.png"), dst)
        continue
    hue = (i * 37) % 360
    angle = (i % 5) * 7 - 14
    steps = [
        "convert", "-background", "none", "-density", str(384 * side // 2048), src,
        "-resize", f"{side}x{side}", "-modulate", f"100,100,{100 + (hue - 180) / 1.8:.0f}",
        "-rotate", str(angle), "-gravity", "center", "-extent", f"{side}x{side}",
    ]
    if i % 3 == 0:  # the hard case for byte limits
        shift = i * side // 7
        steps += ["(", texture, "-roll", f"+{shift}+{shift // 2}", "-alpha", "set",
                  "-channel", "A", "-evaluate", "set", "35%", "+channel", ")",
                  "-compose", "src-atop", "-composite"]
    steps += ["-depth", "8", "-define", "png:compression-level=3", dst]
    subprocess.run(steps, check=True)
pack = {"id": "bench_pack", "title": "Benchmark pack", "author": "stickerforge bench",
        "telegram_bot": "bench_bot", "tray": "art/s000.png",
        "style": {"margin_px": 16}, "stickers": stickers}
with open(os.path.join(out, "pack.json"), "w") as f:
    json.dump(pack, f, indent=1)
