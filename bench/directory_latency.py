"""Latency of the organization directory under the production server, next to a static file of the same size.

    uv run python bench/directory_latency.py [--database razem_bench] [--port 8765] [--workers N]
                                             [--clients 8] [--seconds 30] [--requests 4000]

Run bench/load_organizations.py first: it leaves 100,000 organizations in the database ``razem_bench``.

What it does:

1. ``razem collectstatic`` into a scratch STATIC_ROOT, then starts the production server, ``razem serve``
   (gunicorn; RAZEM_ENV=production, loopback only), and asks it for the search URLs below to learn the size of a
   directory page;
2. writes a static file of that size into STATIC_ROOT (served by WhiteNoise, like Bootstrap's CSS) and restarts
   the server, which indexes static files when it starts;
3. warms up, then sends the directory searches with ``--clients`` concurrent clients (threads, one request at a
   time each, a new connection per request, as a browser without keep-alive) until ``--seconds`` have passed or
   ``--requests`` have been sent, whichever comes first; then the same for the static file;
4. prints p50, p95, p99 latency (ms), requests per second, the response size and the HTTP errors of each,
   and stops the server.

The searches are ``/organizacje/?q=<name fragment>&dzielnica=<district pk>&obszar=<area pk>``, rotating over
fragments (with and without Polish letters) and every district and common area; the same list in the same order
for every run (fixed seed). The bar (issue 3): p95 <= 150 ms at 100,000 organizations.
"""

import argparse
import http.client
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from common import (
    DEFAULT_DATABASE,
    WORK_DIR,
    database_exists,
    database_url,
    percentile,
    production_env,
    razem_command,
    run_razem,
)

FRAGMENTS = ["fundacja", "stowarzyszenie", "przyjaciół", "przyjaciol", "rozwoju", "sport", "klub", "senior",
             "kultur", "pomocy", "miłośników", "huta", "sąsiedzi", "edukacji", "ochrony"]  # fmt: skip
AREA_CODES = ["1", "3", "4", "6", "7", "13", "14", "15", "16", "17", "18", "19", "22", "27", "31"]


def search_urls(name: str, count: int = 120, seed: int = 3) -> list[str]:
    with psycopg.connect(database_url(name)) as connection:
        districts = [r[0] for r in connection.execute("SELECT id FROM core_district ORDER BY number")]
        areas = [
            r[0]
            for r in connection.execute(
                "SELECT id FROM core_publicbenefitarea WHERE valid_to IS NULL AND code = ANY(%s)", [AREA_CODES]
            )
        ]
        organizations = connection.execute("SELECT count(*) FROM organizations_organization").fetchone()[0]
    if not organizations:
        raise SystemExit(f"Database {name} has no organizations: run bench/load_organizations.py first.")
    rng = random.Random(seed)  # noqa: S311 - a fixed, reproducible mix of searches
    return [
        "/organizacje/?"
        + urlencode({"q": rng.choice(FRAGMENTS), "dzielnica": rng.choice(districts), "obszar": rng.choice(areas)})
        for _ in range(count)
    ]


def get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Language": "pl"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process, from /proc (0 when it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14 and 15 of stat)


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def machine_busy_seconds() -> float:
    """CPU seconds all processes of the machine have used (user, nice, system, irq, softirq, steal)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(values) - values[3] - values[4]) / TICK  # minus idle and iowait


class CpuMeter:
    """CPU used by the web workers, the PostgreSQL backends of the bench database, this client, and the rest."""

    def __init__(self, server: "Server", database: str) -> None:
        self.server, self.database = server, database

    def snapshot(self) -> dict[str, float]:
        assert self.server.process is not None
        workers = children(self.server.process.pid)
        with psycopg.connect(database_url(self.database)) as connection:
            backends = [
                r[0]
                for r in connection.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [self.database]
                )
            ]
        times = os.times()
        return {
            "web": sum(cpu_seconds(p) for p in [self.server.process.pid, *workers]),
            "db": sum(cpu_seconds(p) for p in backends),
            "client": times.user + times.system,
            "machine": machine_busy_seconds(),
        }

    @staticmethod
    def per_request(before: dict[str, float], after: dict[str, float], requests: int, seconds: float) -> dict:
        used = {k: after[k] - before[k] for k in before}
        other = used["machine"] - used["web"] - used["db"] - used["client"]
        return {
            "web_ms": used["web"] * 1000 / requests,
            "db_ms": used["db"] * 1000 / requests,
            "client_ms": used["client"] * 1000 / requests,
            "other_cores": max(other, 0) / seconds,
        }


class Server:
    """``razem serve`` on loopback, started and stopped by this script (SIGTERM to its own gunicorn master)."""

    def __init__(self, env: dict[str, str], port: int, workers: int | None, log: Path) -> None:
        self.env, self.port, self.workers, self.log = env, port, workers, log
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        args = [*razem_command(), "serve", "--bind", f"127.0.0.1:{self.port}"]
        if self.workers:
            args += ["--workers", str(self.workers)]
        out = self.log.open("a")
        self.process = subprocess.Popen(args, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        try:
            return self._wait_until_up()
        except BaseException:
            self.__exit__()  # never leave a server behind on the port: the next run would measure it
            raise

    def _wait_until_up(self) -> "Server":
        assert self.process is not None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"razem serve exited with {self.process.returncode}; see {self.log}")
            try:
                status, _body = get(self.port, "/organizacje/", timeout=10)
                if status == 200:
                    return self
                raise SystemExit(f"/organizacje/ answered {status}; see {self.log}")
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"razem serve did not answer within 120 s; see {self.log}")

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # gunicorn's master: graceful stop of its workers
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def load(port: int, paths: list[str], clients: int, seconds: float, limit: int) -> dict:
    """``clients`` threads, each sending one request at a time, until ``seconds`` pass or ``limit`` are sent."""
    latencies: list[float] = []
    sizes: list[int] = []
    errors: list[int] = []
    lock = threading.Lock()
    sent = 0
    deadline = time.perf_counter() + seconds

    def client(offset: int) -> None:
        nonlocal sent
        index = offset
        while time.perf_counter() < deadline:
            with lock:
                if sent >= limit:
                    return
                sent += 1
            path = paths[index % len(paths)]
            index += clients
            started = time.perf_counter()
            try:
                status, body = get(port, path)
            except OSError:
                status, body = 0, b""
            elapsed = time.perf_counter() - started
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                    sizes.append(len(body))
                else:
                    errors.append(status)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies) + len(errors),
        "errors": len(errors),
        "seconds": wall,
        "rps": (len(latencies) + len(errors)) / wall,
        "p50": percentile(latencies, 50) * 1000,
        "p95": percentile(latencies, 95) * 1000,
        "p99": percentile(latencies, 99) * 1000,
        "size": int(statistics.median(sizes)) if sizes else 0,
    }


def static_file(root: Path, size: int) -> str:
    """A static HTML file of exactly ``size`` bytes in STATIC_ROOT; returns its URL path."""
    chunk = "<p>Razem: statyczna strona testowa o rozmiarze katalogu organizacji. Zażółć gęślą jaźń.</p>\n"
    head = "<!doctype html><html lang=pl><meta charset=utf-8><title>bench</title>\n"
    body = (head + chunk * (size // len(chunk.encode()) + 1)).encode()[:size]
    path = root / "bench" / f"directory-size-{size}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    return f"/static/bench/{path.name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: razem serve's)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--requests", type=int, default=4000, help="at most this many requests per target")
    args = parser.parse_args()
    if not database_exists(args.database):
        raise SystemExit(f"No database {args.database}: run bench/load_organizations.py first.")

    env = production_env(args.database, port=args.port)
    # Every search is rendered: people's searches are a long tail the page cache would rarely answer, and this
    # bench's 120 searches repeat (bench/public_pages.py measures the cache).
    env["RAZEM_PAGE_CACHE_SECONDS"] = "0"
    log = WORK_DIR / "serve.log"
    log.write_text("")
    static_root = Path(env["STATIC_ROOT"])
    run_razem("collectstatic", "--noinput", "--clear", "-v", "0", env=env, log=log)
    run_razem("createcachetable", env=env, log=log)
    paths = search_urls(args.database)
    workers = args.workers  # None: razem serve's default (a gthread worker per core, 4 threads each)
    print(f"Database {args.database}, razem serve on 127.0.0.1:{args.port} with {workers or 'default'} workers "
          f"{os.cpu_count()} CPUs; {args.clients} clients, at most {args.seconds:.0f} s or "
          f"{args.requests} requests per target. Log: {log}")  # fmt: skip
    print(f"Load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    with Server(env, args.port, workers, log):
        sizes = []
        for path in paths:
            status, body = get(args.port, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}; see {log}")
            sizes.append(len(body))
    size = int(statistics.median(sizes))
    static_path = static_file(static_root, size)

    results = {}
    with Server(env, args.port, workers, log) as server:
        status, body = get(args.port, static_path)
        if status != 200 or len(body) != size:
            raise SystemExit(f"{static_path} answered {status} with {len(body)} bytes; expected 200 and {size}")
        load(args.port, paths, args.clients, 5, 200)  # warm-up: every worker connects and loads templates
        load(args.port, [static_path], args.clients, 3, 200)
        meter = CpuMeter(server, args.database)
        for name, targets in (("directory search", paths), ("static file", [static_path])):
            before = meter.snapshot()
            result = load(args.port, targets, args.clients, args.seconds, args.requests)
            result.update(meter.per_request(before, meter.snapshot(), result["requests"], result["seconds"]))
            results[name] = result

    print(f"Load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("\ntarget              requests  errors  p50 ms  p95 ms  p99 ms   req/s   bytes")
    for name, r in results.items():
        print(
            f"{name:18} {r['requests']:>9} {r['errors']:>7} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['p99']:>7.1f} "
            f"{r['rps']:>7.1f} {r['size']:>7}"
        )
    print("\nCPU per request (ms)  web workers  PostgreSQL  client   other processes meanwhile (cores busy)")
    for name, r in results.items():
        print(f"{name:18} {r['web_ms']:>13.1f} {r['db_ms']:>11.1f} {r['client_ms']:>7.1f}   {r['other_cores']:.2f}")
    print(f"\nExample search: {paths[0]}\nStatic file: {static_path}")
    p95 = results["directory search"]["p95"]
    print(f"Bar: directory search p95 <= 150 ms: {'yes' if p95 <= 150 else 'NO'} ({p95:.1f} ms)")


if __name__ == "__main__":
    sys.exit(main())
