#!/usr/bin/env python3
"""Load and soak tests for `sitegen serve`, on loopback only.

  Benchmarks/serve-load.py load  [--seconds 30] [--connections 100]
  Benchmarks/serve-load.py leak  [--rebuilds 1000]

load: starts `sitegen serve` on the repository's site, runs wrk (Debian package) for the
given time with the given connections over all the site's pages, while a second client
sends malformed and hostile requests; prints wrk's figures, the server's memory before,
after and after a second run (memory flat = no growth between the runs), and checks that
the server is still up and answers every hostile request with 4xx.
leak: starts `sitegen serve` with a fast watcher, edits an article N times, waits for each
rebuild (via /__sitegen/status), and prints the server's memory every 100 rebuilds.
"""
import argparse, os, re, shutil, signal, socket, subprocess, sys, tempfile, threading, time, json

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sitegen_binary():
    subprocess.run(["swift", "build", "-c", "release", "--scratch-path", ".build-release", "--product", "sitegen"],
                   cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(REPO, ".build-release/release/sitegen")


def start_server(site, env=None):
    process = subprocess.Popen([sitegen_binary(), "serve", "--source", site, "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, **(env or {})})
    line = process.stdout.readline()
    port = int(re.search(r":(\d+)/", line).group(1))
    return process, port


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def raw_request(port, payload, timeout=5):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(payload)
        data = b""
        while True:
            try:
                chunk = connection.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            data += chunk
        return data.split(b"\r\n", 1)[0].decode(errors="replace")


def get(port, path):
    return raw_request(port, f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())


HOSTILE = [
    b"GET /../../etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /%252e%252e/etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /a%00b HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /a\\..\\b HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET " + b"/a" * 5000 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET / HTTP/1.1\r\n" + b"X-Big: " + b"a" * 70000 + b"\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello",
    b"GET / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n",
    b"\x00\xff\xfe garbage \r\n\r\n",
    b"GET / HTTP/9.9\r\n\r\n",
]


def hostile_client(port, stop, results):
    while not stop.is_set():
        for payload in HOSTILE:
            try:
                status = raw_request(port, payload, timeout=3)
            except OSError as error:
                status = f"error {error}"
            results.append(status)


def load(args):
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, stdout=subprocess.DEVNULL)
    process, port = start_server(REPO)
    try:
        pages = ["/", "/articles/", "/skills/", "/salaries/", "/search/", "/search-index.json", "/feed.xml",
                 "/articles/what-backend-developers-do/", "/articles/apis-rest-graphql-soap/", "/skills/python/",
                 "/pages/about/", "/no/such/page/"]
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write("paths = {" + ",".join(f'"{p}"' for p in pages) + "}\ni = 0\n"
                     "request = function()\n  i = i + 1\n  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n")
        script.close()
        before = rss_kb(process.pid)
        for run in (1, 2):
            stop, hostile = threading.Event(), []
            client = threading.Thread(target=hostile_client, args=(port, stop, hostile))
            client.start()
            result = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency",
                                     "-s", script.name, f"http://127.0.0.1:{port}/"], capture_output=True, text=True)
            stop.set()
            client.join()
            print(f"--- wrk run {run}: {args.seconds} s, {args.connections} connections, 2 threads")
            print(result.stdout.strip())
            statuses = {}
            for status in hostile:
                code = status.split(" ")[1] if status.startswith("HTTP/1.1 ") else status
                statuses[code] = statuses.get(code, 0) + 1
            print(f"hostile requests during the run: {len(hostile)}, answers: {dict(sorted(statuses.items()))}")
            print(f"server memory after run {run}: {rss_kb(process.pid) / 1024:.1f} MB (before any load: {before / 1024:.1f} MB)")
            bad = [s for s in statuses if not (s.startswith("4") or s.startswith("5"))]
            if bad:
                print(f"FAIL: hostile requests answered with {bad}")
                return 1
            if "Socket errors" in result.stdout or "Non-2xx" in result.stdout and "404" not in " ".join(pages):
                print("note: wrk reported socket errors or non-2xx answers (the 404 page is one of the paths)")
        alive = get(port, "/")
        print(f"still serving after the load: {alive}")
        return 0 if alive.startswith("HTTP/1.1 200") else 1
    finally:
        process.send_signal(signal.SIGINT)
        print(f"stopped on SIGINT with exit status {process.wait(timeout=10)}")


def leak(args):
    work = tempfile.mkdtemp(prefix="sitegen-leak-")
    site = os.path.join(work, "site")
    os.makedirs(site)
    for folder in ("content", "templates"):
        shutil.copytree(os.path.join(REPO, folder), os.path.join(site, folder))
    article = os.path.join(site, "content/articles/backend-salaries.md")
    original = open(article).read()
    process, port = start_server(site, {"SITEGEN_POLL_MS": "5"})
    try:
        def version():
            body = raw_request(port, b"GET /__sitegen/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            return body
        def status():
            with socket.create_connection(("127.0.0.1", port)) as connection:
                connection.sendall(b"GET /__sitegen/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                data = b""
                while chunk := connection.recv(65536):
                    data += chunk
            return json.loads(data.split(b"\r\n\r\n", 1)[1])
        start = time.time()
        samples = []
        for index in range(1, args.rebuilds + 1):
            last = status()["version"]
            with open(article, "w") as handle:
                handle.write(original + f"\nEdit number {index}.\n")
            deadline = time.time() + 10
            while status()["version"] == last:
                if time.time() > deadline:
                    print(f"FAIL: rebuild {index} did not happen")
                    return 1
                time.sleep(0.002)
            if index == 1 or index % 100 == 0:
                samples.append((index, rss_kb(process.pid)))
                print(f"after {index:5d} rebuilds: server memory {samples[-1][1] / 1024:.1f} MB")
        elapsed = time.time() - start
        growth = (samples[-1][1] - samples[1][1]) / 1024 if len(samples) > 2 else 0
        print(f"{args.rebuilds} rebuilds in {elapsed:.0f} s; memory growth from rebuild 100 to {args.rebuilds}: {growth:.1f} MB")
        return 0
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["load", "leak"])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--rebuilds", type=int, default=1000)
    arguments = parser.parse_args()
    sys.exit(load(arguments) if arguments.mode == "load" else leak(arguments))
