"""Anonymous public pages under the production server with the page cache, next to a static file of the same size.

    uv run python bench/public_pages.py [--database razem_bench_public] [--port 8767] [--clients 8]
                                        [--seconds 20] [--requests 3000] [--cache-url redis://127.0.0.1:6379/14]
                                        [--no-page-cache] [--keep] [--workers N]

What it does:

1. loads the Kraków demo into a scratch PostgreSQL database (``razem demo --no-serve`` with its DATABASE_URL;
   ``--keep`` reuses one already loaded), then ``razem collectstatic`` into a scratch STATIC_ROOT;
2. starts the production server, ``razem serve`` (gunicorn; RAZEM_ENV=production, loopback only), with the cache
   server of ``--cache-url`` (Redis: RAZEM_CACHE_URL, so the page cache is on; ``--no-page-cache`` sets
   RAZEM_PAGE_CACHE_SECONDS=0 to measure the same pages rendered every time);
3. finds one URL of each public page by following the links of the index pages as an anonymous visitor: the home
   page, the directory and an organization, the calendar, a meeting and the iCalendar feed, the bodies, a body and
   its acts, the recommendations tracker and a recommendation, the elections, an election and its results, the
   calls for offers and a call;
4. writes a static HTML file of the pages' median size into STATIC_ROOT and restarts the server (WhiteNoise indexes
   static files when it starts), warms up (every page once per worker), checks that each page is now answered from
   the cache (``X-Razem-Cache: hit``), then sends the pages in turn with ``--clients`` concurrent clients until
   ``--seconds`` pass or ``--requests`` are sent, then the same for the static file;
5. prints p50 / p95 / p99, requests per second, the CPU per request of the web workers, and the bar (issue 13):
   the pages at >= 25 % of the static file's requests per second, p95 <= 20 ms.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

from common import WORK_DIR, database_exists, database_url, production_env, razem_command, recreate_database
from directory_latency import CpuMeter, Server, get, load, static_file

INDEXES = ["/", "/organizacje/", "/kalendarz/", "/ciala-dialogu/", "/rekomendacje/", "/wybory/", "/konkursy/"]
# One page of each kind: the first link on the index pages that matches.
KINDS = {
    "organization": r"^/organizacje/\d+-[\w-]+/$",
    "meeting": r"^/kalendarz/\d+-[\w-]+/$",
    "calendar feed": r"^/kalendarz/kalendarz\.ics$",
    "body": r"^/ciala-dialogu/(?!moje/)[\w-]+/$",
    "recommendation": r"^/rekomendacje/(?!eksport)[^?#]+/$",
    "election": r"^/wybory/[\w-]+/$",
    "call": r"^/konkursy/(?!liczby/)[\w-]+/$",
}
DERIVED = {"body": ("acts", "dokumenty/"), "election": ("results", "wyniki/")}
HREF = re.compile(r'href="([^"#?]+)"')


def load_demo(name: str, log: Path) -> None:
    recreate_database(name)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("RAZEM_")},
        "RAZEM_ENV": "demo",
        "DATABASE_URL": database_url(name),
        "RAZEM_VAR_DIR": str(WORK_DIR / "demo-var"),
        "MEDIA_ROOT": str(WORK_DIR / "media"),
    }
    with log.open("a") as out:
        subprocess.run([*razem_command(), "demo", "--no-serve"], env=env, check=True, stdout=out, stderr=out)


def find_pages(port: int) -> dict[str, str]:
    pages = {"home": "/", "directory": "/organizacje/", "calendar": "/kalendarz/", "bodies": "/ciala-dialogu/",
             "tracker": "/rekomendacje/", "elections": "/wybory/", "calls": "/konkursy/"}  # fmt: skip
    for index in INDEXES:
        status, body = get(port, index)
        if status != 200:
            raise SystemExit(f"{index} answered {status}")
        for href in HREF.findall(body.decode()):
            for kind, pattern in KINDS.items():
                if kind not in pages and re.match(pattern, href):
                    pages[kind] = href
    for kind, (derived, suffix) in DERIVED.items():
        if kind in pages and get(port, pages[kind] + suffix)[0] == 200:
            pages[derived] = pages[kind] + suffix
    return pages


def cache_state(port: int, path: str) -> str:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.getheader("X-Razem-Cache") or "-"
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="razem_bench_public")
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: razem serve's)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--requests", type=int, default=3000, help="at most this many requests per target")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--no-page-cache", action="store_true", help="render every page (RAZEM_PAGE_CACHE_SECONDS=0)")
    parser.add_argument("--keep", action="store_true", help="reuse the demo database if it exists")
    args = parser.parse_args()

    log = WORK_DIR / "public-pages.log"
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    log.write_text("")
    if not (args.keep and database_exists(args.database)):
        print(f"Loading the demo into {args.database} …", flush=True)
        load_demo(args.database, log)

    env = production_env(args.database, port=args.port)
    env["RAZEM_CACHE_URL"] = args.cache_url
    if args.no_page_cache:
        env["RAZEM_PAGE_CACHE_SECONDS"] = "0"
    env["MEDIA_ROOT"] = str(WORK_DIR / "media")
    subprocess.run([*razem_command(), "collectstatic", "--noinput", "--clear", "-v", "0"], env=env, check=True)
    subprocess.run([*razem_command(), "createcachetable"], env=env, check=True)
    import redis

    redis.Redis.from_url(args.cache_url).flushdb()  # a scratch database of the cache server, like the bench's own

    workers = args.workers  # None: razem serve's default (a gthread worker per core, 4 threads each)
    with Server(env, args.port, workers, log):
        pages = find_pages(args.port)
        sizes = [len(get(args.port, path)[1]) for path in pages.values()]
    size = int(statistics.median(sizes))
    static_path = static_file(Path(env["STATIC_ROOT"]), size)
    cache = "off" if args.no_page_cache else "on"
    print(f"Database {args.database}, razem serve on 127.0.0.1:{args.port} with {workers or 'default'} workers, "
          f"{os.cpu_count()} CPUs; cache {args.cache_url}; page cache {cache}; {args.clients} clients; "
          f"median page {size} bytes. Log: {log}")  # fmt: skip
    print(f"Load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    results = {}
    with Server(env, args.port, workers, log) as server:
        paths = list(pages.values())
        status, body = get(args.port, static_path)
        if status != 200 or len(body) != size:
            raise SystemExit(f"{static_path} answered {status} with {len(body)} bytes; expected 200 and {size}")
        load(args.port, paths * 8, args.clients, 10, len(paths) * 16)  # warm-up: every worker thread sees each page
        load(args.port, [static_path], args.clients, 3, 200)
        print("\npage                 state  bytes  url")
        for kind, path in pages.items():
            status, body = get(args.port, path)
            print(f"{kind:20} {cache_state(args.port, path):5} {len(body):>6}  {path}")
        meter = CpuMeter(server, args.database)
        for name, targets in (("public pages", paths), ("static file", [static_path])):
            before = meter.snapshot()
            result = load(args.port, targets, args.clients, args.seconds, args.requests)
            result.update(meter.per_request(before, meter.snapshot(), result["requests"], result["seconds"]))
            results[name] = result

    print(f"\nLoad average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("\ntarget              requests  errors  p50 ms  p95 ms  p99 ms   req/s   bytes  web CPU ms/req")
    for name, r in results.items():
        print(
            f"{name:18} {r['requests']:>9} {r['errors']:>7} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['p99']:>7.1f} "
            f"{r['rps']:>7.1f} {r['size']:>7} {r['web_ms']:>10.2f}"
        )
    pages_, static = results["public pages"], results["static file"]
    share = pages_["rps"] / static["rps"] * 100
    print(f"\nOther processes used {pages_['other_cores']:.2f} cores meanwhile.")
    print(f"Bar: >= 25 % of the static file's req/s: {'yes' if share >= 25 else 'NO'} ({share:.0f} %); "
          f"p95 <= 20 ms: {'yes' if pages_['p95'] <= 20 else 'NO'} ({pages_['p95']:.1f} ms)")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
