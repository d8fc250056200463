"""The election burst: 3,000 organizations cast their ballots through the production server, 32 at a time.

    uv run python bench/election_burst.py [--database razem_bench_election] [--port 8767] [--workers N]
                                          [--organizations 3000] [--clients 32] [--keep]

What it does:

1. drops and creates the scratch database (``razem_bench_election`` by default), migrates it, loads the reference
   data and collects the static files, as an operator would;
2. with the ORM (the same production settings and SECRET_KEY as the server): a dialogue body and an election of
   it in its voting phase with 8 accepted candidates (up to 5 marks, 5 seats); ``--organizations`` verified
   organizations seated in Kraków, each with one representative who has a signed-in session (rows written
   straight into the session table) and a CSRF secret; the electorate frozen with ``services.electorate_freeze``
   (exactly those organizations). A second, separate election (its organizations are seated in "Rozgrzewka", so
   outside the first electorate) warms the workers up on the same code path;
3. starts the production server, ``razem serve`` (gunicorn, RAZEM_ENV=production, plain HTTP on loopback);
4. ``--clients`` threads released together by a barrier, each POSTing, for its share of the organizations one
   after another, the final step of ``/wybory/<slug>/glosuj/``: ``organization=<pk>``, ``choices=<candidacy pk>``
   (1 to 5 of them, drawn with a fixed seed), ``step=cast`` and the CSRF token, on a new connection each;
5. prints requests per second, p50 / p95 / max latency, the errors, and what the database holds: exactly one
   ballot and one voted elector per organization, and the CPU each cast cost in the gunicorn workers, in the
   PostgreSQL backends of the bench database and in this client. Exit status 1 when a count is wrong or a request
   failed.

A request succeeds when it answers 200 with the tracker page (``id="tracker"``).
"""

import argparse
import http.client
import os
import random
import sys
import time
from urllib.parse import urlencode

from common import (
    WORK_DIR,
    concurrent_requests,
    database_url,
    drop_database,
    production_env,
    recreate_database,
    run_razem,
)
from directory_latency import CpuMeter, Server

DEFAULT_DATABASE = "razem_bench_election"
BAR_P95_MS = 300
CANDIDATES = 8
MAX_MARKS = 5


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def prepare(*, organizations: int, warmups: int, seed: int = 2026) -> dict:
    """The body, the two elections, the organizations with their representatives and sessions."""
    import datetime

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.middleware.csrf import _get_new_csrf_string
    from django.utils import timezone

    from razem.accounts.models import User
    from razem.bodies.models import Body
    from razem.elections import services
    from razem.elections.models import Candidacy, Election
    from razem.organizations.models import Membership, Organization

    rng = random.Random(seed)
    now = timezone.now()
    day = datetime.timedelta(days=1)
    body = Body.objects.create(
        name="Krakowska Rada Działalności Pożytku Publicznego", short_name="KRDPP", slug="krdpp", kind="council",
        joining="appointed", visibility="public", seats=16,
    )  # fmt: skip
    officer = User.objects.create(email="urzednik@bench.example.org", full_name="Urzędnik", role="officer",
                                  password=make_password(None))  # fmt: skip
    unusable = make_password(None)

    def people(prefix: str, count: int) -> list:
        return User.objects.bulk_create(
            User(email=f"{prefix}{i:05d}@bench.example.org", full_name=f"Osoba {prefix} {i}", password=unusable)
            for i in range(count)
        )

    def organizations_in(city: str, prefix: str, count: int, digit: int) -> list:
        made = []
        for i in range(count):
            o = Organization(name=f"Stowarzyszenie {prefix} {i:05d}", city=city, status="verified",
                             legal_form="stowarzyszenie", register_type="krs", krs=f"{digit}{i:09d}",
                             status_changed_at=now)  # fmt: skip
            o.refresh_derived()
            made.append(o)
        return Organization.objects.bulk_create(made, batch_size=1000)

    def election(title: str, slug: str, city: str, nominators: list, candidates: list) -> Election:
        e = Election.objects.create(
            body=body, title=title, slug=slug, term_name="VII kadencja", seats=MAX_MARKS, max_marks=MAX_MARKS,
            support_needed=0, seat_city=city, status=Election.Status.ANNOUNCED, created_by=officer,
            nominations_open=now - 30 * day, nominations_close=now - 25 * day, support_close=now - 20 * day,
            verification_close=now - 15 * day, voting_open=now - datetime.timedelta(hours=1),
            voting_close=now + day, results_due=(now + 15 * day).date(),
        )  # fmt: skip
        for organization, person in zip(nominators, candidates, strict=True):
            Candidacy.objects.create(
                election=e, organization=organization, person=person, nominated_by=person, statement="Program.",
                consent_at=now, declarations_at=now, status=Candidacy.Status.ACCEPTED, verified_by=officer,
                verified_at=now,
            )  # fmt: skip
        services.electorate_freeze(actor=officer, election=e)
        e.refresh_from_db()
        return e

    voters_orgs = organizations_in("Kraków", "Wyborcze", organizations, 1)
    warm_orgs = organizations_in("Rozgrzewka", "Rozgrzewkowe", warmups, 2)
    voters, warm_people, candidates = people("wyborca", organizations), people("rozgrzewka", warmups), people(
        "kandydat", CANDIDATES)  # fmt: skip
    Membership.objects.bulk_create(
        [Membership(organization=o, user=u, role="representative", status="active")
         for o, u in zip(voters_orgs + warm_orgs, voters + warm_people, strict=True)],
        batch_size=1000,
    )  # fmt: skip
    main = election("Wybory do KRDPP (test obciążenia)", "wybory-bench", "Kraków", voters_orgs[:CANDIDATES], candidates)
    warm = election("Rozgrzewka serwera", "wybory-rozgrzewka", "Rozgrzewka", warm_orgs[:CANDIDATES], candidates)
    assert main.electorate_size == organizations and warm.electorate_size == warmups

    backend = "allauth.account.auth_backends.AuthenticationBackend"
    sessions, clients = [], []
    expires = now + 2 * day
    store = SessionStore()
    for (organization, user), e in [*((p, main) for p in zip(voters_orgs, voters, strict=True)),
                                    *((p, warm) for p in zip(warm_orgs, warm_people, strict=True))]:  # fmt: skip
        key = store._get_new_session_key()
        data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: backend, HASH_SESSION_KEY: user.get_session_auth_hash()}
        sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        clients.append({"session": key, "csrf": _get_new_csrf_string(), "organization": organization.pk,
                        "election": e.pk, "choices": []})  # fmt: skip
    Session.objects.bulk_create(sessions, batch_size=1000)
    ids = {e.pk: list(e.candidacies.values_list("pk", flat=True)) for e in (main, warm)}
    for client in clients:
        client["choices"] = sorted(rng.sample(ids[client["election"]], rng.randint(1, MAX_MARKS)))
    return {"main": main, "warm": warm, "clients": clients[:organizations], "warmups": clients[organizations:]}


def post(port: int, path: str, client: dict, timeout: float = 120) -> tuple[int, bytes]:
    fields = [("csrfmiddlewaretoken", client["csrf"]), ("organization", client["organization"]), ("step", "cast")]
    fields += [("choices", pk) for pk in client["choices"]]
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"sessionid={client['session']}; csrftoken={client['csrf']}",
        "Origin": f"http://127.0.0.1:{port}",
        "Accept-Language": "pl",
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("POST", path, body=urlencode(fields), headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def ok(status: int, body: bytes) -> bool:
    return status == 200 and b'id="tracker"' in body


def burst(port: int, path: str, clients: list[dict], concurrency: int) -> dict:
    """``concurrency`` threads released together; each sends its organizations' ballots one after another."""

    def send(client: dict) -> tuple[bool, str]:
        status, body = post(port, path, client)
        return ok(status, body), f"{status} {body[:120]!r}"

    return concurrent_requests(send, clients, concurrency)


def final_counts(name: str, election: int) -> dict[str, int]:
    import psycopg

    with psycopg.connect(database_url(name)) as connection:
        ballots = connection.execute(
            "SELECT count(*), count(tracker_sha256), count(DISTINCT tracker_sha256) FROM elections_ballot "
            "WHERE election_id = %s",
            [election],
        ).fetchone()
        electors = connection.execute(
            "SELECT count(*), count(voted_at), count(*) FILTER (WHERE channel = 'online') FROM elections_elector "
            "WHERE election_id = %s",
            [election],
        ).fetchone()
    return {"ballots": ballots[0], "trackers": ballots[2], "electors": electors[0], "voted": electors[1],
            "online": electors[2]}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: razem serve's)")
    parser.add_argument("--organizations", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (default: drop it)")
    args = parser.parse_args()
    # Warm-up: a few requests for every worker thread razem serve may start (its default: a gthread worker per CPU
    # with 4 threads); the server itself is started with --workers only when given.
    workers = args.workers or 2 * (os.cpu_count() or 1) + 1

    env = production_env(args.database, port=args.port)
    log = WORK_DIR / "election_burst.log"
    log.write_text("")
    started = time.perf_counter()
    recreate_database(args.database)
    for command in (["migrate", "--noinput"], ["load_reference"], ["createcachetable"],
                    ["collectstatic", "--noinput", "--clear", "-v", "0"]):  # fmt: skip
        run_razem(*command, env=env, log=log)
    setup_django(env)
    data = prepare(organizations=args.organizations, warmups=3 * workers)
    main_election, warm_election = data["main"], data["warm"]
    print(f"Database {args.database} ready in {time.perf_counter() - started:.1f} s: an election with {CANDIDATES} "
          f"candidates, {args.organizations} organizations in its frozen electorate, each with a signed-in "
          f"representative. razem serve on 127.0.0.1:{args.port} with {args.workers or 'default'} gunicorn workers, "
          f"{os.cpu_count()} CPUs; {args.clients} concurrent clients. Log: {log}")  # fmt: skip
    print(f"Load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    with Server(env, args.port, args.workers, log) as server:
        warm = burst(args.port, f"/wybory/{warm_election.slug}/glosuj/", data["warmups"], workers)
        if warm["errors"]:
            print(f"Warm-up failed: {warm['failures'][:5]}; see {log}")
            return 1
        meter = CpuMeter(server, args.database)
        before = meter.snapshot()
        result = burst(args.port, f"/wybory/{main_election.slug}/glosuj/", data["clients"], args.clients)
        result.update(meter.per_request(before, meter.snapshot(), result["requests"], result["seconds"]))
    counts = final_counts(args.database, main_election.pk)
    print(f"Load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    print("\nrequests  errors  seconds   req/s  p50 ms  p95 ms  max ms")
    r = result
    print(f"{r['requests']:>8} {r['errors']:>7} {r['seconds']:>8.2f} {r['rps']:>7.1f} {r['p50']:>7.1f} "
          f"{r['p95']:>7.1f} {r['max']:>7.1f}")  # fmt: skip
    for failure in sorted(set(r["failures"]))[:10]:
        print(f"  failed: {failure}")
    print("\nCPU per request (ms)  web workers  PostgreSQL  client   other processes meanwhile (cores busy)")
    print(f"{'ballot cast':18} {r['web_ms']:>13.1f} {r['db_ms']:>11.1f} {r['client_ms']:>7.1f}   "
          f"{r['other_cores']:.2f}")  # fmt: skip
    n = args.organizations
    print(
        f"\nIn the database: {counts['ballots']} ballots ({counts['trackers']} distinct trackers), "
        f"{counts['voted']} of {counts['electors']} electors voted, {counts['online']} online (expected {n} each)"
    )
    counts_right = all(counts[k] == n for k in ("ballots", "trackers", "electors", "voted", "online"))
    print(f"Counts: {'right' if counts_right else 'WRONG'}")
    print(
        f"Bar: p95 <= {BAR_P95_MS} ms: {'yes' if r['p95'] <= BAR_P95_MS else 'NO'} ({r['p95']:.1f} ms); "
        f"errors: {r['errors']}"
    )
    if not args.keep:
        from django.db import connections

        connections.close_all()
        drop_database(args.database)
    return 0 if counts_right and not r["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
