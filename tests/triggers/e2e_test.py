#!/usr/bin/env python3
"""End-to-end tests of the trigger receivers with the real binaries:
  e2e_test.py STICKERFORGE STICKERFORGE_VERIFIER [CASE...]
Each provider's sample payload (tests/triggers/data), signed as the provider
signs it, gets one code that the real `codes verify` accepts; forged, stale,
unknown-campaign, unpaid and ended deliveries are refused with nothing
issued; retries and a 64-way duplicate race get one code; refunds revoke;
a till gets a code and receipt; a claim page shows the code; SIGHUP
rotates secrets; SIGKILL under load loses no acknowledged code."""
import concurrent.futures
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
CLI, VERIFIER = sys.argv[1], sys.argv[2]
ONLY = sys.argv[3:]
failures = []


def sample(name, **replace):
    text = open(os.path.join(DATA, name)).read()
    for key, value in replace.items():
        text = text.replace("{{" + key + "}}", str(value))
    return text.encode()


def check(condition, message):
    if not condition:
        failures.append(message)
        print("  FAIL:", message)


def post(live, path, body, headers):
    status, head, data = h.request(live.port, "POST", path, body, headers)
    try:
        return status, json.loads(data) if data else {}
    except ValueError:
        return status, {"raw": data.decode(errors="replace")}


def verify_code(setup, code):
    r = h.run([CLI, "codes", "verify", "--keyring", setup.keyring, "--campaigns", setup.campaigns, code])
    return r.stdout + r.stderr


def case_each_provider_issues_one_code(setup, live):
    now = int(time.time())
    deliveries = {
        "shopify": (sample("shopify_orders_paid.json", ID=820982911946154508),
                    lambda b, url: h.shopify(b)),
        "stripe": (sample("stripe_checkout_session_completed.json", SESSION="cs_test_a1b2c3d4e5f6g7h8i9j0",
                          STATUS="paid"), lambda b, url: h.stripe(b)),
        "square": (sample("square_payment_updated.json", PAYMENT="KkAkhdMsgzn59SM8A89WgKwekxLZY",
                          STATUS="COMPLETED"), lambda b, url: h.square(url, b)),
        "typeform": (sample("typeform_form_response.json", TOKEN="a3a12ec67a1365927098a606107fac15",
                            CLAIM="c1a1m-0123456789abcdef"), lambda b, url: h.typeform(b)),
        "webhook": (sample("standard_webhook.json", ID="order-5001", TYPE="reward.issue"),
                    lambda b, url: h.standard(b)),
    }
    for source, (body, sign) in deliveries.items():
        path = f"/v1/hooks/{source}/spring"
        status, answer = post(live, path, body, sign(body, setup.public_url + path))
        check(status == 200 and answer.get("status") == "issued", f"{source}: {status} {answer}")
        code = answer.get("code", "")
        check(re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code) is not None, f"{source}: code {code!r}")
        check("valid" in verify_code(setup, code), f"{source}: codes verify: {verify_code(setup, code)}")
        check(answer.get("link") == f"{setup.public_url}/?code={code}", f"{source}: link {answer.get('link')}")
        # A retry (Shopify and Stripe retry with the same payload; a new
        # delivery id each time for WooCommerce-style senders) gets the same code.
        status2, again = post(live, path, body, sign(body, setup.public_url + path))
        check(status2 == 200 and again.get("status") == "existing" and again.get("code") == code,
              f"{source}: retry {status2} {again}")
    # Mailchimp: form-encoded, secret in the URL, validation GET answered.
    key = h.SECRETS["mailchimp"]
    status, _, _ = h.request(live.port, "GET", f"/v1/hooks/mailchimp/spring?key={key}")
    check(status == 200, f"mailchimp validation GET: {status}")
    status, _, _ = h.request(live.port, "GET", "/v1/hooks/mailchimp/spring?key=0000")
    check(status == 401, f"mailchimp validation GET with a wrong key: {status}")
    body = sample("mailchimp_subscribe.txt", TYPE="subscribe", ID="8a25ff1d98")
    status, answer = post(live, f"/v1/hooks/mailchimp/spring?key={key}", body,
                          {"Content-Type": "application/x-www-form-urlencoded"})
    check(status == 200 and answer.get("status") == "issued", f"mailchimp: {status} {answer}")
    check("valid" in verify_code(setup, answer.get("code", "x")), "mailchimp code verifies")
    # Google Forms through the Apps Script we ship, run by node.
    script = os.path.join(os.path.dirname(DATA), "..", "..", "templates", "google-forms", "stickerforge.gs")
    runner = os.path.join(os.path.dirname(DATA), "apps_script_runner.mjs")
    url = setup.public_url + "/v1/hooks/google-forms/spring"
    out = h.run(["node", runner, script, url, h.SECRETS["google-forms"], "2_ABaOnud-resp-1", "ada@example.com"])
    result = json.loads(out.stdout or "{}") if out.returncode == 0 else {"status": out.stderr}
    answer = json.loads(result.get("body") or "{}")
    check(result.get("status") == 200 and answer.get("status") == "issued",
          f"apps script: {result}")
    check("valid" in verify_code(setup, answer.get("code", "x")), "apps script code verifies")
    stale = h.run(["node", runner, script, url, h.SECRETS["google-forms"], "2_ABaOnud-resp-2", "", "-900"])
    check('"status":401' in stale.stdout, f"apps script 15 minutes late: {stale.stdout} {stale.stderr}")
    wrong = h.run(["node", runner, script, url, "not-the-secret-at-all", "2_ABaOnud-resp-3", ""])
    check('"status":401' in wrong.stdout, f"apps script with a wrong secret: {wrong.stdout}")


def case_refusals_issue_nothing(setup, live):
    before = h.issuance_count(setup)
    body = sample("shopify_orders_paid.json", ID=4000001)
    bad = h.shopify(body, secret="shpss_not_the_secret_0000000000")
    status, answer = post(live, "/v1/hooks/shopify/spring", body, bad)
    check(status == 401 and answer == {"error": "unauthorized", "message": "unauthorized"},
          f"wrong signature: {status} {answer}")
    tampered = body.replace(b'"199.00"', b'"1.00"')
    status, _ = post(live, "/v1/hooks/shopify/spring", tampered, h.shopify(body))
    check(status == 401, f"body changed after signing: {status}")
    body = sample("stripe_checkout_session_completed.json", SESSION="cs_test_stale_0001", STATUS="paid")
    status, _ = post(live, "/v1/hooks/stripe/spring", body, h.stripe(body, at=time.time() - 600))
    check(status == 401, f"stale stripe timestamp: {status}")
    body = sample("standard_webhook.json", ID="order-stale", TYPE="reward.issue")
    status, _ = post(live, "/v1/hooks/webhook/spring", body, h.standard(body, at=time.time() - 600))
    check(status == 401, f"stale webhook-timestamp: {status}")
    path = "/v1/hooks/square/spring"
    body = sample("square_payment_updated.json", PAYMENT="sq-wrong-url", STATUS="COMPLETED")
    status, _ = post(live, path, body, h.square("https://evil.example" + path, body))
    check(status == 401, f"square signed for another URL: {status}")
    body = sample("shopify_orders_paid.json", ID=4000002)
    status, answer = post(live, "/v1/hooks/shopify/nosuch", body, h.shopify(body))
    check(status == 404 and answer.get("error") == "unknown_campaign", f"unknown campaign: {status} {answer}")
    body = sample("shopify_orders_paid.json", ID=4000003).replace(b'"financial_status": "paid"',
                                                                   b'"financial_status": "pending"')
    status, answer = post(live, "/v1/hooks/shopify/spring", body, h.shopify(body))
    check(status == 200 and answer.get("status") == "ignored" and "pending" in answer.get("reason", ""),
          f"unpaid order: {status} {answer}")
    body = sample("stripe_checkout_session_completed.json", SESSION="cs_test_unpaid_0001", STATUS="unpaid")
    status, answer = post(live, "/v1/hooks/stripe/spring", body, h.stripe(body))
    check(status == 200 and answer.get("status") == "ignored", f"unpaid session: {status} {answer}")
    body = sample("mailchimp_subscribe.txt", TYPE="profile", ID="77aa11")
    status, answer = post(live, f"/v1/hooks/mailchimp/spring?key={h.SECRETS['mailchimp']}", body,
                          {"Content-Type": "application/x-www-form-urlencoded"})
    check(status == 200 and answer.get("status") == "ignored", f"mailchimp profile update: {status} {answer}")
    body = sample("shopify_orders_paid.json", ID=4000004)
    status, answer = post(live, "/v1/hooks/shopify/ended", body, h.shopify(body))
    check(status == 200 and answer.get("status") == "refused" and "ended" in answer.get("reason", ""),
          f"ended campaign: {status} {answer}")
    check(h.issuance_count(setup) == before, "refusals issued nothing")
    metrics = h.request(live.port, "GET", "/metrics")[2].decode()
    check('stickerforge_trigger_deliveries_total{source="shopify",outcome="unauthorized"} 2' in metrics,
          "failures are counted in /metrics")
    check("hook_unauthorized" in live.log_text(), "failures are logged")


def case_unconfirmed_subscriber_refused(setup, live):
    key = h.SECRETS["mailchimp"]
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    body = sample("mailchimp_subscribe.txt", TYPE="subscribe", ID="pend0001").replace(
        b"api%40mailchimp.com", b"pending%40example.com")
    before = h.issuance_count(setup, "news")
    status, answer = post(live, f"/v1/hooks/mailchimp/news?key={key}", body, form)
    check(status == 200 and answer.get("status") == "refused" and "pending, not confirmed" in answer.get("reason", ""),
          f"pending subscriber: {status} {answer}")
    check(h.issuance_count(setup, "news") == before, "pending subscriber issued nothing")
    check(any("/members/pending%40example.com" in p for p in setup.mailchimp.requests),
          f"the API double was asked: {setup.mailchimp.requests}")
    body = sample("mailchimp_subscribe.txt", TYPE="subscribe", ID="conf0001").replace(
        b"api%40mailchimp.com", b"confirmed%40example.com")
    status, answer = post(live, f"/v1/hooks/mailchimp/news?key={key}", body, form)
    check(status == 200 and answer.get("status") == "issued", f"confirmed subscriber: {status} {answer}")


def case_duplicate_race_mints_one(setup, live):
    body = sample("standard_webhook.json", ID="order-race-64", TYPE="reward.issue")
    # Each delivery has its own webhook-id, as a retrying sender's would.
    def deliver(_):
        return post(live, "/v1/hooks/webhook/spring", body, h.standard(body))
    with concurrent.futures.ThreadPoolExecutor(64) as pool:
        answers = list(pool.map(deliver, range(64)))
    codes = {a.get("code") for s, a in answers if s == 200}
    statuses = [a.get("status") for s, a in answers]
    check(all(s == 200 for s, _ in answers), f"race statuses {set(s for s, _ in answers)}")
    check(len(codes) == 1, f"64 deliveries of one event minted {len(codes)} codes")
    check(statuses.count("issued") == 1, f"exactly one 'issued': {statuses.count('issued')}")


def case_refund_revokes(setup, live):
    order = 5550001
    body = sample("shopify_orders_paid.json", ID=order)
    status, answer = post(live, "/v1/hooks/shopify/spring", body, h.shopify(body))
    code = answer.get("code", "")
    refund = sample("shopify_refunds_create.json", ORDER=order)
    status, answer = post(live, "/v1/hooks/shopify/spring", refund, h.shopify(refund, topic="refunds/create"))
    check(status == 200 and answer.get("status") == "revoked", f"refund: {status} {answer}")
    auth = {"Authorization": "Bearer " + setup.store_key}
    status, _, data = h.request(live.port, "GET", "/v1/codes/" + code, headers=auth)
    check(status == 403 and b"revoked" in data, f"refunded code status: {status} {data}")
    status, _, data = h.request(live.port, "POST", "/v1/redemptions", json.dumps({"code": code}).encode(),
                                {"Content-Type": "application/json", **auth})
    check(status == 403 and b"revoked" in data, f"refunded code redemption: {status} {data}")
    # A used code is kept: redeem first, then refund.
    body = sample("shopify_orders_paid.json", ID=order + 1)
    code2 = post(live, "/v1/hooks/shopify/spring", body, h.shopify(body))[1].get("code", "")
    h.request(live.port, "POST", "/v1/redemptions", json.dumps({"code": code2}).encode(),
              {"Content-Type": "application/json", **auth})
    refund = sample("shopify_refunds_create.json", ORDER=order + 1)
    status, answer = post(live, "/v1/hooks/shopify/spring", refund, h.shopify(refund, topic="refunds/create"))
    check(answer.get("status") == "already_redeemed", f"refund after use: {answer}")
    # Mailchimp unsubscribe revokes the subscriber's code.
    key = h.SECRETS["mailchimp"]
    body = sample("mailchimp_subscribe.txt", TYPE="subscribe", ID="unsub01")
    post(live, f"/v1/hooks/mailchimp/spring?key={key}", body, {"Content-Type": "application/x-www-form-urlencoded"})
    body = sample("mailchimp_subscribe.txt", TYPE="unsubscribe", ID="unsub01")
    status, answer = post(live, f"/v1/hooks/mailchimp/spring?key={key}", body,
                          {"Content-Type": "application/x-www-form-urlencoded"})
    check(answer.get("status") == "revoked", f"unsubscribe: {answer}")


def case_one_per_email(setup, live):
    first = sample("standard_webhook.json", ID="p-1", TYPE="reward.issue").replace(
        b'"ada@example.com"', b'"Ada@Example.com "')
    second = sample("standard_webhook.json", ID="p-2", TYPE="reward.issue")
    a = post(live, "/v1/hooks/webhook/people", first, h.standard(first))[1]
    b = post(live, "/v1/hooks/webhook/people", second, h.standard(second))[1]
    check(a.get("status") == "issued" and b.get("status") == "same_person" and a.get("code") == b.get("code"),
          f"one per e-mail: {a} {b}")


def case_till(setup, live):
    auth = {"Authorization": "Bearer " + setup.store_key, "Idempotency-Key": "sale-0001",
            "Content-Type": "application/json"}
    status, answer = post(live, "/v1/till/spring", b'{"total": "12.50"}', auth)
    check(status == 200 and answer.get("status") == "issued", f"till: {status} {answer}")
    code = answer.get("code", "")
    receipt = answer.get("receipt", {})
    lines58 = receipt.get("text_58mm", "").splitlines()
    check(lines58 and all(len(l) <= 32 for l in lines58) and any(code in l for l in lines58),
          f"58 mm receipt: {lines58}")
    check(all(len(l) <= 48 for l in receipt.get("text_80mm", "").splitlines()), "80 mm receipt width")
    check(receipt.get("qr_svg", "").startswith("<svg") or "<svg" in receipt.get("qr_svg", "")[:200],
          "receipt QR is SVG")
    check("valid" in verify_code(setup, code), "till code verifies")
    status, again = post(live, "/v1/till/spring", b'{"total": "12.50"}', auth)
    check(again.get("code") == code and again.get("status") == "existing", f"till retry: {again}")
    status, answer = post(live, "/v1/till/spring", b"{}", {**auth, "Idempotency-Key": "sale-0002"})
    check(answer.get("code") not in (None, code), "next sale, next code")
    status, answer = post(live, "/v1/till/spring", b"{}", {"Idempotency-Key": "sale-0003"})
    check(status == 401, f"till without a store key: {status}")
    status, answer = post(live, "/v1/till/spring", b"{}", {"Authorization": "Bearer " + setup.store_key})
    check(status == 400 and answer.get("error") == "idempotency_key_required", f"till without a key: {answer}")


def case_claim_page(setup, live):
    session = "cs_test_claim_b7c9d1e3f5a7b9c1d3e5"
    body = sample("stripe_checkout_session_completed.json", SESSION=session, STATUS="paid")
    code = post(live, "/v1/hooks/stripe/spring", body, h.stripe(body))[1].get("code", "")
    status, head, page = h.request(live.port, "GET", f"/c/stripe/spring?session_id={session}")
    check(status == 200 and code.encode() in page, f"claim page: {status}")
    check(head.get("Cache-Control") == "no-store", "claim page is not cached")
    # The person arrives before the webhook: the page waits, then refreshes.
    later = "cs_test_claim_late_00000000000001"
    result = {}
    t = threading.Thread(target=lambda: result.update(
        r=h.request(live.port, "GET", f"/c/stripe/spring?session_id={later}")))
    t.start()
    time.sleep(0.3)
    body = sample("stripe_checkout_session_completed.json", SESSION=later, STATUS="paid")
    late_code = post(live, "/v1/hooks/stripe/spring", body, h.stripe(body))[1].get("code", "")
    t.join()
    check(result["r"][0] == 200 and late_code.encode() in result["r"][2], "claim page waited for the webhook")
    status, _, page = h.request(live.port, "GET", "/c/stripe/spring?session_id=cs_test_never_arrives_000000")
    check(status == 202 and b'http-equiv="refresh"' in page and b'class="code"' not in page,
          f"pending claim: {status}")
    status, _, _ = h.request(live.port, "GET", "/c/stripe/spring?session_id=cs_1")
    check(status == 404, f"short claim refused: {status}")
    # Typeform: the hidden claim field of the response.
    status, _, page = h.request(live.port, "GET", "/c/typeform/spring?claim=c1a1m-0123456789abcdef")
    check(status == 200 and b"class=\"code\"" in page, f"typeform claim: {status}")


def case_sighup_rotates_secrets(setup, live):
    body = sample("shopify_orders_paid.json", ID=7000001)
    new_secret = "shpss_rotated_11112222333344445555"
    setup.write_triggers({**h.SECRETS, "shopify": [new_secret, h.SECRETS["shopify"]]})
    live.process.send_signal(signal.SIGHUP)
    time.sleep(0.5)
    status, _ = post(live, "/v1/hooks/shopify/spring", body, h.shopify(body, secret=new_secret))
    check(status == 200, f"new secret after SIGHUP: {status}")
    body = sample("shopify_orders_paid.json", ID=7000002)
    status, _ = post(live, "/v1/hooks/shopify/spring", body, h.shopify(body))
    check(status == 200, f"old secret still accepted while rotating: {status}")
    setup.write_triggers({**h.SECRETS, "shopify": new_secret})
    live.process.send_signal(signal.SIGHUP)
    time.sleep(0.5)
    body = sample("shopify_orders_paid.json", ID=7000003)
    status, _ = post(live, "/v1/hooks/shopify/spring", body, h.shopify(body))
    check(status == 401, f"old secret refused after rotation: {status}")


def case_report_and_metrics(setup, live):
    r = h.run([CLI, "report", "--ledger", setup.ledger_url, "--campaigns", setup.campaigns])
    check(r.returncode == 0 and "issued online" in r.stdout and "shopify" in r.stdout,
          f"report: {r.stdout} {r.stderr}")
    metrics = h.request(live.port, "GET", "/metrics")[2].decode()
    check('stickerforge_online_codes_issued{campaign="spring",source="shopify"' in metrics,
          "metrics show issued per campaign and source")


def case_sigkill_under_load(setup, live):
    """Deliveries from 16 threads; SIGKILL; every 2xx-answered event has its
    code after the restart and the provider's retry gets the same code."""
    acked = {}
    lock = threading.Lock()
    stop = threading.Event()

    def sender(t):
        i = 0
        while not stop.is_set():
            event = f"kill-{t}-{i}"
            body = sample("standard_webhook.json", ID=event, TYPE="reward.issue")
            try:
                status, answer = post(live, "/v1/hooks/webhook/spring", body, h.standard(body))
            except OSError:
                return
            if status == 200:
                with lock:
                    acked[event] = answer["code"]
            i += 1

    threads = [threading.Thread(target=sender, args=(t,)) for t in range(16)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    live.process.send_signal(signal.SIGKILL)
    live.process.wait()
    stop.set()
    for t in threads:
        t.join()
    check(len(acked) > 50, f"only {len(acked)} deliveries acknowledged before the kill")
    print(f"  {len(acked)} deliveries acknowledged before SIGKILL")
    again = h.Verifier(VERIFIER, setup)
    try:
        def retry(item):
            event, code = item
            body = sample("standard_webhook.json", ID=event, TYPE="reward.issue")
            status, answer = post(again, "/v1/hooks/webhook/spring", body, h.standard(body))
            return status == 200 and answer.get("status") == "existing" and answer.get("code") == code
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            results = list(pool.map(retry, acked.items()))
        check(all(results), f"{results.count(False)} of {len(acked)} acknowledged events lost or changed")
    finally:
        again.stop()
    return "restarted"


def two_instances_on_postgres():
    """Two verifiers on one PostgreSQL database mint at once: distinct events
    get distinct codes, and an event delivered to both gets one code."""
    base = os.environ.get("SF_TEST_PG_URL")
    if not base:
        print("two_instances_on_postgres: SF_TEST_PG_URL is not set; skipped")
        return
    print("two_instances_on_postgres")
    schema = "sf_triggers_" + os.urandom(4).hex()
    h.Setup.check(h.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", base, "-c", f"CREATE SCHEMA {schema}"]))
    separator = "&" if "?" in base else "?"
    setup = h.Setup(CLI, ledger_url=f"{base}{separator}options=-csearch_path%3D{schema}")
    one = h.Verifier(VERIFIER, setup, h.free_port())
    two = h.Verifier(VERIFIER, setup, h.free_port())
    try:
        def deliver(i):
            event = f"pg-{i // 2}"  # every event goes to both instances
            body = sample("standard_webhook.json", ID=event, TYPE="reward.issue")
            status, answer = post(one if i % 2 else two, "/v1/hooks/webhook/spring", body, h.standard(body))
            return event, status, answer.get("code")
        with concurrent.futures.ThreadPoolExecutor(32) as pool:
            results = list(pool.map(deliver, range(400)))
        by_event = {}
        for event, status, code in results:
            check(status == 200, f"postgres delivery: {status}")
            check(by_event.setdefault(event, code) == code, f"{event} got two codes")
        check(len(set(by_event.values())) == 200, f"200 events, {len(set(by_event.values()))} distinct codes")
    finally:
        one.stop()
        two.stop()
        h.run(["psql", "-q", base, "-c", f"DROP SCHEMA {schema} CASCADE"])


CASES = [case_each_provider_issues_one_code, case_refusals_issue_nothing, case_unconfirmed_subscriber_refused,
         case_duplicate_race_mints_one,
         case_refund_revokes, case_one_per_email, case_till, case_claim_page, case_report_and_metrics,
         case_sighup_rotates_secrets, case_sigkill_under_load]


def main():
    setup = h.Setup(CLI)
    live = h.Verifier(VERIFIER, setup)
    try:
        for case in CASES:
            if ONLY and case.__name__ not in ONLY:
                continue
            print(case.__name__)
            before = len(failures)
            result = case(setup, live)
            if result == "restarted":
                live = h.Verifier(VERIFIER, setup)
            print("  ok" if len(failures) == before else "  failed")
    finally:
        live.stop(signal.SIGKILL)
    if not ONLY or "two_instances_on_postgres" in ONLY:
        two_instances_on_postgres()
    if failures:
        print(f"{len(failures)} failures; files in {setup.dir}")
        sys.exit(1)
    print("all passed")


if __name__ == "__main__":
    main()
