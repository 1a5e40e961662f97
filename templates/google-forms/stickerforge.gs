/**
 * Stickerforge for Google Forms: a reward code for each response.
 *
 * Google Forms cannot sign what it sends, so this script does: each
 * submission is posted to your stickerforge receiver as JSON, with the
 * time and an HMAC-SHA256 signature over "<time>.<body>" made with a
 * secret only you and the receiver know. The receiver refuses anything
 * unsigned, wrongly signed or older than five minutes.
 *
 * Install (docs/triggers.md, "Google Forms"):
 *  1. In the form: ⋮ > Apps Script. Replace the editor's contents with this file.
 *  2. Project Settings (gear) > Script properties > Add:
 *       STICKERFORGE_URL     https://stickers.example/v1/hooks/google-forms/<campaign>
 *       STICKERFORGE_SECRET  the secret from your triggers file
 *  3. Select "installTrigger" in the toolbar and press Run once; allow the
 *     permissions it asks for (read the form, connect to an external service).
 *  4. Submit a test response; the code appears in the receiver's log and
 *     in `stickerforge report`.
 */

/** Run once: calls onFormSubmitStickerforge for every new response. */
function installTrigger() {
  ScriptApp.newTrigger('onFormSubmitStickerforge')
      .forForm(FormApp.getActiveForm())
      .onFormSubmit()
      .create();
}

/** The JSON body for one response (ids and the e-mail, nothing else). */
function stickerforgeBody(formId, responseId, email) {
  return JSON.stringify({form_id: formId, response_id: responseId, email: email || ''});
}

/** The headers that sign `body` at `unixSeconds` with `secret`. */
function stickerforgeHeaders(body, unixSeconds, secret) {
  var timestamp = String(unixSeconds);
  var mac = Utilities.computeHmacSha256Signature(timestamp + '.' + body, secret,
                                                Utilities.Charset.UTF_8);
  return {
    'X-Stickerforge-Timestamp': timestamp,
    'X-Stickerforge-Signature': 'v1=' + Utilities.base64Encode(mac)
  };
}

/** The installable trigger's handler. */
function onFormSubmitStickerforge(e) {
  var properties = PropertiesService.getScriptProperties();
  var url = properties.getProperty('STICKERFORGE_URL');
  var secret = properties.getProperty('STICKERFORGE_SECRET');
  if (!url || !secret) throw new Error('set STICKERFORGE_URL and STICKERFORGE_SECRET in Script properties');
  var form = e.source;
  var response = e.response;
  var email = '';
  try {
    email = response.getRespondentEmail();  // only when the form collects e-mails
  } catch (ignored) {}
  var body = stickerforgeBody(form.getId(), response.getId(), email);
  var answer = UrlFetchApp.fetch(url, {
    method: 'post',
    contentType: 'application/json',
    payload: body,
    headers: stickerforgeHeaders(body, Math.floor(Date.now() / 1000), secret),
    muteHttpExceptions: true
  });
  // UrlFetchApp never retries: a failure is logged here (Executions page).
  if (answer.getResponseCode() >= 300) {
    console.error('stickerforge answered ' + answer.getResponseCode() + ': ' + answer.getContentText());
  }
}
