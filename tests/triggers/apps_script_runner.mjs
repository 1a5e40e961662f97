// Runs templates/google-forms/stickerforge.gs under node with stand-ins for
// the Apps Script services it calls (Utilities, PropertiesService,
// UrlFetchApp), on a fake form submission, and sends the request the script
// built to a real receiver. The HMAC and base64 stand-ins behave like Apps
// Script's: computeHmacSha256Signature returns signed Java bytes, which
// base64Encode accepts.
//   node apps_script_runner.mjs SCRIPT RECEIVER_URL SECRET RESPONSE_ID EMAIL [SKEW_SECONDS]
// Prints the receiver's status and body as JSON.
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import vm from 'node:vm';

const [script, url, secret, responseId, email, skew = '0'] = process.argv.slice(2);
let captured = null;
const sandbox = {
  JSON, Math, String, Error, console,
  Date: { now: () => Date.now() + Number(skew) * 1000 },
  Utilities: {
    Charset: { UTF_8: 'UTF-8' },
    computeHmacSha256Signature(value, key) {
      return [...createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(value, 'utf8')).digest()]
        .map((b) => (b > 127 ? b - 256 : b));
    },
    base64Encode(bytes) { return Buffer.from(bytes.map((b) => b & 0xff)).toString('base64'); },
  },
  PropertiesService: {
    getScriptProperties: () => ({
      getProperty: (name) => ({ STICKERFORGE_URL: url, STICKERFORGE_SECRET: secret })[name],
    }),
  },
  UrlFetchApp: {
    fetch(target, options) {
      captured = { target, options };
      return { getResponseCode: () => 200, getContentText: () => '' };
    },
  },
};
vm.createContext(sandbox);
vm.runInContext(readFileSync(script, 'utf8'), sandbox);
sandbox.onFormSubmitStickerforge({
  source: { getId: () => '1FAIpQLSf-test-form' },
  response: { getId: () => responseId, getRespondentEmail: () => email },
});
const answer = await fetch(captured.target, {
  method: 'POST',
  headers: { 'Content-Type': captured.options.contentType, ...captured.options.headers },
  body: captured.options.payload,
});
console.log(JSON.stringify({ status: answer.status, body: await answer.text() }));
