// The customer page states as PNG screenshots (tools/screenshots). The pack's
// PNG stickers are drawn here (coloured badges) so the previews show images.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { startChromium, openPhone, waitForLine } from '../../tests/verifier/browser_session.mjs';

const [fixtureBin, chromiumBin, outDir] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'sf-shots-'));
const children = [];

function png(size, [r, g, b]) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c) / c;
      const eye = (Math.hypot(x - c * 0.7, y - c * 0.8) < c * 0.09) || (Math.hypot(x - c * 1.3, y - c * 0.8) < c * 0.09);
      const smile = Math.abs(Math.hypot(x - c, y - c * 1.0) - c * 0.45) < c * 0.05 && y > c * 1.15;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const inside = d < 0.92;
      const face = eye || smile;
      raw[o] = face ? 30 : r; raw[o + 1] = face ? 30 : g; raw[o + 2] = face ? 30 : b;
      raw[o + 3] = inside ? 255 : d < 0.96 ? 255 : 0;
      if (inside || d < 0.96) { if (!inside) { raw[o] = raw[o + 1] = raw[o + 2] = 255; } }
    }
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header),
                        chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

async function main() {
  execFileSync(fixtureBin, ['make', dir, '12']);
  execFileSync(fixtureBin, ['brand', dir]);
  const colours = [[251, 146, 60], [250, 204, 21], [74, 222, 128], [56, 189, 248], [167, 139, 250], [244, 114, 182], [248, 113, 113], [45, 212, 191]];
  colours.forEach((colour, i) =>
    writeFileSync(join(dir, 'packs', 'fergie', 'viber', 'stickers', `0${i + 1}.png`), png(160, colour)));
  writeFileSync(join(dir, 'packs', 'fergie', 'install.json'), JSON.stringify({ platforms: {
    telegram: { add_link: 'https://t.me/addstickers/fergie_by_acmebot' },
    signal: { add_link: 'https://signal.art/addstickers/#pack_id=abc&pack_key=def' },
    whatsapp: { play_store: 'https://play.google.com/store/apps/details?id=com.acme.stickers',
                app_store: 'https://apps.apple.com/app/id123' },
    imessage: { app_store: 'https://apps.apple.com/app/id456' },
    line: { store_url: 'https://store.line.me/stickershop/product/1/en' } } }));
  const codes = readFileSync(join(dir, 'codes.txt'), 'utf8').trim().split('\n');
  const clock = join(dir, 'clock');
  writeFileSync(clock, '0');
  const verifier = spawn(fixtureBin, ['serve', dir, clock]);
  children.push(verifier);
  const base = (await waitForLine(verifier.stderr, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'verifier'))[1];
  const devtools = await startChromium(chromiumBin, join(dir, 'profile'), children);
  const shot = async (phone, name) => {
    writeFileSync(join(outDir, name + '.png'), await phone.screenshot());
    console.log(join(outDir, name + '.png'));
  };

  const android = await openPhone(devtools);
  await android.navigate(`${base}/`);
  await shot(android, 'form');
  await android.navigate(`${base}/?code=${codes[0]}`);
  await shot(android, 'qr-landing');
  await android.tap('button');
  await shot(android, 'unlocked');
  const iphone = await openPhone(devtools, { userAgent: IPHONE });
  await iphone.navigate(`${base}/r/${codes[1]}`);
  await shot(iphone, 'link-landing');
  await iphone.tap('button');
  await shot(iphone, 'unlocked-iphone');
  writeFileSync(clock, String(24 * 3600));
  await android.navigate(await android.evaluate("document.querySelector('.address a') ? document.querySelector('.address a').href : location.href"));
  await shot(android, 'returning');
  const other = await openPhone(devtools);
  const fail = async (code, name) => {
    await other.navigate(`${base}/`);
    await other.type('#code', code);
    await other.tap('button');
    await shot(other, name);
  };
  await fail(codes[0], 'fail-used');
  const wrong = codes[3].slice(0, 10) + (codes[3][10] === 'Z' ? 'Y' : 'Z') + codes[3].slice(11);
  await fail(wrong, 'fail-mistyped');
  await fail(codes[4].slice(0, 14), 'fail-length');
  await other.navigate(`${base}/nothing/here`);
  await shot(other, 'error-page');
  const german = await openPhone(devtools, { language: 'de-DE,de;q=0.9' });
  await german.navigate(`${base}/r/${codes[5]}`);
  await german.tap('button');
  await shot(german, 'unlocked-de');
}

try {
  await main();
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  rmSync(dir, { recursive: true, force: true });
}
