#!/usr/bin/env python3
"""How long the server takes to render a person's page and an answer page, and how big they are.

    swift build -c release --product crisisplan && Benchmarks/pages.py [REQUESTS]

Starts the release server on the shipped library, signs in through the sign-in page as a
crisis worker, asks for Sam's page and an answer page REQUESTS times each (default 2,000), then
reads the server's own render timings (`crisisplan_page_render_seconds`, by template) from
/metrics and prints the p50 and p90 (from histogram buckets: an upper bound) and the sizes in
bytes of each page with the stylesheet. One JSON line per page.
"""
import http.client, json, os, re, subprocess, sys, tempfile, time, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("CRISISPLAN", os.path.join(ROOT, ".build/release/crisisplan"))
COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
PASSWORD = os.urandom(12).hex()

work = tempfile.mkdtemp(prefix="crisisplan-pages-")
for user, role in [("casey", "crisis"), ("ada", "admin")]:
    subprocess.run([BIN, "user", "add", user, "--name", user.title(), "--role", role, "--password-stdin",
                    "--users", "users.yaml"], input=PASSWORD + "\n", text=True, cwd=work, check=True,
                   capture_output=True)
server = subprocess.Popen([BIN, "serve", "--rules", os.path.join(ROOT, "Rules"), "--port", "0", "--no-watch"],
                          cwd=work, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
port = int(re.search(r":(\d+) ", server.stdout.readline()).group(1))
connection = http.client.HTTPConnection("127.0.0.1", port)


def send(method, path, body=None, headers=None):
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response, response.read().decode()


response, page = send("GET", "/login")
nonce = re.search(r"crisisplan_login=([^;]+)", response.getheader("Set-Cookie")).group(1)
form = urllib.parse.urlencode({"csrf": nonce, "next": "/", "user": "casey", "password": PASSWORD})
response, _ = send("POST", "/login", form, {"Cookie": f"crisisplan_login={nonce}",
                                           "Content-Type": "application/x-www-form-urlencoded"})
cookie = "crisisplan_session=" + re.search(r"crisisplan_session=([^;]+)", response.getheader("Set-Cookie")).group(1)
_, css = send("GET", "/static/crisisplan.css")
_, person = send("GET", "/people/sam", headers={"Cookie": cookie})
csrf = re.search(r'name="csrf" value="([^"]+)"', person).group(1)
answer_form = urllib.parse.urlencode({"csrf": csrf, "sign": "sleep-loss", "fact.abuse_or_neglect": "suspected",
                                      "fact.harm_source": "mark"})
round_trip = {}
started = time.perf_counter()
for _ in range(COUNT):
    send("GET", "/people/sam", headers={"Cookie": cookie})
round_trip["person"] = (time.perf_counter() - started) / COUNT * 1000
started = time.perf_counter()
for _ in range(COUNT):
    _, answer = send("POST", "/people/sam/answer", answer_form,
                     {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
round_trip["answer"] = (time.perf_counter() - started) / COUNT * 1000

token = json.loads(send("POST", "/v1/login", json.dumps({"user": "ada", "password": PASSWORD}),
                        {"Content-Type": "application/json"})[1])["token"]
_, metrics = send("GET", "/metrics", headers={"Authorization": f"Bearer {token}"})
server.terminate()
server.wait()


def quantiles(template):
    buckets = [(float(le), int(count)) for le, count in re.findall(
        rf'crisisplan_page_render_seconds_bucket{{page="{template}",le="([^"]+)"}} (\d+)', metrics) if le != "+Inf"]
    total = int(re.search(rf'crisisplan_page_render_seconds_count{{page="{template}"}} (\d+)', metrics).group(1))
    def at(q):
        return next((le * 1000 for le, count in sorted(buckets) if count >= q * total), float("inf"))
    return total, at(0.5), at(0.9)


for template, html in [("person", person), ("answer", answer)]:
    total, p50, p90 = quantiles(template)
    print(json.dumps({"page": template, "renders": total, "round_trip_mean_ms": round(round_trip[template], 3), "p50_ms_at_most": p50, "p90_ms_at_most": p90,
                      "html_bytes": len(html.encode()), "with_css_bytes": len(html.encode()) + len(css.encode())}))
