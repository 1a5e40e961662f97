#!/usr/bin/env python3
"""Debian's nginx in front of stickerforge-verifier, with exactly the
configuration docs/operations.md gives (read from that page between its
nginx-config markers; only the ports are swapped and a temporary prefix
added). Shows, through the real proxy:
  - the verifier sees each customer's own address (trusted-proxies), and a
    client naming itself in X-Forwarded-For only names itself;
  - per-client failure limits: one client's malformed requests get it 429,
    another client behind the same proxy keeps its own budget;
  - tools/attack's attacks (slow and idle connections, bombs, malformed flood,
    wrong store keys) while a customer, a store and /healthz keep working.
usage: nginx_test.py  (SF_BUILD names the build folder; exit 0 = passed)
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools", "lib"))
import verifier_harness as h  # noqa: E402

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


def documented_config(verifier_port, listen_port):
    text = open(os.path.join(ROOT, "docs", "operations.md")).read()
    block = re.search(r"<!-- nginx-config-begin -->\s*```nginx\n(.*?)```\s*<!-- nginx-config-end -->",
                      text, re.S)
    if not block:
        raise SystemExit("docs/operations.md has no nginx-config block")
    config = block.group(1)
    assert "server 127.0.0.1:8080;" in config and "listen 80;" in config
    return (config.replace("server 127.0.0.1:8080;", f"server 127.0.0.1:{verifier_port};")
            .replace("listen 80;", f"listen 127.0.0.1:{listen_port};"))


def start_nginx(prefix, verifier_port):
    port = h.free_port()
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        os.makedirs(os.path.join(prefix, name), exist_ok=True)
    user = "user root root;\n" if os.geteuid() == 0 else ""
    conf = os.path.join(prefix, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""{user}daemon off;
worker_processes 1;
worker_rlimit_nofile 16384;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 8192; }}
http {{
access_log off;
client_body_temp_path {prefix}/body;
proxy_temp_path {prefix}/proxy;
fastcgi_temp_path {prefix}/fastcgi;
uwsgi_temp_path {prefix}/uwsgi;
scgi_temp_path {prefix}/scgi;
{documented_config(verifier_port, port)}
}}
""")
    process = subprocess.Popen([NGINX, "-p", prefix, "-c", conf, "-e", os.path.join(prefix, "error.log")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("nginx did not start: " + process.stderr.read().decode()[-2000:])


def request(port, source, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5, source_address=(source, 0))
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


def log_clients(log_path, event):
    clients = []
    with open(log_path) as f:
        for line in f:
            if line.startswith("{"):
                entry = json.loads(line)
                if entry.get("event") == event:
                    clients.append(entry.get("client"))
    return clients


def main():
    if not os.path.exists(NGINX):
        print("nginx is not installed (tools/lib/setup.sh installs it)")
        return 1
    h.ensure_built()
    directory = h.temp_dir("nginx-test")
    nginx = verifier = None
    try:
        codes, store_key = h.make_codes(directory, 6000)
        verifier = h.Verifier(directory, "sqlite:" + os.path.join(directory, "ledger.db"),
                              extra=["--trusted-proxies", "127.0.0.1",
                                     "--failed-per-client-per-minute", "5"]).start()
        nginx, port = start_nginx(os.path.join(directory, "nginx"), verifier.port)

        # The real client, through the proxy.
        body = json.dumps({"code": codes.pop()})
        status, _ = request(port, "127.0.0.9", "POST", "/v1/redemptions", body,
                            {"Content-Type": "application/json"})
        check(status == 200, "a redemption through nginx answers 200")
        time.sleep(0.2)
        check(log_clients(verifier.log_path, "redeem")[-1:] == ["127.0.0.9"],
              "the verifier logs the customer's address (127.0.0.9), not nginx's")
        # A forged X-Forwarded-For names only the sender.
        request(port, "127.0.0.10", "POST", "/v1/redemptions", json.dumps({"code": codes.pop()}),
                {"Content-Type": "application/json", "X-Forwarded-For": "203.0.113.77"})
        time.sleep(0.2)
        check(log_clients(verifier.log_path, "redeem")[-1:] == ["127.0.0.10"],
              "a client sending X-Forwarded-For: 203.0.113.77 is still 127.0.0.10")

        # Per-client limits behind one proxy.
        answers = [request(port, "127.0.0.11", "POST", "/v1/redemptions", "{nope",
                           {"Content-Type": "application/json"})[0] for _ in range(7)]
        check(answers[:5] == [400] * 5 and answers[-1] == 429,
              f"one client's malformed requests get it 429 after 5 (saw {answers})")
        spoofed = request(port, "127.0.0.11", "POST", "/v1/redemptions", "{nope",
                          {"Content-Type": "application/json", "X-Forwarded-For": "198.51.100.1"})[0]
        check(spoofed == 429, f"naming another address in X-Forwarded-For does not escape it (saw {spoofed})")
        other = request(port, "127.0.0.12", "POST", "/v1/redemptions", "{nope",
                        {"Content-Type": "application/json"})[0]
        check(other == 400, f"another client behind the same proxy keeps its own budget (saw {other})")
        status, data = request(port, "127.0.0.12", "POST", "/v1/redemptions", "x" * 8000,
                               {"Content-Type": "application/json"})
        check(status == 413 and b"body_too_large" in data,
              f"a body over max-body-bytes gets the verifier's JSON 413 through nginx (saw {status})")
        status, _ = request(port, "127.0.0.12", "POST", "/v1/redemptions", b"\x1f\x8b" + b"\0" * 100,
                            {"Content-Type": "application/json", "Content-Encoding": "gzip"})
        check(status == 415, f"a gzip body is refused with 415 through nginx (saw {status})")

        # The attacks, through nginx, while a customer, a store and /healthz are watched.
        with open(os.path.join(directory, "codes.txt"), "w") as f:
            f.write("\n".join(codes) + "\n")
        attack = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "attack"), "--seconds", "4", "--no-timing",
                                 "--target", f"http://127.0.0.1:{port}", "--codes-dir", directory],
                                capture_output=True, text=True, timeout=180)
        print(attack.stdout[-3000:])
        check(attack.returncode == 0, "tools/attack through nginx: the customer, the store and /healthz "
                                      "were answered throughout (latency is not judged here)")
        check(verifier.process.poll() is None, "the verifier is still running")
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait(timeout=10)
        if verifier:
            verifier.stop()
        shutil.rmtree(directory, ignore_errors=True)
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
