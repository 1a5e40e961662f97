// The redemption page in Debian's headless Chromium, driven over the DevTools
// protocol (Node's built-in WebSocket; nothing downloaded): load the page on
// a phone-sized and a tablet-sized screen, type a code the way a person
// would, submit with Enter, see the unlock links and download one; then try
// the same code again and see the failure.
//   node --experimental-websocket page_browser_test.mjs VERIFIER FIXTURE CHROMIUM
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [verifierBin, fixtureBin, chromiumBin] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'sf-page-'));
const children = [];
let failures = 0;

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

function waitForLine(stream, regex, what, timeoutMs = 20000) {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${text}`)), timeoutMs);
    stream.on('data', (chunk) => {
      text += chunk;
      const match = text.match(regex);
      if (match) { clearTimeout(timer); resolve(match); }
    });
  });
}

class DevTools {
  constructor(url) { this.url = url; this.id = 0; this.pending = new Map(); this.listeners = []; }
  async open() {
    this.socket = new WebSocket(this.url);
    await new Promise((resolve, reject) => { this.socket.onopen = resolve; this.socket.onerror = reject; });
    this.socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.id && this.pending.has(message.id)) {
        const { resolve, reject } = this.pending.get(message.id);
        this.pending.delete(message.id);
        message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result);
      } else {
        this.listeners = this.listeners.filter((listener) => !listener(message));
      }
    };
  }
  send(method, params = {}, sessionId = undefined) {
    const id = ++this.id;
    this.socket.send(JSON.stringify({ id, method, params, sessionId }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }
  event(method, sessionId) {
    return new Promise((resolve) => this.listeners.push((m) => {
      if (m.method === method && m.sessionId === sessionId) { resolve(m.params); return true; }
      return false;
    }));
  }
}

async function main() {
  execFileSync(fixtureBin, ['make', dir, '2']);
  const code = readFileSync(join(dir, 'codes.txt'), 'utf8').split('\n')[0].trim();

  const verifier = spawn(verifierBin, ['--listen', '127.0.0.1:0', '--ledger', 'sqlite:' + join(dir, 'ledger.db'),
    '--keyring', join(dir, 'keyring.json'), '--campaigns', join(dir, 'campaigns.json'),
    '--packs', join(dir, 'packs')]);
  children.push(verifier);
  const base = (await waitForLine(verifier.stderr, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'verifier'))[1];

  const chromium = spawn(chromiumBin, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--user-data-dir=' + join(dir, 'profile'), '--remote-debugging-port=0', 'about:blank']);
  children.push(chromium);
  const wsUrl = (await waitForLine(chromium.stderr, /DevTools listening on (ws:\/\/\S+)/, 'chromium'))[1];

  const devtools = new DevTools(wsUrl);
  await devtools.open();
  const { targetId } = await devtools.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await devtools.send('Target.attachToTarget', { targetId, flatten: true });
  const send = (method, params) => devtools.send(method, params, sessionId);
  const evaluate = async (expression) =>
    (await send('Runtime.evaluate', { expression, returnByValue: true })).result.value;
  const loaded = () => devtools.event('Page.loadEventFired', sessionId);
  await send('Page.enable');
  // The page must work for people without JavaScript.
  await send('Emulation.setScriptExecutionDisabled', { value: true });
  const navigate = async (url) => { const done = loaded(); await send('Page.navigate', { url }); await done; };
  const typeAndSubmit = async (text) => {
    await evaluate("document.getElementById('code').focus()");
    await send('Input.insertText', { text });
    const done = loaded();
    await send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' });
    await send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
    await done;
  };

  // Phone and counter tablet: the form fits without sideways scrolling.
  for (const [width, height, name] of [[390, 844, 'phone'], [1024, 768, 'tablet']]) {
    await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 2, mobile: width < 600 });
    await navigate(base + '/');
    check(await evaluate('document.documentElement.scrollWidth') <= width, `${name}: the page fits ${width} px`);
    const buttonHeight = await evaluate("document.querySelector('button').getBoundingClientRect().height");
    check(buttonHeight >= 44, `${name}: the button is a comfortable touch target (${buttonHeight} px)`);
  }
  check(await evaluate("document.getElementById('code').labels[0].textContent") === 'Sticker code',
        'the code field has a visible label');
  check(await evaluate("document.getElementById('code').getAttribute('aria-describedby') === 'code-hint'"),
        'the code field is described by the hint');

  // A person types the code in lower case with spaces; Enter submits the form.
  await typeAndSubmit(code.toLowerCase().replaceAll('-', ' '));
  check(await evaluate("document.querySelector('h1').textContent") === 'Your stickers are unlocked',
        'after submitting, the page says the stickers are unlocked');
  const links = await evaluate("[...document.querySelectorAll('a')].map(a => [a.textContent, a.href])");
  check(links.some(([text, href]) => text === 'Add to Telegram' && href.startsWith('https://t.me/addstickers/')),
        'an "Add to Telegram" link is shown');
  const download = links.find(([text]) => text === 'For sticker maker apps (.wastickers)');
  check(!!download, 'the .wastickers file is offered for sticker maker apps');
  if (download) {
    const response = await fetch(download[1]);
    check(response.status === 200 && (await response.text()) === 'PK-whatsapp-bundle',
          'the download link serves the file');
  }
  check(!links.some(([, href]) => href.includes('fergie-telegram.zip')),
        'submission files are not offered');

  // The same code again on this browser: the unlock again (it remembers the
  // personal address); the code stays used for everyone else (below).
  await navigate(base + '/');
  await typeAndSubmit(code);
  check(await evaluate("document.querySelector('h1').textContent") === 'Your stickers are unlocked',
        'the same browser coming back with the code reaches the unlock');
  devtools.socket.close();
}

try {
  await main();
} catch (error) {
  console.log('FAIL ' + error.stack);
  failures++;
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  rmSync(dir, { recursive: true, force: true });
}
console.log(failures === 0 ? 'redemption page: all checks passed' : `redemption page: ${failures} checks failed`);
process.exit(failures === 0 ? 0 : 1);
