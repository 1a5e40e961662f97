"""Makes a benchmark pack: N stickers of 2048-px PNG artwork, rendered from the
demo SVGs with varied hue, rotation and a textured background disc, so files
are distinct and some are hard to compress (as real exports with gradients are).
usage: make_pack.py DEMO_DIR OUT_DIR COUNT"""
import json
import os
import subprocess
import sys

demo, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
art = os.path.join(out, "art")
os.makedirs(art, exist_ok=True)
sources = sorted(f for f in os.listdir(os.path.join(demo, "art")) if f.endswith(".svg"))
stickers = []
for i in range(count):
    src = os.path.join(demo, "art", sources[i % len(sources)])
    dst = os.path.join(art, f"s{i:02d}.png")
    hue = (i * 37) % 360
    angle = (i % 5) * 7 - 14
    textured = i % 3 == 0  # every third sticker carries noise: the hard case for byte limits
    steps = [
        "convert", "-background", "none", "-density", "384", src, "-resize", "2048x2048",
        "-modulate", f"100,100,{100 + (hue - 180) / 1.8:.0f}", "-rotate", str(angle),
        "-gravity", "center", "-extent", "2048x2048",
    ]
    if textured:
        steps += ["(", "-size", "2048x2048", "plasma:fractal", "-blur", "0x2", "-alpha", "set",
                  "-channel", "A", "-evaluate", "set", "35%", "+channel", ")",
                  "-compose", "src-atop", "-composite"]
    steps += [dst]
    subprocess.run(steps, check=True)
    stickers.append({"file": f"art/s{i:02d}.png", "emojis": ["😀"], "alt": f"sticker {i}"})
pack = {"id": "bench_pack", "title": "Benchmark pack", "author": "stickerforge bench",
        "telegram_bot": "bench_bot", "tray": "art/s00.png",
        "style": {"margin_px": 16, "outline_px": 8}, "stickers": stickers}
with open(os.path.join(out, "pack.json"), "w") as f:
    json.dump(pack, f, indent=1)
