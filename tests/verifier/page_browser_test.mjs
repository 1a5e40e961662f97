// The customer's side in headless Chromium at phone size (390x844), with
// JavaScript off (the pages must work without it), against the real
// verifier (run by the test fixture so its clock can move a day ahead):
// receipt QR -> prefilled page -> one tap -> unlock; e-mail link -> one tap;
// a mail scanner's prefetch uses nothing; a day later the personal address
// opens the unlock again with fresh links; the same code in a second browser
// is "already used" while the first browser gets its unlock back; failures
// get their own words; axe-core finds no serious or critical issue on any
// page state.
//   node --experimental-websocket page_browser_test.mjs FIXTURE CHROMIUM
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChromium, openPhone, waitForLine } from './browser_session.mjs';

const [fixtureBin, chromiumBin] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'sf-page-'));
const children = [];
let failures = 0;

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

async function audited(phone, state) {
  check(await phone.evaluate('document.documentElement.scrollWidth') <= 390, `${state}: fits 390 px`);
  const bad = (await phone.audit()).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(bad.length === 0, `${state}: axe-core finds no serious or critical issue` +
        (bad.length ? ' ' + JSON.stringify(bad) : ''));
}

async function main() {
  execFileSync(fixtureBin, ['make', dir, '12']);
  execFileSync(fixtureBin, ['brand', dir]);
  const codes = readFileSync(join(dir, 'codes.txt'), 'utf8').trim().split('\n');
  const clock = join(dir, 'clock');
  writeFileSync(clock, '0');
  const verifier = spawn(fixtureBin, ['serve', dir, clock]);
  children.push(verifier);
  const base = (await waitForLine(verifier.stderr, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'verifier'))[1];
  const devtools = await startChromium(chromiumBin, join(dir, 'profile'), children);

  // 1. A receipt QR carries /?code=...: the code is filled in; one tap.
  const first = await openPhone(devtools, { userAgent: IPHONE });
  await first.navigate(`${base}/?code=${codes[0]}`);
  check(await first.text('h1') === 'Your stickers are waiting', 'QR: the page says the stickers are waiting');
  check(await first.evaluate("document.getElementById('code').value") === codes[0], 'QR: the code is filled in');
  check(await first.evaluate("getComputedStyle(document.querySelector('button')).backgroundColor") === 'rgb(15, 118, 110)',
        'QR: the button has the brand colour');
  check(await first.evaluate("document.querySelector('header img').alt") === 'Fergie & Friends', 'QR: the brand logo is shown');
  await audited(first, 'QR landing');
  await first.tap('button');
  check(await first.text('h1') === 'Your stickers are unlocked', 'QR: one tap unlocks');
  check((await first.text('[role=status]')).includes('Download links work for 15 minutes'),
        'unlock: says how long links work');
  const address = await first.evaluate("document.querySelector('.address a').href");
  check(/\/u\/[\w.-]+$/.test(address), 'unlock: the personal address is shown as text');
  check(await first.evaluate("document.querySelector('h2').id") === 'm-telegram' ||
        await first.evaluate("!!document.getElementById('m-telegram')"), 'unlock: Telegram card shown');
  const steps = await first.evaluate("[...document.querySelectorAll('#m-telegram ~ ol li, section ol li')].length");
  check(steps >= 2, 'unlock: numbered steps are shown');
  const firstLink = await first.evaluate("document.querySelector('a[download]').href");
  check((await fetch(firstLink)).status === 200, 'unlock: the download link works now');
  await audited(first, 'unlocked');

  // 2. An e-mail link /r/<code>: one tap.
  const mail = await openPhone(devtools);
  await mail.navigate(`${base}/r/${codes[1]}`);
  check(await mail.text('h1') === 'Your stickers are waiting', 'e-mail link: the page says the stickers are waiting');
  await mail.tap('button');
  check(await mail.text('h1') === 'Your stickers are unlocked', 'e-mail link: one tap unlocks');

  // 3. A mail scanner fetches the link first: the code stays unused.
  const prefetch = await fetch(`${base}/r/${codes[2]}`);
  check(prefetch.status === 200, 'prefetch: the link answers a scanner');
  const status = await fetch(`${base}/v1/codes/${codes[2]}`);
  check(status.status === 200 && (await status.json()).status === 'redeemable', 'prefetch: the code is still unused');
  const later = await openPhone(devtools);
  await later.navigate(`${base}/r/${codes[2]}`);
  await later.tap('button');
  check(await later.text('h1') === 'Your stickers are unlocked', 'prefetch: the customer still unlocks it');

  // 4. A day later: old links are dead; the personal address gives fresh ones.
  writeFileSync(clock, String(24 * 3600 + 60));
  check((await fetch(firstLink)).status === 403, 'a day later: the first download link has expired');
  await first.navigate(address);
  check(await first.text('h1') === 'Your stickers are unlocked', 'a day later: the personal address opens the unlock');
  check((await first.text('[role=status]')).includes('You unlocked these stickers on'), 'a day later: it says when');
  const freshLink = await first.evaluate("document.querySelector('a[download]').href");
  check(freshLink !== firstLink && (await fetch(freshLink)).status === 200, 'a day later: fresh links work');
  await audited(first, 'returning');
  // The same code typed again on the same phone reaches the unlock.
  await first.navigate(`${base}/`);
  await first.type('#code', codes[0].toLowerCase().replaceAll('-', ' '));
  await first.tap('button');
  check(await first.text('h1') === 'Your stickers are unlocked', 'same browser, same code: the unlock again');

  // 5. A second browser with the same code: already used.
  const second = await openPhone(devtools, { language: 'de-DE,de;q=0.9' });
  await second.navigate(`${base}/`);
  await second.type('#code', codes[0]);
  await second.tap('button');
  const used = await second.text('[role=alert]');
  check(used.startsWith('Dieser Code wurde bereits am '), `second browser: "already used" in German (${used})`);
  check(await second.evaluate("document.getElementById('code').getAttribute('aria-invalid')") === 'true',
        'second browser: the field is marked invalid');
  await audited(second, 'failure');

  // 6. Failures, each with its own words.
  const wrong = codes[3].slice(0, 10) + (codes[3][10] === 'Z' ? 'Y' : 'Z') + codes[3].slice(11);
  const typo = await openPhone(devtools);
  await typo.navigate(`${base}/`);
  await typo.type('#code', wrong);
  await typo.tap('button');
  check(await typo.text('[role=alert]') === `This code looks mistyped. Please check the third group of four: ${wrong.slice(10, 14)}.`,
        'mistyped: names the group of four to check');
  await typo.navigate(`${base}/r/${codes[4].slice(0, 14)}`);
  check(await typo.text('[role=alert]') === 'A sticker code has 16 letters and digits; this one has 12.',
        'cut-off code in a link: says how many symbols it has');
  await typo.navigate(`${base}/r/bm90LWEtcmVhbC1saW5rLXRva2VuLWF0LWFsbA`);
  check((await typo.text('[role=alert]')).startsWith('This link looks damaged or incomplete.'), 'damaged link: explained');
  await typo.navigate(`${base}/no/such/page`);
  check(await typo.text('h1') === 'This page does not work', 'unknown address: a page, not JSON');
  await audited(typo, 'error page');
  const empty = await openPhone(devtools);
  await empty.navigate(`${base}/`);
  await audited(empty, 'empty form');
}

try {
  await main();
} catch (error) {
  console.log('FAIL ' + error.stack);
  failures++;
} finally {
  // Wait for each process to exit (SIGKILL after 5 s) rather than a fixed
  // pause: Chromium still writing its profile made the removal fail with
  // ENOTEMPTY after every check had passed. Its helper processes may outlive
  // it briefly, so the removal also retries.
  await Promise.all(children.map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  })));
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}
console.log(failures === 0 ? 'customer pages: all checks passed' : `customer pages: ${failures} checks failed`);
process.exit(failures === 0 ? 0 : 1);
