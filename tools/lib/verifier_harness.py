"""Shared by tools/race, tools/crash-test and tools/bench-verifier: builds what
they need, makes codes with the real codes library (sf_verifier_fixture),
starts and stops stickerforge-verifier processes, and talks HTTP."""
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("SF_BUILD", os.path.join(ROOT, "build"))
VERIFIER = os.path.join(BUILD, "src", "cli", "stickerforge-verifier")
FIXTURE = os.path.join(BUILD, "tests", "verifier", "sf_verifier_fixture")


def log(tool, message):
    print(f"{tool}: {message}", flush=True)


def ensure_built():
    """Builds the two binaries when they are missing (tools/test builds them first)."""
    if os.path.exists(VERIFIER) and os.path.exists(FIXTURE):
        return
    if not os.path.exists(os.path.join(BUILD, "CMakeCache.txt")):
        subprocess.run(["cmake", "-S", ROOT, "-B", BUILD, "-DCMAKE_BUILD_TYPE=Release"], check=True,
                       stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", BUILD, "--target", "stickerforge-verifier",
                    "sf_verifier_fixture", "-j", str(os.cpu_count() or 2)], check=True)


def make_codes(directory, count):
    subprocess.run([FIXTURE, "make", directory, str(count)], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(directory, "codes.txt")) as f:
        codes = [line.strip() for line in f if line.strip()]
    with open(os.path.join(directory, "store_key.txt")) as f:
        store_key = f.read().strip()
    return codes, store_key


def check_ledger(ledger_url, directory, acked):
    """acked: {code: redeemed_at_ms}. True when every one is in the ledger once, at that time."""
    path = os.path.join(directory, "acked.txt")
    with open(path, "w") as f:
        for code, at_ms in acked.items():
            f.write(f"{code} {at_ms}\n")
    result = subprocess.run([FIXTURE, "check", ledger_url, directory, path], capture_output=True, text=True)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr[-4000:])
    return result.returncode == 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def iso_to_ms(text):
    moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    return int(round(moment.timestamp() * 1000))


class Verifier:
    """One stickerforge-verifier process."""

    def __init__(self, directory, ledger, port=0, extra=(), name="verifier"):
        self.directory, self.ledger, self.extra = directory, ledger, list(extra)
        self.port, self.name = port, name
        self.log_path = os.path.join(directory, f"{name}.log")
        self.process = None

    def start(self, timeout=15):
        args = [VERIFIER, "--listen", f"127.0.0.1:{self.port}", "--ledger", self.ledger,
                "--keyring", os.path.join(self.directory, "keyring.json"),
                "--campaigns", os.path.join(self.directory, "campaigns.json"),
                "--packs", os.path.join(self.directory, "packs"),
                "--store-keys", os.path.join(self.directory, "stores.json")] + self.extra
        log_file = open(self.log_path, "a")
        offset = log_file.tell()
        self.process = subprocess.Popen(args, stdout=log_file, stderr=log_file)
        deadline = time.time() + timeout
        while time.time() < deadline:
            with open(self.log_path) as f:
                f.seek(offset)
                for line in f:
                    if "listening on http://127.0.0.1:" in line:
                        self.port = int(line.rsplit(":", 1)[1])
                        return self
            if self.process.poll() is not None:
                break
            time.sleep(0.02)
        raise RuntimeError(f"{self.name} did not start; see {self.log_path}")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.process.returncode

    def peak_rss_kb(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0


def post_redemption(connection, code, idempotency_key=None, store_key=None):
    headers = {"Content-Type": "application/json"}
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    if store_key:
        headers["Authorization"] = "Bearer " + store_key
    connection.request("POST", "/v1/redemptions", body=json.dumps({"code": code}), headers=headers)
    response = connection.getresponse()
    body = response.read()
    return response.status, json.loads(body) if body else {}


def temp_dir(tool):
    return tempfile.mkdtemp(prefix=f"sf-{tool}-")


def connect(port, timeout=10):
    return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)


def fresh_pg_url(base_url, tool):
    """A URL of base_url whose tables live in a new, empty schema: ledger keys
    ("key id/campaign/serial") of this run's fresh keyring must not meet rows
    of an earlier run in a shared database."""
    schema = f"sf_{tool.replace('-', '_')}_{os.getpid()}_{int(time.time() * 1000)}"
    subprocess.run(["psql", "-q", base_url, "-c", f"CREATE SCHEMA {schema}"], check=True,
                   stdout=subprocess.DEVNULL)
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}options=-csearch_path%3D{schema}", schema


def drop_pg_schema(base_url, schema):
    subprocess.run(["psql", "-q", base_url, "-c", f"DROP SCHEMA IF EXISTS {schema} CASCADE"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
