#!/usr/bin/env bash
# The README's quick start, run as written: the lines between its
# "quick-start" markers, in a fresh folder holding only build/ (the real
# binaries) and assets/, like a repository root after tools/demo. The one
# change is the port (8080 may be taken on a test machine). It must end with
# a customer holding an installable unlock: a redemption whose download is a
# ZIP of sticker images.
#   usage: run.sh SOURCE_DIR BINARY_DIR
set -euo pipefail
src="$1"
bin="$2"
work="$(mktemp -d)"
verifier_pid=""
cleanup() {
  if [ -n "$verifier_pid" ]; then kill "$verifier_pid" 2>/dev/null || true; wait "$verifier_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "quickstart: FAILED: $*" >&2; exit 1; }

mkdir -p "$work/build/src/cli"
ln -s "$bin/src/cli/stickerforge" "$work/build/src/cli/stickerforge"
ln -s "$bin/src/cli/stickerforge-verifier" "$work/build/src/cli/stickerforge-verifier"
ln -s "$src/assets" "$work/assets"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# The block between the markers, fences dropped, continuation lines joined.
python3 - "$src/README.md" "$port" > "$work/quickstart.sh" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
block = text.split("<!-- quick-start")[1].split("<!-- /quick-start -->")[0]
lines = [l for l in block.split("\n")[1:] if not l.startswith("```")]
script = re.sub(r"\\\n\s*", "", "\n".join(lines)).replace("127.0.0.1:8080", "127.0.0.1:" + sys.argv[2])
print(script)
PY
grep -q "stickerforge-verifier" "$work/quickstart.sh" || fail "the README's quick start has no verifier line"
cd "$work"
# Every line but the verifier's runs to completion; the verifier is served.
grep -v "stickerforge-verifier" quickstart.sh > steps.sh
echo "== quick start steps:"; cat steps.sh
bash -euo pipefail steps.sh || fail "a quick start step failed"
grep "stickerforge-verifier" quickstart.sh > serve.sh
bash serve.sh > verifier.log 2>&1 &
verifier_pid=$!
for _ in $(seq 100); do
  grep -q "listening on" verifier.log && break
  kill -0 "$verifier_pid" 2>/dev/null || { cat verifier.log; fail "the verifier did not start"; }
  sleep 0.1
done
grep -q "listening on" verifier.log || fail "the verifier did not say it was listening"

# The customer's link, from the CSV the quick start wrote.
link="$(sed -n 2p codes.csv | cut -d, -f5)"
code="$(sed -n 2p codes.csv | cut -d, -f1)"
case "$link" in "http://127.0.0.1:$port/r/$code") ;; *) fail "link column '$link' is not the /r/ link of '$code'";; esac
[ -n "$(ls qr)" ] || fail "no QR images in qr/"
grep -q "$code" cards.html || fail "cards.html does not show $code"
# A link preview or mail scanner opening the link first must not spend it.
curl -s -o /dev/null "$link" || true
curl -s -X POST -H 'Content-Type: application/json' -H 'Idempotency-Key: quickstart-1' \
  -d "{\"code\": \"$code\"}" "http://127.0.0.1:$port/v1/redemptions" > answer.json
python3 - answer.json "$port" > download.txt <<'PY' || { cat answer.json; fail "the redemption did not unlock the pack"; }
import json, sys
answer = json.load(open(sys.argv[1]))
assert answer["status"] == "redeemed", answer
unlock = answer["unlock"]
assert unlock["available"], unlock
assert unlock["pack"]["id"] == "fergie_friends", unlock["pack"]
# "Save the images" (a ZIP of PNGs) where the verifier offers it, else
# Telegram's archive: what a customer taps.
downloads = [(p["platform"], d["url"]) for p in unlock["platforms"] for d in p.get("downloads", [])]
preference = ["images", "telegram"]
downloads.sort(key=lambda item: preference.index(item[0]) if item[0] in preference else 9)
assert downloads, unlock
url = downloads[0][1]
print(url if url.startswith("http") else "http://127.0.0.1:" + sys.argv[2] + url)
PY
curl -sf -o unlock.zip "$(cat download.txt)" || fail "the unlock's download failed"
unzip -l unlock.zip > listing.txt || fail "the unlock's download is not a ZIP"
grep -Eq '\.(png|webp|PNG|WEBP)$' listing.txt || { cat listing.txt; fail "the unlock's ZIP holds no sticker images"; }
echo "quickstart: OK: $code redeemed, $(grep -Ec '\.(png|webp)$' listing.txt) images in $(basename "$(cat download.txt | cut -d'?' -f1)")"
