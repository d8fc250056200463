"""The count of a large election: 100,000 ballots for 20 candidates, tallied and counted.

    uv run python bench/election_tally.py [--database razem_bench_tally] [--ballots 100000] [--runs 3] [--keep]

It drops and creates the scratch database, migrates it, then with the ORM (production settings) creates an
election of a dialogue body in its counting phase (voting closed) with 20 accepted candidates (up to 10 marks, 10
seats) and inserts ``--ballots`` ballots directly with ``bulk_create`` (1 to 10 marks each, drawn with a fixed
seed, one in fifty invalid, each with the hash of a random tracker), then ``VACUUM ANALYZE``. It times
``services.tally`` (``--runs`` times: every ballot read and added up in Python) and then the full
``services.election_count`` once (the tally, the seats, the candidacies and the election written, the audit
entry), and checks that the count equals a tally made in SQL (``jsonb_array_elements``). Bar: 2 s.
"""

import argparse
import os
import random
import secrets
import statistics
import sys
import time

from common import WORK_DIR, drop_database, production_env, recreate_database, run_razem

DEFAULT_DATABASE = "razem_bench_tally"
BAR_SECONDS = 2.0
CANDIDATES = 20
MAX_MARKS = 10


def prepare(ballots: int, seed: int = 2026):  # type: ignore[no-untyped-def]
    import datetime
    import hashlib

    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from razem.accounts.models import User
    from razem.bodies.models import Body
    from razem.elections.models import Ballot, Candidacy, Election
    from razem.organizations.models import Organization

    rng = random.Random(seed)
    now = timezone.now()
    day = datetime.timedelta(days=1)
    body = Body.objects.create(name="Krakowska Rada Działalności Pożytku Publicznego", slug="krdpp", kind="council",
                               joining="appointed", visibility="public", seats=16)  # fmt: skip
    officer = User.objects.create(email="urzednik@bench.example.org", full_name="Urzędnik", role="officer",
                                  password=make_password(None))  # fmt: skip
    election = Election.objects.create(
        body=body, title="Wybory do KRDPP (liczenie)", slug="wybory-liczenie", term_name="VII kadencja",
        seats=MAX_MARKS, max_marks=MAX_MARKS, status=Election.Status.ANNOUNCED, created_by=officer,
        nominations_open=now - 40 * day, nominations_close=now - 35 * day, support_close=now - 30 * day,
        verification_close=now - 25 * day, voting_open=now - 20 * day, voting_close=now - day,
        results_due=(now + 14 * day).date(), electorate_frozen_at=now - 20 * day, electorate_size=ballots,
    )  # fmt: skip
    people = User.objects.bulk_create(User(email=f"kandydat{i}@bench.example.org", full_name=f"Kandydat {i:02d}",
                                           password=make_password(None)) for i in range(CANDIDATES))  # fmt: skip
    organizations = []
    for i in range(CANDIDATES):
        o = Organization(name=f"Fundacja Kandydująca {i:02d}", status="verified", legal_form="fundacja",
                         register_type="krs", krs=f"3{i:09d}")  # fmt: skip
        o.refresh_derived()
        organizations.append(o)
    organizations = Organization.objects.bulk_create(organizations)
    candidacies = Candidacy.objects.bulk_create(
        Candidacy(
            election=election,
            organization=o,
            person=p,
            statement="Program.",
            status="accepted",
            ballot_number=n,
            consent_at=now,
            declarations_at=now,
        )  # fmt: skip
        for n, (o, p) in enumerate(zip(organizations, people, strict=True), start=1)
    )
    ids = [c.pk for c in candidacies]
    # A few candidates are more popular than others, so that the seats are decided by the votes.
    weights = [CANDIDATES - i for i in range(CANDIDATES)]

    def marks() -> list[int]:
        chosen: set[int] = set()
        wanted = rng.randint(1, MAX_MARKS)
        while len(chosen) < wanted:
            chosen.add(rng.choices(ids, weights)[0])
        return sorted(chosen)

    rows = []
    for n in range(ballots):
        invalid = n % 50 == 0
        tracker = secrets.token_hex(8)
        rows.append(Ballot(election=election, tracker_sha256=hashlib.sha256(tracker.encode()).hexdigest(),
                           choices=[] if invalid else marks(), is_valid=not invalid))  # fmt: skip
    started = time.perf_counter()
    Ballot.objects.bulk_create(rows, batch_size=5000)
    inserted = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE elections_ballot")
    return election, officer, inserted


def sql_tally(election) -> dict[int, int]:  # type: ignore[no-untyped-def]
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT value::bigint, count(*) FROM elections_ballot, jsonb_array_elements_text(choices) "
            "WHERE election_id = %s AND is_valid GROUP BY 1",
            [election.pk],
        )
        return dict(cursor.fetchall())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (default: drop it)")
    args = parser.parse_args()

    env = production_env(args.database)
    log = WORK_DIR / "election_tally.log"
    log.write_text("")
    recreate_database(args.database)
    run_razem("migrate", "--noinput", env=env, log=log)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connections

    from razem.elections import services
    from razem.elections.models import Candidacy

    election, officer, inserted = prepare(args.ballots)
    print(f"{args.ballots:,} ballots for {CANDIDATES} candidates inserted in {inserted:.1f} s (bulk_create); "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip

    tally_times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        votes, ballots, invalid = services.tally(election)
        tally_times.append(time.perf_counter() - started)
    started = time.perf_counter()
    services.election_count(actor=officer, election=election)
    count_time = time.perf_counter() - started

    stored = dict(Candidacy.objects.filter(election=election).values_list("pk", "votes"))
    right = stored == {pk: votes.get(pk, 0) for pk in stored} and dict(votes) == sql_tally(election)
    right = right and ballots == args.ballots and invalid == (args.ballots + 49) // 50
    elected = Candidacy.objects.filter(election=election, elected=True).count()
    print(f"\nservices.tally: {', '.join(f'{t:.2f}' for t in tally_times)} s (median "
          f"{statistics.median(tally_times):.2f} s); services.election_count: {count_time:.2f} s")  # fmt: skip
    print(f"{ballots:,} ballots, {invalid:,} invalid, {sum(votes.values()):,} votes, {elected} elected; "
          f"equal to the SQL tally: {'yes' if right else 'NO'}")  # fmt: skip
    worst = max(*tally_times, count_time)
    print(f"Bar: <= {BAR_SECONDS:.0f} s: {'yes' if worst <= BAR_SECONDS else 'NO'} ({worst:.2f} s at worst); "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    if not args.keep:
        connections.close_all()
        drop_database(args.database)
    return 0 if right and worst <= BAR_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
