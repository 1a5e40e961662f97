"""End-to-end harness for the trigger receivers: a real stickerforge-verifier
process with a fresh keyring, campaigns file (online serials reserved with
the real CLI), store key and triggers file, and helpers that sign deliveries
the way each provider documents it, with Python's own hmac module (an
implementation independent of ours)."""
import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import stat
import subprocess
import tempfile
import time
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRETS = {
    "shopify": "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",
    "stripe": "whsec_test_5f4dcc3b5aa765d61d8327deb882cf99",
    "square": "sq0wbk-AbCdEfGhIjKlMnOpQrStUv",
    "typeform": "typeform-secret-abc123-xyz789",
    "google-forms": "gforms-secret-0123456789abcdef",
    "mailchimp": "9f86d081884c7d659a2feaa0c55ad015",
    # Standard Webhooks: "whsec_" + base64 of the key bytes.
    "webhook": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
}
SOURCES = ["shopify", "stripe", "square", "typeform", "google-forms", "mailchimp", "webhook", "till"]


class MailchimpDouble:
    """A local double of Mailchimp's member lookup (GET
    /3.0/lists/{list}/members/{address}, basic auth with the API key): answers
    the member's status as the real API documents it, 404 for unknown
    addresses, 401 for a wrong key."""

    API_KEY = "0123456789abcdef0123456789abcdef-us1"

    def __init__(self, members):
        members = dict(members)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append(self.path)
                expected = "Basic " + base64.b64encode(f"stickerforge:{outer.API_KEY}".encode()).decode()
                match = re.fullmatch(r"/3\.0/lists/([^/]+)/members/([^/?]+)", self.path)
                if self.headers.get("Authorization") != expected:
                    self.reply(401, {"title": "API Key Invalid", "status": 401})
                elif not match or urllib.parse.unquote(match.group(2)).lower() not in members:
                    self.reply(404, {"title": "Resource Not Found", "status": 404})
                else:
                    email = urllib.parse.unquote(match.group(2)).lower()
                    self.reply(200, {"id": hashlib.md5(email.encode()).hexdigest(), "email_address": email,
                                     "status": members[email], "list_id": match.group(1)})

            def reply(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.requests = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


class Setup:
    """Files for a verifier with receivers: campaign 'spring' issues on every
    source; 'ended' ended in 2020; 'people' gives one code per e-mail."""

    def __init__(self, cli, ledger_url=None, root=None):
        self.cli = cli
        self.dir = root or tempfile.mkdtemp(prefix="sf-triggers-")
        d = self.dir
        self.keyring = os.path.join(d, "keyring.json")
        self.campaigns = os.path.join(d, "campaigns.json")
        self.ledger_url = ledger_url or "sqlite:" + os.path.join(d, "ledger.db")
        self.check(run([cli, "keys", "new", "--keyring", self.keyring, "--type", "hmac"]))
        for cid, extra in [("spring", []), ("people", []), ("news", []), ("ended", ["--starts", "2020-01-01", "--ends", "2020-12-31"])]:
            self.check(run([cli, "campaign", "add", "--campaigns", self.campaigns, "--id", cid,
                            "--pack", "fergie", "--trigger", "purchase"] + extra))
        # A CLI batch first, so online serials do not start at 0.
        self.check(run([cli, "codes", "issue", "--keyring", self.keyring, "--campaigns", self.campaigns,
                        "--campaign", "spring", "--count", "5", "--out", os.path.join(d, "batch.csv")]))
        for cid in ["spring", "people", "news"]:
            self.check(run([cli, "codes", "reserve-online", "--keyring", self.keyring,
                            "--campaigns", self.campaigns, "--campaign", cid, "--count", "20000"]))
        doc = json.load(open(self.campaigns))
        for c in doc["campaigns"]:
            if c["id"] == "ended":
                c["online"] = {"issue_on": [{"source": s} for s in SOURCES]}
            elif c["id"] == "news":
                c["online"]["issue_on"] = [{"source": "mailchimp", "list": "a6b5da1054"}]
            elif c["id"] == "people":
                c["online"]["issue_on"] = [{"source": "webhook"}, {"source": "stripe"}]
                c["online"]["one_per_email"] = True
            else:
                c["online"]["issue_on"] = [{"source": s} for s in SOURCES]
        json.dump(doc, open(self.campaigns, "w"), indent=2)
        self.packs = os.path.join(d, "packs")
        # A built pack (the verifier refuses to start for campaigns whose pack has no build).
        os.makedirs(os.path.join(self.packs, "fergie", "telegram"), exist_ok=True)
        with open(os.path.join(self.packs, "fergie", "report.json"), "w") as f:
            json.dump({"pack": {"id": "fergie", "title": "Fergie the Ember"}, "files": [
                {"platform": "telegram", "role": "archive", "path": "telegram/fergie-telegram.zip"}]}, f)
        with open(os.path.join(self.packs, "fergie", "telegram", "fergie-telegram.zip"), "w") as f:
            f.write("PK-telegram-bundle")
        out = self.check(run([cli, "serve", "--new-store-key", "berlin-01"]))
        self.store_key = re.search(r"\n  (sk_\S+)\n", out).group(1)
        line = out.strip().splitlines()[-1].strip()
        self.store_keys = os.path.join(d, "stores.json")
        json.dump({"stores": [json.loads(line)]}, open(self.store_keys, "w"))
        self.mailchimp = MailchimpDouble({"confirmed@example.com": "subscribed",
                                          "pending@example.com": "pending"})
        self.triggers = os.path.join(d, "triggers.json")
        self.write_triggers(SECRETS)
        self.port = free_port()
        self.public_url = f"http://127.0.0.1:{self.port}"

    @staticmethod
    def check(result):
        if result.returncode != 0:
            raise AssertionError(f"command failed ({result.returncode}): {result.stderr}")
        return result.stdout

    def write_triggers(self, secrets, extra=None):
        endpoints = [{"source": s, "secrets": [v] if isinstance(v, str) else v} for s, v in secrets.items()]
        # Campaign "news" confirms subscribers with the Mailchimp API double.
        endpoints.append({"source": "mailchimp", "campaign": "news", "secrets": [SECRETS["mailchimp"]],
                          "api_base": self.mailchimp.url, "api_key": MailchimpDouble.API_KEY})
        doc = {"format": "stickerforge-triggers", "version": 1, "tolerance_seconds": 300,
               "claim_wait_seconds": 1, "endpoints": endpoints}
        doc.update(extra or {})
        tmp = self.triggers + ".tmp"
        with open(tmp, "w") as f:
            json.dump(doc, f)
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.triggers)

    def flags(self, port=None):
        return ["--listen", f"127.0.0.1:{port or self.port}", "--ledger", self.ledger_url,
                "--keyring", self.keyring, "--campaigns", self.campaigns, "--packs", self.packs,
                "--store-keys", self.store_keys, "--triggers", self.triggers,
                "--public-url", f"http://127.0.0.1:{port or self.port}", "--threads", "96"]


class Verifier:
    def __init__(self, binary, setup, port=None):
        self.setup = setup
        self.port = port or setup.port
        self.log = open(os.path.join(setup.dir, f"verifier-{self.port}.log"), "a+")
        self.process = subprocess.Popen([binary] + setup.flags(self.port), stderr=self.log,
                                        stdout=subprocess.DEVNULL)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.process.poll() is not None:
                    self.log.seek(0)
                    raise AssertionError("verifier exited: " + self.log.read())
                time.sleep(0.05)
        raise AssertionError("verifier did not start")

    def stop(self, sig=signal.SIGTERM):
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=20)

    def log_text(self):
        self.log.flush()
        return open(self.log.name).read()


def request(port, method, path, body=b"", headers=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, dict(r.getheaders()), data


def b64hmac(key, data):
    return base64.b64encode(hmac.new(key, data, hashlib.sha256).digest()).decode()


# --- each provider's signing, as its docs describe it -------------------------

def shopify(body, topic="orders/paid", secret=SECRETS["shopify"]):
    return {"X-Shopify-Hmac-Sha256": b64hmac(secret.encode(), body), "X-Shopify-Topic": topic,
            "X-Shopify-Webhook-Id": os.urandom(8).hex(), "Content-Type": "application/json"}


def stripe(body, at=None, secret=SECRETS["stripe"]):
    t = str(int(at if at is not None else time.time()))
    sig = hmac.new(secret.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {"Stripe-Signature": f"t={t},v1={sig}", "Content-Type": "application/json"}


def square(url, body, secret=SECRETS["square"]):
    return {"x-square-hmacsha256-signature": b64hmac(secret.encode(), url.encode() + body),
            "Content-Type": "application/json"}


def typeform(body, secret=SECRETS["typeform"]):
    return {"Typeform-Signature": "sha256=" + b64hmac(secret.encode(), body),
            "Content-Type": "application/json"}


def standard(body, msg_id=None, at=None, secret=SECRETS["webhook"]):
    msg_id = msg_id or "msg_" + os.urandom(8).hex()
    t = str(int(at if at is not None else time.time()))
    key = base64.b64decode(secret[len("whsec_"):])
    sig = b64hmac(key, f"{msg_id}.{t}.".encode() + body)
    return {"webhook-id": msg_id, "webhook-timestamp": t, "webhook-signature": f"v1,{sig}",
            "Content-Type": "application/json"}


def issuance_count(setup, campaign=None):
    """Rows in the ledger's issuance table (SQLite ledgers only)."""
    db = sqlite3.connect(setup.ledger_url[len("sqlite:"):])
    try:
        if campaign:
            return db.execute("SELECT count(*) FROM sf_issuances WHERE campaign_id = ?", (campaign,)).fetchone()[0]
        return db.execute("SELECT count(*) FROM sf_issuances").fetchone()[0]
    finally:
        db.close()
