"""The office's ranking of a competition commission: 300 admitted offers, 9 members, 6 criteria, every score given.

    uv run python bench/ranking.py [--database razem_bench_ranking] [--offers 300] [--members 9] [--requests 30]
                                   [--warmup 5] [--keep]

What it does:

1. drops and creates the scratch database (``razem_bench_ranking`` by default), migrates it and loads the reference
   data, as an operator would;
2. with the ORM (production settings): an announced call past its deadline with the six statutory criteria (5
   points each); ``--offers`` verified organizations, each with a complete offer of 30 cost lines
   (``offer_deadline.make_drafts``), frozen into a filed version by ``grants.content.offer_content`` as filing
   does (content and SHA-256) and admitted; ``--members`` members: a third representatives of the Mayor (city
   officers), two experts with an advisory voice, the rest nominees of organizations; every member's declaration
   covering every offer, two members with a conflict on five offers each; every member's scores of every offer
   they may score, each criterion with a justification of about 200 characters; a proposed amount per offer;
3. signs an officer (with a second factor, as the office requires) into Django's test client against the
   production settings, requests the ranking page ``--warmup`` times, then ``--requests`` times, timing each and
   counting its queries; checks the page lists every offer;
4. prints p50 / p95 / max in milliseconds (wall time, and the CPU time of this process, which a busy shared machine
   inflates less), the queries per request (the same for every request, and the same for
   a call of 3 offers built alike, which shows the count does not grow with the offers), the page's size, and the
   bar. Bar: p95 <= 300 ms, a constant number of queries.
"""

import argparse
import datetime
import os
import statistics
import sys
import time

from common import WORK_DIR, drop_database, percentile, production_env, recreate_database, run_razem
from offer_deadline import make_call, make_drafts, make_organizations

DEFAULT_DATABASE = "razem_bench_ranking"
BAR_MS = 300.0
JUSTIFICATION = (
    "Oferta w tym kryterium wypada {level}: opis działań jest spójny z kosztorysem, a rezultaty są mierzalne. "
    "Zespół ma doświadczenie w pracy z seniorami, choć plan rekrutacji uczestników mógłby być bardziej konkretny."
)


def build(offers: int, members: int, *, number: str, digit: int):  # type: ignore[no-untyped-def]
    """A call of ``offers`` admitted offers with a commission of ``members`` that has scored everything."""
    from decimal import Decimal

    from django.utils import timezone

    from razem.accounts.models import User
    from razem.commissions.models import Conflict, Declaration, Member, Proposal, Score
    from razem.grants.content import content_checksum, offer_content
    from razem.grants.models import Criterion, Offer, OfferVersion

    deadline = timezone.now() - datetime.timedelta(days=10)
    first = timezone.localdate().year + 1
    call = make_call(number=number, years=[first], deadline=deadline)
    owners = make_organizations(number.replace("/", ""), offers, digit)
    drafts = make_drafts(call, owners, lines=30)
    declarations = {"taxes": "nie zalega", "social_insurance": "nie zalega", "register": "KRS", "confirmed": "on"}
    versions = []
    for draft, (_organization, person, representative) in zip(drafts, owners, strict=True):
        content = offer_content(draft, declarations=declarations, signatories=[representative])
        versions.append(
            OfferVersion(
                offer=draft, number=1, filed_at=deadline - datetime.timedelta(hours=1), filed_by=person,
                content=content, checksum=content_checksum(content),
                total_cost=Decimal(content["budget"]["total_cost"]),
                grant_requested=Decimal(content["budget"]["sources"]["grant"]),
            )
        )  # fmt: skip
    versions = OfferVersion.objects.bulk_create(versions, batch_size=100)
    for n, (draft, version) in enumerate(zip(drafts, versions, strict=True), start=1):
        draft.current_version = version
        draft.number = f"{number}/{n:03d}"
        draft.status = Offer.Status.ADMITTED
        draft.filed_at = version.filed_at
    Offer.objects.bulk_update(drafts, ["current_version", "number", "status", "filed_at"], batch_size=500)

    mayors = max(1, members // 3)
    experts = 2 if members > 3 else 0
    roles = [Member.Role.MAYOR] * mayors + [Member.Role.EXPERT] * experts
    roles += [Member.Role.NGO] * (members - len(roles))
    people = []
    for n, role in enumerate(roles):
        user = User.objects.create_user(
            email=f"czlonek{n}-{digit}@bench.example.org", full_name=f"Członek Komisji {n + 1}",
            role=User.Role.OFFICER if role == Member.Role.MAYOR else User.Role.RESIDENT,
        )  # fmt: skip
        people.append(Member(call=call, role=role, user=user, full_name=user.full_name, chair=n == 0))
    seated = Member.objects.bulk_create(people)
    for member in seated:
        declaration = Declaration.objects.create(member=member, text="Oświadczam…", signed_at=deadline)
        declaration.offers.add(*drafts)
    conflicts = {(seated[-1].pk, o.pk) for o in drafts[:5]} | {(seated[0].pk, o.pk) for o in drafts[-5:]}
    Conflict.objects.bulk_create(
        Conflict(member_id=m, offer_id=o, reason="Członek zarządu oferenta.") for m, o in conflicts
    )
    criteria = list(Criterion.objects.filter(call=call).order_by("position"))
    scores = []
    for i, offer in enumerate(drafts):
        for j, member in enumerate(seated):
            if (member.pk, offer.pk) in conflicts:
                continue
            for k, criterion in enumerate(criteria):
                points = Decimal((i + j + k) % 11) / 2
                level = "dobrze" if points >= 3 else "przeciętnie"
                scores.append(
                    Score(member=member, offer=offer, criterion=criterion, points=points,
                          justification=JUSTIFICATION.format(level=level))
                )  # fmt: skip
    Score.objects.bulk_create(scores, batch_size=2000)
    Proposal.objects.bulk_create(
        Proposal(offer=o, amount=(v.grant_requested * Decimal("0.8")).quantize(Decimal("0.01")))
        for o, v in zip(drafts, versions, strict=True)
    )
    return call, len(scores)


def measure(client, url: str, *, warmup: int, requests: int, expected_rows: int):  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == 200, response.status_code
    times, cpu, queries, size = [], [], set(), 0
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, response.status_code
        queries.add(len(captured.captured_queries))
        size = len(response.content)
    rows = response.content.decode().count('name="amount_')
    assert rows == expected_rows, f"the page lists {rows} offers, expected {expected_rows}"
    return sorted(times), sorted(cpu), queries, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--offers", type=int, default=300)
    parser.add_argument("--members", type=int, default=9)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (default: drop it)")
    args = parser.parse_args()

    env = production_env(args.database)
    log = WORK_DIR / "ranking.log"
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    log.write_text("")
    recreate_database(args.database)
    run_razem("migrate", "--noinput", env=env, log=log)
    run_razem("load_reference", env=env, log=log)
    run_razem("createcachetable", env=env, log=log)
    os.environ.update(env)
    import django

    django.setup()
    from allauth.mfa.totp.internal.auth import TOTP
    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    from razem.accounts.models import User

    started = time.perf_counter()
    call, scores = build(args.offers, args.members, number="BENCH/RANK/1", digit=6)
    small, _small_scores = build(3, args.members, number="BENCH/RANK/2", digit=7)
    print(f"Built {args.offers} admitted offers, {args.members} members, {scores} scores "
          f"in {time.perf_counter() - started:.0f} s; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip

    officer = User.objects.create_user(email="urzednik@bench.example.org", full_name="Urzędnik", role="officer")
    TOTP.activate(officer, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(officer)

    url = reverse("commissions_staff:ranking", args=[call.slug])
    times, cpu, queries, size = measure(
        client, url, warmup=args.warmup, requests=args.requests, expected_rows=args.offers
    )
    _small_times, _small_cpu, small_queries, _size = measure(
        client, reverse("commissions_staff:ranking", args=[small.slug]), warmup=1, requests=3, expected_rows=3
    )
    p50, p95 = percentile(times, 50), percentile(times, 95)
    constant = len(queries) == 1 and queries == small_queries
    print(f"{url}: {len(times)} requests after {args.warmup} to warm up: p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
          f"max {times[-1]:.0f} ms (mean {statistics.mean(times):.0f} ms); {size / 1024:.0f} KB")  # fmt: skip
    print(f"CPU of this process per request (Django and the ORM, not PostgreSQL): p50 {percentile(cpu, 50):.0f} ms, "
          f"p95 {percentile(cpu, 95):.0f} ms")  # fmt: skip
    print(f"Queries per request: {sorted(queries)} for {args.offers} offers, {sorted(small_queries)} for 3 offers")
    ok = p95 <= BAR_MS and constant
    print(f"Bar: p95 <= {BAR_MS:.0f} ms and a constant number of queries: {'yes' if ok else 'NO'}; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    if not args.keep:
        connections.close_all()
        drop_database(args.database)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
