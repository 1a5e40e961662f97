// Headless Chromium over the DevTools protocol (Node's built-in WebSocket;
// no browser download): start it, open isolated browser contexts (separate
// cookies, like two phones), navigate, evaluate, screenshot, and run
// axe-core (npm, installed on first use into ~/.cache/stickerforge/npm,
// outside git). Shared by page_browser_test.mjs and tools/screenshots.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function waitForLine(stream, regex, what, timeoutMs = 30000) {
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

export async function startChromium(chromiumBin, profileDir, children) {
  const chromium = spawn(chromiumBin, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--hide-scrollbars', '--user-data-dir=' + profileDir, '--remote-debugging-port=0', 'about:blank']);
  children.push(chromium);
  const wsUrl = (await waitForLine(chromium.stderr, /DevTools listening on (ws:\/\/\S+)/, 'chromium'))[1];
  const devtools = new DevTools(wsUrl);
  await devtools.open();
  return devtools;
}

// One phone: its own browser context (cookies), 390x844, no JavaScript
// unless asked (the pages must work without it).
export async function openPhone(devtools, { userAgent, language = 'en-GB,en', script = false } = {}) {
  const { browserContextId } = await devtools.send('Target.createBrowserContext');
  const { targetId } = await devtools.send('Target.createTarget', { url: 'about:blank', browserContextId });
  const { sessionId } = await devtools.send('Target.attachToTarget', { targetId, flatten: true });
  const send = (method, params) => devtools.send(method, params, sessionId);
  await send('Page.enable');
  await send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 2, mobile: true });
  await send('Emulation.setUserAgentOverride', {
    userAgent: userAgent ?? 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
    acceptLanguage: language });
  await send('Emulation.setScriptExecutionDisabled', { value: !script });
  const phone = {
    send,
    async evaluate(expression) {
      const result = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
      if (result.exceptionDetails) throw new Error(JSON.stringify(result.exceptionDetails));
      return result.result.value;
    },
    async navigate(url) {
      const done = devtools.event('Page.loadEventFired', sessionId);
      await send('Page.navigate', { url });
      await done;
    },
    async tap(selector) {
      const box = await phone.evaluate(`(() => { const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
        return [r.x + r.width / 2, r.y + r.height / 2]; })()`);
      const done = devtools.event('Page.loadEventFired', sessionId);
      for (const type of ['mousePressed', 'mouseReleased'])
        await send('Input.dispatchMouseEvent', { type, x: box[0], y: box[1], button: 'left', clickCount: 1 });
      await done;
    },
    async type(selector, text) {
      await phone.evaluate(`document.querySelector(${JSON.stringify(selector)}).focus()`);
      await send('Input.insertText', { text });
    },
    text: (selector) => phone.evaluate(`document.querySelector(${JSON.stringify(selector)})?.textContent?.trim() ?? ''`),
    async screenshot() {
      const height = await phone.evaluate('Math.max(844, document.documentElement.scrollHeight)');
      const { data } = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true,
        clip: { x: 0, y: 0, width: 390, height, scale: 1 } });
      return Buffer.from(data, 'base64');
    },
    // axe-core in the page (scripts are allowed for the audit only), then off again.
    async audit() {
      await send('Emulation.setScriptExecutionDisabled', { value: false });
      await send('Runtime.evaluate', { expression: axeSource() });
      const violations = await phone.evaluate(`axe.run(document, { resultTypes: ['violations'] })
        .then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help })))`);
      await send('Emulation.setScriptExecutionDisabled', { value: !script });
      return violations;
    },
  };
  return phone;
}

let axe = null;
function axeSource() {
  if (axe) return axe;
  const prefix = join(homedir(), '.cache', 'stickerforge', 'npm');
  const file = join(prefix, 'node_modules', 'axe-core', 'axe.min.js');
  if (!existsSync(file)) {
    mkdirSync(prefix, { recursive: true });
    execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--silent', 'axe-core@4'],
                 { stdio: 'inherit' });
  }
  axe = readFileSync(file, 'utf8');
  return axe;
}
