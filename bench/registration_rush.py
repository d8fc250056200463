"""The registration rush: 150 people register for a 100-seat meeting at the same moment, through the production server.

    uv run python bench/registration_rush.py [--database razem_bench_rush] [--port 8766] [--workers N]
                                             [--people 150] [--seats 100] [--clients 150]

What it does:

1. drops and creates the scratch database (``razem_bench_rush`` by default), migrates it, loads the reference
   data and collects the static files, as an operator would;
2. with the ORM (the same production settings and SECRET_KEY as the server): creates a published public meeting
   with ``--seats`` seats, registration open and a waiting list, plus a warm-up meeting; ``--people`` people,
   each with a signed-in session made directly in the session table (``SessionStore`` with the auth keys) and a
   CSRF secret sent both as the ``csrftoken`` cookie and as the ``csrfmiddlewaretoken`` field;
3. starts the production server, ``razem serve`` (gunicorn, RAZEM_ENV=production, plain HTTP on loopback:
   ``SECURE_SSL_REDIRECT=0``, ``RAZEM_BEHIND_PROXY=0``; the Secure cookie flag only matters to browsers, the
   client sends the cookies itself, and the Origin header matches CSRF_TRUSTED_ORIGINS);
4. warms every worker up with registrations for the warm-up meeting, then fires the rush: ``--clients`` threads
   released together by a barrier, each POSTing ``/kalendarz/<pk>/zapis/`` for its own person on a new
   connection (``--clients`` = ``--people`` sends all of them at once);
5. prints requests per second, p50 / p95 / max latency, the errors, and the counts in the database: exactly
   ``--seats`` confirmed and the rest on the waiting list, one registration each. It exits with status 1 when
   the counts are wrong or a request failed, and says whether the bar is met (issue 13: p95 <= 500 ms when all
   arrive at once, p95 <= 60 ms when they come at most 10 at a time);
6. prints the CPU each registration cost in the gunicorn workers, in the PostgreSQL backends of the bench database
   and in this client, and how many cores other processes used meanwhile (a shared machine makes latency worse
   without changing the CPU per request).

A request succeeds when it answers 302 to the person's registration page (``/konto/zapisy/<code>/``).
"""

import argparse
import http.client
import os
import sys
import time
from urllib.parse import urlencode

from common import (
    WORK_DIR,
    concurrent_requests,
    database_url,
    production_env,
    recreate_database,
    run_razem,
)
from directory_latency import CpuMeter, Server

DEFAULT_DATABASE = "razem_bench_rush"
BAR_AT_ONCE_P95_MS = 500  # everyone in the same instant
BAR_FEW_P95_MS = 60  # at most 10 at a time
FEW = 10


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def prepare(*, people: int, seats: int, warmups: int) -> dict:
    """The meetings, the people and their sessions; returns what the clients need."""
    import datetime

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string
    from django.utils import timezone

    from razem.accounts.models import User
    from razem.events.models import Meeting

    now = timezone.now()

    def meeting(title: str, capacity: int | None) -> Meeting:
        starts = now + datetime.timedelta(days=14)
        return Meeting.objects.create(
            title=title, kind=Meeting.Kind.TRAINING, address="ul. Reymonta 20, 30-059 Kraków",
            starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), status=Meeting.Status.PUBLISHED,
            published_at=now, registration_enabled=True, registration_opens_at=now - datetime.timedelta(hours=1),
            capacity=capacity, waiting_list_enabled=True,
        )  # fmt: skip

    rush = meeting("Szkolenie: rozliczenie dotacji (zapisy – test obciążenia)", seats)
    warmup = meeting("Rozgrzewka serwera", None)
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(email=f"osoba{i:04d}@bench.example.org", full_name=f"Osoba Testowa {i}", password=unusable)
            for i in range(people + warmups)
        ]
    )
    backend = "allauth.account.auth_backends.AuthenticationBackend"
    clients = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        clients.append({"session": session.session_key, "csrf": _get_new_csrf_string()})
    return {"rush": rush.pk, "warmup": warmup.pk, "clients": clients[:people], "warmups": clients[people:]}


def post(port: int, path: str, client: dict, timeout: float = 120) -> tuple[int, str]:
    body = urlencode({"csrfmiddlewaretoken": client["csrf"]})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"sessionid={client['session']}; csrftoken={client['csrf']}",
        "Origin": f"http://127.0.0.1:{port}",
        "Accept-Language": "pl",
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def ok(status: int, location: str) -> bool:
    return status == 302 and "/konto/zapisy/" in location


def rush(port: int, path: str, clients: list[dict], concurrency: int) -> dict:
    """``concurrency`` threads released together; each sends its people's POSTs one after another."""

    def send(client: dict) -> tuple[bool, str]:
        status, location = post(port, path, client)
        return ok(status, location), f"{status} {location}"

    return concurrent_requests(send, clients, concurrency)


def final_counts(name: str, meeting: int) -> dict[str, int]:
    import psycopg

    with psycopg.connect(database_url(name)) as connection:
        rows = connection.execute(
            "SELECT status, count(*), count(DISTINCT person_id) FROM events_registration WHERE meeting_id = %s "
            "GROUP BY status",
            [meeting],
        ).fetchall()
    counts = {status: n for status, n, _people in rows}
    counts["people"] = sum(p for _s, _n, p in rows)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: razem serve's)")
    parser.add_argument("--people", type=int, default=150)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--clients", type=int, default=None, help="concurrent clients (default: all the people)")
    args = parser.parse_args()
    clients = min(args.clients or args.people, args.people)
    # Warm-up: a few requests for every worker thread razem serve may start (its default: a gthread worker per CPU
    # with 4 threads); the server itself is started with --workers only when given.
    workers = args.workers or 2 * (os.cpu_count() or 1) + 1

    env = production_env(args.database, port=args.port)
    log = WORK_DIR / "rush.log"
    log.write_text("")
    started = time.perf_counter()
    recreate_database(args.database)
    for command in (["migrate", "--noinput"], ["load_reference"], ["createcachetable"],
                    ["collectstatic", "--noinput", "--clear", "-v", "0"]):  # fmt: skip
        run_razem(*command, env=env, log=log)
    setup_django(env)
    data = prepare(people=args.people, seats=args.seats, warmups=3 * workers)
    print(f"Database {args.database} ready in {time.perf_counter() - started:.1f} s: a meeting with {args.seats} "
          f"seats, {args.people} signed-in people. razem serve on 127.0.0.1:{args.port} with "
          f"{args.workers or 'default'} gunicorn workers, {os.cpu_count()} CPUs; {clients} concurrent clients. "
          f"Log: {log}")  # fmt: skip
    print(f"Load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    with Server(env, args.port, args.workers, log) as server:
        warm = rush(args.port, f"/kalendarz/{data['warmup']}/zapis/", data["warmups"], workers)
        if warm["errors"]:
            print(f"Warm-up failed: {warm['failures'][:5]}; see {log}")
            return 1
        meter = CpuMeter(server, args.database)
        before = meter.snapshot()
        result = rush(args.port, f"/kalendarz/{data['rush']}/zapis/", data["clients"], clients)
        result.update(meter.per_request(before, meter.snapshot(), result["requests"], result["seconds"]))
    counts = final_counts(args.database, data["rush"])
    print(f"Load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    print("\nrequests  errors  seconds   req/s  p50 ms  p95 ms  max ms")
    r = result
    print(f"{r['requests']:>8} {r['errors']:>7} {r['seconds']:>8.2f} {r['rps']:>7.1f} {r['p50']:>7.1f} "
          f"{r['p95']:>7.1f} {r['max']:>7.1f}")  # fmt: skip
    for failure in sorted(set(r["failures"]))[:10]:
        print(f"  failed: {failure}")
    print("\nCPU per request (ms)  web workers  PostgreSQL  client   other processes meanwhile (cores busy)")
    print(f"{'registration':18} {r['web_ms']:>13.1f} {r['db_ms']:>11.1f} {r['client_ms']:>7.1f}   "
          f"{r['other_cores']:.2f}")  # fmt: skip
    confirmed, waiting = counts.get("confirmed", 0), counts.get("waiting", 0)
    expected_waiting = args.people - args.seats
    cancelled = counts.get("cancelled", 0)
    print(f"\nIn the database: {confirmed} confirmed, {waiting} on the waiting list, {cancelled} cancelled, "
          f"{counts['people']} people (expected {args.seats}, {expected_waiting}, 0, {args.people})")  # fmt: skip
    counts_right = confirmed == args.seats and waiting == expected_waiting and counts["people"] == args.people
    print(f"Counts: {'right' if counts_right else 'WRONG'}")
    bar = BAR_FEW_P95_MS if clients <= FEW else BAR_AT_ONCE_P95_MS
    print(f"Bar ({clients} at a time): p95 <= {bar} ms: {'yes' if r['p95'] <= bar else 'NO'} ({r['p95']:.1f} ms)")
    return 0 if counts_right and not r["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
