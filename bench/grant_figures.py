"""The public figures page of grants over 5,000 offers: the figures of a budget year summed in the database.

    uv run python bench/grant_figures.py [--database razem_bench_figures] [--calls 100] [--offers 5000]
                                         [--small-grants 200] [--requests 30] [--keep]

It drops and creates the scratch database, migrates it, loads the reference data and collects the static files,
then with the ORM (production settings) writes with ``bulk_create``: ``--calls`` published calls over the budget
years 2025–2028 (one in four over two years, one in twenty cancelled), each with its funds per year, 1–3 art. 4
areas and one of 12 departments; ``--offers`` offers spread over them (a filed version each whose content is about
the size of a real one — sections, 20 cost lines, the sources per year — and the ``Funding`` rows; one in ten a
draft or withdrawn); per call a published decision, an award with its ``AwardYear`` rows for about 40 % of the
filed offers (a third of them with an update filed since), a signed contract for each award, and for half of the
contracts an accepted final report with the settlement of each year; ``--small-grants`` small grants (art. 19a)
with their area, half of them awarded and contracted. Then ``VACUUM ANALYZE``.

It requests ``/konkursy/liczby/?rok=2027`` ``--requests`` times with Django's test client (after two warm-up
requests), printing p50 / p95 / max, the number of queries of one request and the time of the figures' selectors
alone (``figure_years`` and ``year_figures``), and checks that the page's totals equal sums made in plain SQL.
Bar: p95 <= 1 s with a constant number of queries (issue 12).
"""

import argparse
import os
import random
import statistics
import sys
import time

from common import WORK_DIR, drop_database, percentile, production_env, recreate_database, run_razem

DEFAULT_DATABASE = "razem_bench_figures"
BAR_SECONDS = 1.0
YEAR = 2027
DEPARTMENTS = [
    "Wydział Polityki Społecznej i Zdrowia",
    "Wydział Kultury i Dziedzictwa Narodowego",
    "Wydział Sportu",
    "Wydział Edukacji",
    "Wydział Kształtowania Środowiska",
    "Wydział Spraw Społecznych",
    "Wydział Bezpieczeństwa i Zarządzania Kryzysowego",
    "Wydział Rozwoju Miasta",
    "Wydział Komunikacji Społecznej",
    "Wydział Turystyki",
    "Kancelaria Prezydenta",
    "Miejski Ośrodek Pomocy Społecznej",
]


def content_of(title: str, grants: dict[int, int], rng: random.Random) -> dict:
    """A version's content shaped like ``grants.content.offer_content``'s, of a realistic size."""
    years = sorted(grants)
    costs = [
        {"number": n, "name": f"Koszt {n}: wynagrodzenie trenera, materiały", "unit": "godzina", "unit_cost": "150.00",
         "quantity": "10", "category": "realization", "activity": 1 + n % 3,
         "year_amounts": {str(y): f"{rng.randint(100, 5000)}.00" for y in years}}
        for n in range(1, 21)
    ]  # fmt: skip
    sources = {str(y): {"grant": f"{amount}.00", "own_financial": "500.00", "own_personal": "300.00",
                        "own_material": "0.00", "recipient_fees": "0.00"} for y, amount in grants.items()}  # fmt: skip
    return {
        "task": {
            "title": title,
            "synthetic_description": "Warsztaty i spotkania w dzielnicach. " * 20,
            "results_description": "Uczestnicy zdobędą nowe umiejętności. " * 10,
        },  # fmt: skip
        "characteristics": {"experience": "Od 2010 r. prowadzimy zajęcia. " * 15, "resources": "Trenerzy, sala. " * 10},
        "activities": [
            {"year": y, "name": f"Działanie {n}", "description": "Opis działania. " * 5}
            for y in years
            for n in range(1, 4)
        ],  # fmt: skip
        "costs": costs,
        "budget": {"sources_by_year": sources, "total": {"grant": f"{sum(grants.values())}.00"}},
    }


def prepare(calls: int, offers: int, small_grants: int, seed: int = 2027):  # type: ignore[no-untyped-def]
    import datetime
    import hashlib
    import json
    from decimal import Decimal

    from django.db import connection
    from django.utils import timezone

    from razem.contracts.models import Contract
    from razem.core.models import PublicBenefitArea
    from razem.grants.models import Award, AwardYear, Call, CallFunds, Decision, Funding, Offer, OfferVersion
    from razem.organizations.models import Organization
    from razem.reports.models import Report, Settlement
    from razem.small_grants.models import SmallGrant

    rng = random.Random(seed)
    now = timezone.now()
    areas = list(PublicBenefitArea.objects.all())
    organizations = []
    for i in range(500):
        o = Organization(name=f"Fundacja Liczb {i:04d}", status="verified", legal_form="fundacja", register_type="krs",
                         krs=f"7{i:09d}", status_changed_at=now)  # fmt: skip
        o.refresh_derived()
        organizations.append(o)
    organizations = Organization.objects.bulk_create(organizations, batch_size=1000)

    made_calls = []
    for i in range(calls):
        first = 2025 + i % 4
        years = [first, first + 1] if i % 4 == 0 and first < 2028 else [first]
        cancelled = i % 20 == 7
        made_calls.append(Call(
            number=f"BENCH/FIG/{i:03d}", slug=f"bench-fig-{i:03d}", title=f"Zadanie publiczne nr {i}",
            task_kind="Zadanie", form=Call.Form.SUPPORT, department=DEPARTMENTS[i % len(DEPARTMENTS)],
            realization_start=datetime.date(years[0], 2, 1), realization_end=datetime.date(years[-1], 11, 30),
            submission_deadline=now - datetime.timedelta(days=400), choice_date=datetime.date(years[0], 1, 15),
            status=Call.Status.CANCELLED if cancelled else Call.Status.DECIDED, published_at=now,
            recruits_commission=False,
        ))  # fmt: skip
    made_calls = Call.objects.bulk_create(made_calls)
    through = Call.areas.through
    links = [(c, a) for c in made_calls for a in rng.sample(areas, rng.randint(1, 3))]
    through.objects.bulk_create([through(call_id=c.pk, publicbenefitarea_id=a.pk) for c, a in links])
    CallFunds.objects.bulk_create(
        [CallFunds(call=c, year=y, amount=Decimal(rng.randint(200, 2000) * 1000)) for c in made_calls for y in c.years]
    )  # fmt: skip
    decisions = Decision.objects.bulk_create(
        [
            Decision(
                call=c, number=f"{n}/{c.years[0]}", made_on=datetime.date(c.years[0], 1, 20), results_published_at=now
            )
            for n, c in enumerate(made_calls)
            if c.status == Call.Status.DECIDED
        ]  # fmt: skip
    )
    decision_of = {d.call_id: d for d in decisions}

    # Offers: competition offers spread over the calls, then the small grants.
    specs = []
    for n in range(offers):
        call = made_calls[n % len(made_calls)]
        roll = rng.random()
        status = Offer.Status.DRAFT if roll < 0.05 else Offer.Status.WITHDRAWN if roll < 0.1 else Offer.Status.FILED
        specs.append((call, status, {y: rng.randint(5, 60) * 1000 for y in call.years}))
    for n in range(small_grants):
        year = 2025 + n % 4
        specs.append((None, Offer.Status.FILED, {year: rng.randint(2, 10) * 1000}))
    made_offers = Offer.objects.bulk_create(
        [Offer(kind=Offer.Kind.COMPETITION if call else Offer.Kind.SMALL_GRANT, call=call, status=status,
               organization=organizations[n % len(organizations)], title=f"Oferta {n}",
               start_date=call.realization_start if call else datetime.date(min(grants), 4, 1),
               end_date=call.realization_end if call else datetime.date(min(grants), 6, 1), filed_at=now)
         for n, (call, status, grants) in enumerate(specs)], batch_size=2000,
    )  # fmt: skip
    Funding.objects.bulk_create(
        [Funding(offer=o, year=y, grant=Decimal(a), own_financial=Decimal(500))
         for o, (_c, _s, grants) in zip(made_offers, specs, strict=True) for y, a in grants.items()],
        batch_size=5000,
    )  # fmt: skip
    versions = []
    for o, (_call, _status, grants) in zip(made_offers, specs, strict=True):
        content = content_of(o.title, grants, rng)
        versions.append(OfferVersion(
            offer=o, number=1, content=content, checksum=hashlib.sha256(json.dumps(content).encode()).hexdigest(),
            total_cost=Decimal(sum(grants.values()) + 800), grant_requested=Decimal(sum(grants.values())),
        ))  # fmt: skip
    versions = OfferVersion.objects.bulk_create(versions, batch_size=1000)
    for o, v in zip(made_offers, versions, strict=True):
        o.current_version = v
    Offer.objects.bulk_update(made_offers, ["current_version"], batch_size=2000)

    # Awards, contracts, reports and settlements.
    small_decisions = Decision.objects.bulk_create(
        [Decision(call=None, number=f"MG/{n}", made_on=datetime.date(2025, 3, 1)) for n in range(small_grants)]
    )
    areas_by_offer = []
    awards, award_specs = [], []
    small_n = 0
    for o, v, (call, status, grants) in zip(made_offers, versions, specs, strict=True):
        if status != Offer.Status.FILED:
            continue
        if call is None:
            areas_by_offer.append(SmallGrant(offer=o, area=rng.choice(areas), year=min(grants), received_on=now.date()))
            decision = small_decisions[small_n]
            small_n += 1
            if rng.random() > 0.5:
                continue
        else:
            decision = decision_of.get(call.pk)
            if decision is None or rng.random() > 0.4:
                continue
        amounts = {y: int(a * rng.choice([1, 1, 0.8])) for y, a in grants.items()}
        awards.append(Award(decision=decision, offer=o, amount=Decimal(sum(amounts.values())),
                            requested=v.grant_requested, version=v, grant_share=Decimal("90.00"),
                            update=Award.Update.NOT_NEEDED))  # fmt: skip
        award_specs.append(amounts)
    SmallGrant.objects.bulk_create(areas_by_offer, batch_size=2000)
    awards = Award.objects.bulk_create(awards, batch_size=2000)
    AwardYear.objects.bulk_create(
        [AwardYear(award=a, year=y, amount=Decimal(x)) for a, amounts in zip(awards, award_specs, strict=True)
         for y, x in amounts.items()], batch_size=5000,
    )  # fmt: skip
    Offer.objects.filter(pk__in=[a.offer_id for a in awards]).update(status=Offer.Status.AWARDED)
    offer_of = {o.pk: o for o in made_offers}
    contracts = Contract.objects.bulk_create(
        [Contract(offer_id=a.offer_id, number=f"UM/{a.offer_id}", form="wspieranie", status=Contract.Status.SIGNED,
                  title="Umowa", start_date=offer_of[a.offer_id].start_date, end_date=offer_of[a.offer_id].end_date,
                  signed_on=offer_of[a.offer_id].start_date) for a in awards], batch_size=2000,
    )  # fmt: skip
    reported = [c for n, c in enumerate(contracts) if n % 2 == 0]
    reports = Report.objects.bulk_create(
        [Report(contract=c, kind=Report.Kind.FINAL, status=Report.Status.ACCEPTED, period_start=c.start_date,
                period_end=c.end_date, due_date=c.end_date, accepted_at=now) for c in reported], batch_size=2000,
    )  # fmt: skip
    settlements = []
    for c, r in zip(reported, reports, strict=True):
        for y in c.years:
            due = Decimal(rng.choice([0, 0, 0, 250, 1200]))
            settlements.append(Settlement(contract=c, report=r, year=y, to_return=due, returned=due))
    Settlement.objects.bulk_create(settlements, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {"calls": len(made_calls), "offers": len(made_offers), "awards": len(awards),
            "contracts": len(contracts), "settlements": len(settlements)}  # fmt: skip


def sql_totals(year: int) -> tuple:
    """The year's totals in plain SQL, to check the page against."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(f.amount), 0) FROM grants_callfunds f JOIN grants_call c ON c.id = f.call_id "
            "WHERE f.year = %s AND c.status IN ('announced', 'decided')", [year])  # fmt: skip
        funds = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*), coalesce(sum((coalesce(av.content, cv.content) #>> %s)::numeric), 0) "
            "FROM grants_offer o LEFT JOIN grants_call c ON c.id = o.call_id "
            "LEFT JOIN grants_award a ON a.offer_id = o.id LEFT JOIN grants_offerversion av ON av.id = a.version_id "
            "LEFT JOIN grants_offerversion cv ON cv.id = o.current_version_id "
            "WHERE o.status NOT IN ('draft', 'withdrawn') "
            "AND (o.call_id IS NULL OR c.status IN ('announced', 'decided')) "
            "AND (coalesce(av.content, cv.content) #>> %s)::numeric > 0",
            [["budget", "sources_by_year", str(year), "grant"]] * 2,
        )  # fmt: skip
        offers, requested = cursor.fetchone()
        cursor.execute(
            "SELECT count(*), coalesce(sum(y.amount), 0) FROM grants_awardyear y "
            "JOIN grants_award a ON a.id = y.award_id "
            "JOIN grants_decision d ON d.id = a.decision_id JOIN grants_offer o ON o.id = a.offer_id "
            "WHERE y.year = %s AND y.amount > 0 AND (d.results_published_at IS NOT NULL OR d.call_id IS NULL) "
            "AND o.status <> 'resigned'", [year])  # fmt: skip
        funded, awarded = cursor.fetchone()
        cursor.execute("SELECT coalesce(sum(returned), 0) FROM reports_settlement WHERE year = %s", [year])
        returned = cursor.fetchone()[0]
    return funds, offers, requested, funded, awarded, returned


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--offers", type=int, default=5000)
    parser.add_argument("--small-grants", type=int, default=200)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (default: drop it)")
    args = parser.parse_args()

    env = production_env(args.database)
    log = WORK_DIR / "grant_figures.log"
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    log.write_text("")
    recreate_database(args.database)
    run_razem("migrate", "--noinput", env=env, log=log)
    run_razem("load_reference", env=env, log=log)
    run_razem("collectstatic", "--noinput", env=env, log=log)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from razem.grant_figures.selectors.figures import figure_years, year_figures

    started = time.perf_counter()
    made = prepare(args.calls, args.offers, args.small_grants)
    print(f"Made in {time.perf_counter() - started:.1f} s: {made['calls']} calls, {made['offers']:,} offers "
          f"({args.small_grants} small grants), {made['awards']:,} awards, {made['contracts']:,} contracts, "
          f"{made['settlements']:,} settlements; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip

    client = Client(HTTP_HOST="127.0.0.1")
    url = f"/konkursy/liczby/?rok={YEAR}"
    for _ in range(2):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    queries = len(captured.captured_queries)
    times = []
    for _ in range(args.requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    times.sort()
    selector_times = []
    for _ in range(5):
        started = time.perf_counter()
        figure_years()
        data = year_figures(YEAR)
        selector_times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        figure_years()
        year_figures(YEAR)
    slowest = sorted(captured.captured_queries, key=lambda q: float(q["time"]), reverse=True)[:3]

    figures = data.overview.total.figures
    page = (figures.funds, figures.offers, figures.requested, figures.funded, figures.awarded, figures.returned)
    right = tuple(page) == tuple(sql_totals(YEAR))
    print(f"\n{url}: {args.requests} requests, p50 {percentile(times, 50) * 1000:.0f} ms, "
          f"p95 {percentile(times, 95) * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms; {queries} queries a request "
          f"({len(response.content) / 1024:.0f} KB)")  # fmt: skip
    print(f"figure_years + year_figures alone: median {statistics.median(selector_times) * 1000:.0f} ms "
          f"({len(captured.captured_queries)} queries; the slowest "
          f"{', '.join(f'{float(q["time"]) * 1000:.0f}' for q in slowest)} ms)")  # fmt: skip
    print(f"Totals of {YEAR}: funds {figures.funds}, {figures.offers:,} offers asking {figures.requested}, "
          f"{figures.funded:,} funded with {figures.awarded}, returned {figures.returned}; equal to plain SQL: "
          f"{'yes' if right else 'NO ' + repr(sql_totals(YEAR))}")  # fmt: skip
    worst = percentile(times, 95)
    print(f"Bar: p95 <= {BAR_SECONDS:.0f} s: {'yes' if worst <= BAR_SECONDS else 'NO'} ({worst * 1000:.0f} ms); "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    if not args.keep:
        connections.close_all()
        drop_database(args.database)
    return 0 if right and worst <= BAR_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
