"""Where the CPU of a registration and of a ballot cast goes: both POSTs run in this process under cProfile.

    uv run python bench/profile_writes.py [--database razem_bench_profile] [--requests 150] [--top 45]
                                          [--only registration|cast] [--sort cumulative|tottime] [--keep]

What it does:

1. drops and creates the scratch database, migrates it, loads the reference data and collects the static files, as
   an operator would;
2. with the ORM under the production settings (``RAZEM_ENV=production``, the environment of ``bench/common.py``)
   builds what ``bench/registration_rush.py`` and ``bench/election_burst.py`` build: a meeting with seats for two
   thirds of the people (so that both a confirmed seat and a place on the waiting list are measured), people with
   signed-in sessions in the session table, and an election in its voting phase with its frozen electorate;
3. sends the same POSTs the benches send (session and CSRF cookies, the CSRF field, the ``Origin`` header) straight
   to Django's WSGI handler (what gunicorn's worker calls), one after another, after a few to warm up; each
   response is read and closed, so ``request_finished`` runs as it does in the server;
4. prints, for each path, the CPU time of this process per request (p50 / mean / p95, with and without the
   profiler), the queries per request with their SQL for one request, and the cProfile table of the measured
   requests (CPU time: the profiler's clock is ``time.process_time``, so waiting for PostgreSQL is not counted),
   and a table of layers: the middleware,
   the view, the service, the audit entry, the e-mail and task enqueueing, template rendering, the permission
   checks and the database.

The figures are CPU of the web process only (PostgreSQL's own work is not in them); a busy machine inflates
them less than it inflates latency.
"""

import argparse
import cProfile
import io
import os
import pstats
import signal
import statistics
import sys
import time
from urllib.parse import urlencode

from common import (
    WORK_DIR,
    admin_connection,
    check_name,
    database_exists,
    drop_database,
    percentile,
    production_env,
    recreate_database,
    run_razem,
)

DEFAULT_DATABASE = "razem_bench_profile"
PORT = 8000  # only in the Host and Origin headers: nothing listens

# (label, a function's file fragment and name as pstats names them) for the layer table; cumulative time.
LAYERS = [
    ("whole request (WSGIHandler.__call__)", "django/core/handlers/wsgi.py", "__call__"),
    ("session load (SessionStore.load)", "sessions/backends/db.py", "load"),
    ("user load (auth get_user)", "django/contrib/auth/__init__.py", "get_user"),
    ("CSRF check (process_view)", "django/middleware/csrf.py", "process_view"),
    ("registration view", "razem/events/views/public.py", "register"),
    ("registration service", "razem/events/services/registrations.py", "register"),
    ("vote view", "razem/elections/views/public.py", "vote"),
    ("ballot cast service", "razem/elections/services/voting.py", "ballot_cast"),
    ("permission checks (rules has_perm)", "rules/permissions.py", "has_perm"),
    ("permission refusals (why_not)", "razem/core/permissions.py", "why_not"),
    ("audit entry (audit.record)", "razem/core/audit.py", "record"),
    ("e-mail queued (queue_email)", "razem/core/notifications.py", "queue_email"),
    ("task enqueue (Task.enqueue)", "django/tasks/base.py", "enqueue"),
    ("template rendering (render_to_string)", "django/template/loader.py", "render_to_string"),
    ("messages stored (messages.add_message)", "django/contrib/messages/api.py", "add_message"),
    ("session save (SessionStore.save)", "sessions/backends/db.py", "save"),
    ("SQL executed (CursorWrapper.execute)", "django/db/backends/utils.py", "execute"),
    ("SQL compiled (SQLCompiler.as_sql)", "django/db/models/sql/compiler.py", "as_sql"),
    ("connection opened (connect)", "django/db/backends/base/base.py", "connect"),
    ("transaction commit (Atomic.__exit__)", "django/db/transaction.py", "__exit__"),
]


def copy_database(source: str, target: str) -> None:
    """``target`` dropped and made again as a copy of ``source`` (which nobody may be connected to)."""
    with admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{check_name(target)}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{target}" TEMPLATE "{check_name(source)}"')


def setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


class Sampler:
    """A statistical profile of CPU time: every ``interval`` seconds of this process's CPU (``ITIMER_PROF``) the
    stack of the running code is kept. Unlike cProfile it does not slow small calls more than big ones, so the share
    of each layer is the share of the CPU it really takes."""

    def __init__(self, interval: float = 0.0005) -> None:
        self.interval = interval
        self.stacks: list[tuple] = []

    def _sample(self, signum, frame) -> None:  # type: ignore[no-untyped-def]
        codes = []
        while frame is not None:
            codes.append(frame.f_code)
            frame = frame.f_back
        self.stacks.append(tuple(codes))

    def __enter__(self) -> "Sampler":
        signal.signal(signal.SIGPROF, self._sample)
        signal.setitimer(signal.ITIMER_PROF, self.interval, self.interval)
        return self

    def __exit__(self, *exc: object) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)

    def share(self, fragment: str, function: str) -> float:
        """The share of the samples in which the function is running or below on the stack."""
        hits = sum(
            1 for stack in self.stacks if any(c.co_name == function and fragment in c.co_filename for c in stack)
        )
        return hits / max(1, len(self.stacks))

    def top(self, count: int, *, within: str = "/razem/") -> list[tuple[float, str]]:
        """The functions (of ``within``) with the largest inclusive share."""
        inclusive: dict[str, int] = {}
        for stack in self.stacks:
            for name in {f"{c.co_filename.split('site-packages/')[-1].split('/src/')[-1]}:{c.co_firstlineno}"
                         f"({c.co_name})" for c in stack if within in c.co_filename}:  # fmt: skip
                inclusive[name] = inclusive.get(name, 0) + 1
        total = max(1, len(self.stacks))
        return sorted(((n / total, name) for name, n in inclusive.items()), reverse=True)[:count]


class Queries:
    """Counts (and keeps the SQL of) the queries run while it is installed, through an execute wrapper."""

    def __init__(self) -> None:
        self.sql: list[str] = []

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.sql.append(sql)
        return execute(sql, params, many, context)


def wsgi_post(handler, path: str, fields: list[tuple[str, object]], client: dict) -> tuple[int, dict, bytes]:  # type: ignore[no-untyped-def]
    """One POST through the WSGI handler as gunicorn sends it; returns the status, headers and body."""
    body = urlencode(fields).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": str(PORT),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ORIGIN": f"http://127.0.0.1:{PORT}",
        "HTTP_COOKIE": f"sessionid={client['session']}; csrftoken={client['csrf']}",
        "HTTP_ACCEPT_LANGUAGE": "pl",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    answer: dict = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> None:
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

    result = handler(environ, start_response)
    try:
        content = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close:
            close()  # request_finished: what the server does after each answer
    return answer["status"], answer["headers"], content


def measure(name: str, send, clients: list[dict], *, warmup: int, top: int, sort: str) -> dict:  # type: ignore[no-untyped-def]
    """Send ``warmup`` requests, then the rest once plain (CPU per request) ... see the module's docstring."""
    from django.db import connection

    for client in clients[:warmup]:
        send(client)
    rest = clients[warmup:]
    half = len(rest) // 2
    plain, profiled = rest[:half], rest[half:]

    cpu: list[float] = []
    counts: list[int] = []
    example: list[str] = []
    # The sampler runs through the whole loop: the kernel's profiling timer ticks coarsely (a few ms), so a timer
    # started anew for each request of a few ms would hardly ever fire.
    with Sampler() as sampler:
        for client in plain:
            queries = Queries()
            started = time.process_time()
            with connection.execute_wrapper(queries):
                send(client)
            cpu.append((time.process_time() - started) * 1000)
            counts.append(len(queries.sql))
            example = example or queries.sql
    profiler = cProfile.Profile(time.process_time)  # CPU, not the wait for PostgreSQL
    profiled_cpu: list[float] = []
    for client in profiled:
        started = time.process_time()
        profiler.enable()
        send(client)
        profiler.disable()
        profiled_cpu.append((time.process_time() - started) * 1000)
    cpu.sort()
    print(f"\n=== {name}: {len(plain)} requests measured plain, {len(profiled)} under cProfile, after {warmup} ===")
    print(f"CPU per request (ms, this process): p50 {percentile(cpu, 50):.1f}, mean {statistics.mean(cpu):.1f}, "
          f"p95 {percentile(cpu, 95):.1f}; under cProfile mean {statistics.mean(profiled_cpu):.1f}")  # fmt: skip
    print(f"Queries per request: {sorted(set(counts))}; the {len(example)} of the first:")
    for sql in example:
        print(f"  {sql[:150]}")

    mean = statistics.mean(cpu)
    print(f"\nLayers, sampled ({len(sampler.stacks)} samples of the CPU without cProfile; ms per request, they "
          f"overlap):")  # fmt: skip
    for label, fragment, function in LAYERS:
        share = sampler.share(fragment, function)
        if share:
            print(f"  {label:45} {share * mean:7.2f} ms  ({share:6.1%})")
    print("\nRazem's functions by inclusive CPU (sampled, ms per request):")
    for share, function in sampler.top(30):
        print(f"  {share * mean:7.2f} ms  {share:6.1%}  {function}")
    print("\nDjango's and other libraries' functions by inclusive CPU (sampled, ms per request):")
    for share, function in sampler.top(40, within="site-packages"):
        print(f"  {share * mean:7.2f} ms  {share:6.1%}  {function}")
    dump = WORK_DIR / f"profile_{name.split()[0]}.pstats"
    profiler.dump_stats(dump)
    print(f"cProfile data: {dump} (python -m pstats)")
    stats = pstats.Stats(profiler)
    total = sum(t for (_c, _n, t, _ct, _callers) in stats.stats.values())  # type: ignore[attr-defined]
    per = len(profiled)
    print(f"\nLayers (cumulative ms per request under cProfile; they overlap, total {total * 1000 / per:.1f} ms):")
    entries = stats.stats  # type: ignore[attr-defined]
    for label, fragment, function in LAYERS:
        cumulative = sum(ct for (file, _line, fn), (_c, _n, _t, ct, _callers) in entries.items()
                         if fn == function and fragment in file)  # fmt: skip
        calls = sum(n for (file, _line, fn), (_c, n, _t, _ct, _callers) in entries.items()
                    if fn == function and fragment in file)  # fmt: skip
        if calls:
            print(f"  {label:45} {cumulative * 1000 / per:7.2f} ms  ({calls / per:.1f} calls)")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(sort).print_stats(top)
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))
    return {"cpu_p50": percentile(cpu, 50), "queries": counts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--requests", type=int, default=150, help="requests per path, warm-up included")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--only", choices=["registration", "cast"], default=None)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (default: drop it)")
    parser.add_argument("--template", default=None, help="a razem_bench... database kept migrated between runs: "
                        "made on the first run, copied (CREATE DATABASE ... TEMPLATE) on the next ones")  # fmt: skip
    args = parser.parse_args()

    env = production_env(args.database, port=PORT)
    log = WORK_DIR / "profile_writes.log"
    log.write_text("")
    if args.template and database_exists(check_name(args.template)) and (WORK_DIR / "static").exists():
        copy_database(args.template, args.database)
    else:
        recreate_database(args.database)
        for command in (["migrate", "--noinput"], ["load_reference"], ["createcachetable"],
                        ["collectstatic", "--noinput", "--clear", "-v", "0"]):  # fmt: skip
            run_razem(*command, env=env, log=log)
        if args.template:
            copy_database(args.database, args.template)
    setup(env)
    import election_burst
    import registration_rush
    from django.core.wsgi import get_wsgi_application

    handler = get_wsgi_application()
    n = args.requests
    print(f"Load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    try:
        if args.only in (None, "registration"):
            rush = registration_rush.prepare(people=n, seats=n * 2 // 3, warmups=0)
            path = f"/kalendarz/{rush['rush']}/zapis/"

            def register(client: dict) -> None:
                status, headers, _body = wsgi_post(handler, path, [("csrfmiddlewaretoken", client["csrf"])], client)
                if not registration_rush.ok(status, headers.get("Location", "")):
                    raise SystemExit(f"registration answered {status} {headers.get('Location')}")

            measure("registration POST", register, rush["clients"], warmup=args.warmup, top=args.top, sort=args.sort)
        if args.only in (None, "cast"):
            election = election_burst.prepare(organizations=n, warmups=election_burst.CANDIDATES)
            path = f"/wybory/{election['main'].slug}/glosuj/"

            def cast(client: dict) -> None:
                fields = [("csrfmiddlewaretoken", client["csrf"]), ("organization", client["organization"]),
                          ("step", "cast"), *(("choices", pk) for pk in client["choices"])]  # fmt: skip
                status, _headers, body = wsgi_post(handler, path, fields, client)
                if not election_burst.ok(status, body):
                    raise SystemExit(f"cast answered {status} {body[:300]!r}")

            measure("ballot cast POST", cast, election["clients"], warmup=args.warmup, top=args.top, sort=args.sort)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(args.database)
    return 0


if __name__ == "__main__":
    sys.exit(main())
