#!/usr/bin/env python3
"""Past one machine, shown on one: two `crisisplan serve` instances on the same rules folder
behind HAProxy, one PostgreSQL audit store, the audited respond route under load through the
balancer, one instance killed with SIGKILL mid-run.

    Benchmarks/scale_out.py --audit postgresql://USER@127.0.0.1:5432/DB [--seconds 20] [--kill-at 8] [--clients 16]

Each client sends `POST /v1/people/{id}/respond` with its own X-Request-Id as fast as it can.
Prints one JSON line: requests/s before and after the kill, errors (and how many fell in the
five seconds after it), 200s answered, and whether every 200 has its record in PostgreSQL with
every instance's chain verifying (`crisisplan audit verify`). Exit 1 if a 200 has no record or
a chain fails. HAProxy's configuration is written to the work folder and printed to stderr;
docs/deploy.md shows it.
"""
import argparse, http.client, json, os, signal, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("CRISISPLAN", os.path.join(ROOT, ".build/release/crisisplan"))
parser = argparse.ArgumentParser()
parser.add_argument("--audit", required=True)
parser.add_argument("--rules", default=os.path.join(ROOT, "Rules"))
parser.add_argument("--seconds", type=float, default=20)
parser.add_argument("--kill-at", type=float, default=8)
parser.add_argument("--clients", type=int, default=16)
parser.add_argument("--port", type=int, default=18200)
args = parser.parse_args()
BODY = json.dumps({"observations": [{"at": "2026-11-24T10:00:00Z", "signs": ["not sleeping"]}]})

work = tempfile.mkdtemp(prefix="crisisplan-scale-out-")
password = os.urandom(12).hex()
subprocess.run([BIN, "user", "add", "load", "--name", "Load Test", "--role", "crisis", "--password-stdin",
                "--users", f"{work}/users.yaml"], input=password + "\n", text=True, check=True, capture_output=True)


def start(name):
    """An instance in its own working folder (its spill file), sharing users, token key and store."""
    folder = os.path.join(work, name)
    os.makedirs(folder)
    server = subprocess.Popen(
        [BIN, "serve", "--rules", args.rules, "--port", "0", "--no-watch", "--users", f"{work}/users.yaml",
         "--token-key", f"{work}/token.key", "--audit", args.audit],
        cwd=folder, stdout=subprocess.PIPE, stderr=open(os.path.join(folder, "log.txt"), "w"), text=True)
    line = server.stdout.readline()
    if "http://127.0.0.1:" not in line:
        sys.exit(f"{name} did not start: {line}")
    return server, int(line.split("http://127.0.0.1:")[1].split()[0])


first, port_a = start("a")
second, port_b = start("b")
config = f"""global
    maxconn 4096
defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 10s
    option http-keep-alive
    # A request that never reached an instance, or got nothing back, goes to the other one.
    retries 2
    option redispatch
    retry-on conn-failure empty-response
frontend crisisplan
    bind 127.0.0.1:{args.port}
    default_backend instances
backend instances
    balance roundrobin
    # Ready means a library is loaded: /readyz, which needs no sign-in and carries no plan.
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
    server a 127.0.0.1:{port_a} check
    server b 127.0.0.1:{port_b} check
"""
with open(os.path.join(work, "haproxy.cfg"), "w") as out:
    out.write(config)
print(config, file=sys.stderr)
balancer = subprocess.Popen(["haproxy", "-db", "-f", os.path.join(work, "haproxy.cfg")],
                            stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "haproxy.log"), "w"))


def request(connection, method, path, body=None, headers=None):
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, response.read()


for _ in range(100):
    try:
        status, data = request(http.client.HTTPConnection("127.0.0.1", args.port, timeout=5), "POST", "/v1/login",
                               json.dumps({"user": "load", "password": password}), {"Content-Type": "application/json"})
        if status == 200:
            token = json.loads(data)["token"]
            break
    except Exception:
        pass
    time.sleep(0.2)
else:
    sys.exit("no answer through the balancer")

answered, errors, lock = [], [], threading.Lock()
stop = threading.Event()
begin = time.monotonic()


def client(number):
    connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=10)
    count = 0
    while not stop.is_set():
        count += 1
        rid = f"s{number}-{count}"
        try:
            status, _ = request(connection, "POST", "/v1/people/sam/respond", BODY, {
                "Authorization": f"Bearer {token}", "Content-Type": "application/json", "X-Request-Id": rid})
        except Exception:
            status = 0
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=10)
        with lock:
            (answered if status == 200 else errors).append((time.monotonic() - begin, rid))


threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
for thread in threads:
    thread.start()
time.sleep(args.kill_at)
killed_at = time.monotonic() - begin
first.send_signal(signal.SIGKILL)
first.wait()
time.sleep(max(0, args.seconds - args.kill_at))
stop.set()
for thread in threads:
    thread.join()
balancer.terminate()
balancer.wait()
second.send_signal(signal.SIGTERM)
second.wait()

verify = subprocess.run([BIN, "audit", "verify", "--audit", args.audit], cwd=work, capture_output=True, text=True)
listed = subprocess.run([BIN, "audit", "list", "--json", "--audit", args.audit], cwd=work, capture_output=True, text=True)
records = [json.loads(line) for line in listed.stdout.splitlines() if line]
recorded = {record["request_id"] for record in records}
missing = [rid for _, rid in answered if rid not in recorded]
before = [t for t, _ in answered if t < killed_at]
after = [t for t, _ in answered if t >= killed_at]
print(json.dumps({
    "instances": 2, "clients": args.clients, "seconds": args.seconds,
    "requests_per_s_before_kill": round(len(before) / killed_at),
    "requests_per_s_after_kill": round(len(after) / max(args.seconds - killed_at, 1e-9)),
    "answered_200": len(answered), "errors": len(errors),
    "errors_within_5s_of_kill": sum(1 for t, _ in errors if killed_at <= t < killed_at + 5),
    "records_in_postgresql": len(records), "instances_in_store": len({r.get("instance") for r in records}),
    "answered_without_record": len(missing), "verify_exit": verify.returncode,
    "verify": (verify.stdout or verify.stderr).strip().splitlines()[:3],
}))
sys.exit(0 if not missing and verify.returncode == 0 else 1)
