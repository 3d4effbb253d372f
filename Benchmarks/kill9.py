#!/usr/bin/env python3
"""20 x `kill -9` of `crisisplan serve` under load: are any answered requests left unrecorded?

    swift build --product crisisplan && Benchmarks/kill9.py [RUNS] [--audit URL]

Each run starts the server in one folder (the same audit store every run), has 8 clients send
answers as fast as they can, each with its own X-Request-Id, kills the server with SIGKILL
after a random 0.3-1.5 s, and notes which ids got a 200. Then `audit verify` must pass and
`audit list --json` must hold every one of those ids. Prints one JSON line.
"""
import http.client, json, os, random, signal, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("CRISISPLAN", os.path.join(ROOT, ".build/debug/crisisplan"))
args = sys.argv[1:]
audit = None
if "--audit" in args:
    audit = args[args.index("--audit") + 1]
    del args[args.index("--audit"):args.index("--audit") + 2]
RUNS = int(args[0]) if args else 20
BODY = json.dumps({"observations": [{"at": "2026-11-24T10:00:00Z", "signs": ["not sleeping"]}]})

work = tempfile.mkdtemp(prefix="crisisplan-kill9-")
audit = audit or f"sqlite:{work}/audit.sqlite"
password = os.urandom(12).hex()
subprocess.run([BIN, "user", "add", "load", "--name", "Load Test", "--role", "crisis", "--password-stdin",
                "--users", f"{work}/users.yaml"], input=password + "\n", text=True, check=True, capture_output=True)


def start():
    server = subprocess.Popen([BIN, "serve", "--rules", os.path.join(ROOT, "Rules"), "--port", "0", "--no-watch",
                               "--users", "users.yaml", "--audit", audit], cwd=work,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = server.stdout.readline()
    port = int(line.split("http://127.0.0.1:")[1].split()[0])
    return server, port


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


answered, lock = [], threading.Lock()
for run in range(1, RUNS + 1):
    server, port = start()
    status, data = request(port, "POST", "/v1/login", json.dumps({"user": "load", "password": password}),
                           {"Content-Type": "application/json"})
    token = json.loads(data)["token"]
    stop = threading.Event()

    def client(number):
        count = 0
        while not stop.is_set():
            count += 1
            rid = f"r{run}-{number}-{count}"
            try:
                status, _ = request(port, "POST", "/v1/people/sam/respond", BODY, {
                    "Authorization": f"Bearer {token}", "Content-Type": "application/json", "X-Request-Id": rid})
            except Exception:
                continue
            if status == 200:
                with lock:
                    answered.append(rid)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(random.uniform(0.3, 1.5))
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    for thread in threads:
        thread.join()

verify = subprocess.run([BIN, "audit", "verify", "--audit", audit], cwd=work, capture_output=True, text=True)
listed = subprocess.run([BIN, "audit", "list", "--json", "--audit", audit], cwd=work, capture_output=True, text=True)
recorded = {json.loads(line)["request_id"] for line in listed.stdout.splitlines() if line}
missing = [rid for rid in answered if rid not in recorded]
print(json.dumps({"runs": RUNS, "answered": len(answered), "records": len(recorded), "missing": len(missing),
                  "verify_exit": verify.returncode, "verify": verify.stdout.strip().splitlines()[0] if verify.stdout else verify.stderr.strip()}))
sys.exit(0 if not missing and verify.returncode == 0 else 1)
