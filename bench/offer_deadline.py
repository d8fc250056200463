"""The last minute before the deadline of a call for offers, through the production server: 300 organizations file
their offers (30 cost lines each) within 60 seconds while 50 more keep saving their drafts.

    uv run python bench/offer_deadline.py [--database razem_bench_deadline] [--port 8768] [--workers N]
                                          [--organizations 300] [--autosavers 50] [--lines 30] [--seconds 60]
                                          [--autosave-interval 3] [--clients 64] [--keep]

What it does:

1. drops and creates the scratch database (``razem_bench_deadline`` by default), migrates it, loads the reference
   data and collects the static files, as an operator would;
2. with the ORM (the same production settings and SECRET_KEY as the server): an announced call for a one-year
   task (no attachments required, so that the burst measures the filing, not uploads); ``--organizations`` +
   ``--autosavers`` verified organizations, each with one administrator who has a signed-in session (rows written
   straight into the session table) and a CSRF secret, and one representative who signs alone; each a complete
   draft written with ``bulk_create``: sections I–VI, two activities, the results table, ``--lines`` cost lines
   (the last two administrative) and the funding (90 % grant, the rest the volunteers' work), which
   ``grants.validation.filing_problems`` finds nothing wrong with (checked on the first and the last); a second
   call with a few drafts per worker for the warm-up;
3. starts the production server, ``razem serve`` (gunicorn, RAZEM_ENV=production, plain HTTP on loopback);
4. warms every worker up (a filing and an autosave each, on the warm-up call), then moves the call's deadline to
   ``--seconds`` + 30 s from now and runs the burst: each of the ``--organizations`` filings starts at its own
   moment, drawn uniformly (fixed seed) within ``--seconds``, and POSTs the filing page
   (``/konkursy/oferty/<pk>/zloz/``: the signatory, statements 3–5 and the confirmation, as the form sends them),
   by ``--clients`` threads at most at once; meanwhile each of the ``--autosavers`` POSTs its draft's budget
   section (``/konkursy/oferty/<pk>/edycja/koszty/``, all 30 lines and the funding, as HTMX sends the autosave)
   every ``--autosave-interval`` seconds (± a third, fixed seed), changing the quantity of one line each time;
5. prints, for the filings and the autosaves apart: requests, errors, p50 / p95 / max latency, and how late the
   filings started against their schedule; then what the database holds: exactly ``--organizations`` offers
   filed in the call, each with one version whose stored SHA-256 equals ``content_checksum`` recomputed from the
   stored content and whose content has ``--lines`` cost lines, every filing before the deadline, and the
   autosavers' drafts still drafts, each saved as many times as its autosaves succeeded. Exit status 1 when a
   count or a checksum is wrong or a request failed.

A filing succeeds when it answers 302 to the receipt (``/wersje/1/potwierdzenie/``); an autosave when it answers
200 with ``data-state="saved"``. Bars: p95 filing <= 500 ms, p95 autosave <= 150 ms, zero errors.
"""

import argparse
import http.client
import os
import random
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from common import WORK_DIR, drop_database, percentile, production_env, razem_command, recreate_database, run_razem
from directory_latency import Server, get


class PatientServer(Server):
    """``razem serve`` as ``directory_latency.Server`` runs it, given up to ``start_timeout`` seconds to answer (a busy
    machine boots the workers slowly), and stopped again when it does not answer in time."""

    start_timeout = 300.0

    def __enter__(self) -> "PatientServer":
        args = [*razem_command(), "serve", "--bind", f"127.0.0.1:{self.port}"]
        if self.workers:
            args += ["--workers", str(self.workers)]
        out = self.log.open("a")
        self.process = subprocess.Popen(args, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"razem serve exited with {self.process.returncode}; see {self.log}")
            try:
                status, _body = get(self.port, "/organizacje/", timeout=30)
            except OSError:
                time.sleep(0.5)
                continue
            if status == 200:
                return self
            self.__exit__(None, None, None)
            raise SystemExit(f"/organizacje/ answered {status}; see {self.log}")
        self.__exit__(None, None, None)
        raise SystemExit(f"razem serve did not answer within {self.start_timeout:.0f} s; see {self.log}")


DEFAULT_DATABASE = "razem_bench_deadline"
BAR_FILING_MS = 500
BAR_AUTOSAVE_MS = 150
DECLARATIONS = {"taxes": "nie zalega", "social_insurance": "nie zalega", "register": "KRS", "confirmed": "on"}


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


# The data -----------------------------------------------------------------------------------------------------------


def make_call(*, number: str, years: list[int], deadline, officer=None):  # type: ignore[no-untyped-def]
    """An announced call for a task over ``years`` (one budget year each), saved directly, with generous funds."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from razem.core.models import PublicBenefitArea
    from razem.grants.criteria import STATUTORY
    from razem.grants.models import Call, CallFunds, Criterion

    call = Call.objects.create(
        number=number, slug=number.lower().replace("/", "-"),
        title=f"Aktywizacja społeczna seniorów w dzielnicach Krakowa ({number})",
        task_kind="Działalność na rzecz osób w wieku emerytalnym", form=Call.Form.SUPPORT,
        department="Wydział Polityki Społecznej i Zdrowia", min_grant=Decimal("1000.00"),
        max_grant=Decimal("5000000.00"), own_share_min=Decimal("5.00"), admin_costs_max=Decimal("20.00"),
        realization_start=datetime.date(years[0], 1, 1), realization_end=datetime.date(years[-1], 12, 31),
        submission_deadline=deadline, choice_date=timezone.localdate() + datetime.timedelta(days=60),
        status=Call.Status.ANNOUNCED, published_at=timezone.now() - datetime.timedelta(days=22),
        recruits_commission=False, created_by=officer,
    )  # fmt: skip
    area = PublicBenefitArea.objects.filter(code="10").first()
    if area is not None:
        call.areas.add(area)
    CallFunds.objects.bulk_create(CallFunds(call=call, year=y, amount=Decimal("900000000.00")) for y in years)
    Criterion.objects.bulk_create(
        Criterion(call=call, position=n, name=str(name), max_points=5, statutory=code)
        for n, (code, name, _support) in enumerate(STATUTORY, start=1)
    )
    return call


def make_organizations(prefix: str, count: int, digit: int) -> list:
    """Verified organizations, each with its administrator (a person with a session) and a representative."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from razem.accounts.models import User
    from razem.organizations.models import Membership, Organization, Representative

    now = timezone.now()
    made = []
    for i in range(count):
        o = Organization(name=f"Fundacja {prefix} {i:05d}", city="Kraków", status="verified", legal_form="fundacja",
                         register_type="krs", krs=f"{digit}{i:09d}", street=f"ul. Długa {i % 90 + 1}",
                         postal_code="31-147", email=f"biuro{i}@{prefix.lower()}.example.org",
                         status_changed_at=now)  # fmt: skip
        o.refresh_derived()
        made.append(o)
    organizations = Organization.objects.bulk_create(made, batch_size=1000)
    unusable = make_password(None)
    people = User.objects.bulk_create(
        User(email=f"{prefix.lower()}{i:05d}@bench.example.org", full_name=f"Osoba {prefix} {i}", password=unusable)
        for i in range(count)
    )
    Membership.objects.bulk_create(
        [Membership(organization=o, user=u, role="admin", status="active", decided_at=now)
         for o, u in zip(organizations, people, strict=True)], batch_size=1000,
    )  # fmt: skip
    representatives = Representative.objects.bulk_create(
        [Representative(organization=o, position=1, full_name=f"Prezes {o.name}", function="Prezes Zarządu",
                        signs_alone=True, source="krs") for o in organizations], batch_size=1000,
    )  # fmt: skip
    return list(zip(organizations, people, representatives, strict=True))


def make_drafts(call, owners: list, *, lines: int, seed: int = 2026) -> list:  # type: ignore[no-untyped-def]
    """A complete draft for each (organization, person, representative) of ``owners``: ``lines`` cost lines (the
    last two administrative, the others split between two activities of every year), spread over the call's years;
    the funding of each year 90 % grant (rounded down to the złoty), the rest the volunteers' work."""
    from decimal import ROUND_FLOOR, Decimal

    from django.utils import timezone

    from razem.grants.models import Activity, CostLine, ExpectedResult, Funding, Offer

    rng = random.Random(seed)
    years = call.years
    now = timezone.now()
    offers = Offer.objects.bulk_create(
        [
            Offer(
                call=call, organization=organization, task_form="wspieranie", created_by=person, updated_by=person,
                contact_name=person.full_name, contact_email=person.email, contact_phone="+48 12 000 00 00",
                title=f"Seniorzy w dzielnicy: spacery, warsztaty i kawiarenka cyfrowa ({organization.name})",
                start_date=call.realization_start, end_date=call.realization_end,
                synthetic_description="Zadanie obejmie 80 seniorów z dwóch dzielnic: cotygodniowe spacery z "
                "przewodnikiem, warsztaty cyfrowe w parach z licealistami i comiesięczne kawiarenki wspomnień. " * 3,
                results_description="80 seniorów weźmie udział w co najmniej 10 spotkaniach; 40 spacerów, 30 "
                "warsztatów cyfrowych i 9 kawiarenek; uczestnicy samodzielnie korzystają z e-usług. " * 2,
                experience="Fundacja działa od 2012 roku; zrealizowała pięć zadań dla seniorów. " * 3,
                resources="Koordynatorka, dwoje trenerów, przewodnik; sala na 30 osób i 10 tabletów. " * 2,
                payment="free", created_at=now, updated_at=now,
            )
            for organization, person, _representative in owners
        ],
        batch_size=500,
    )  # fmt: skip
    activities = Activity.objects.bulk_create(
        [
            Activity(offer=offer, year=year, position=position, name=name,
                     description="Zajęcia prowadzone raz w tygodniu w grupach do 15 osób.",
                     target_group="Seniorzy 60+", planned_period="luty–grudzień")
            for offer in offers for year in years
            for position, name in enumerate(["Spacery z przewodnikiem", "Warsztaty cyfrowe"])
        ],
        batch_size=2000,
    )  # fmt: skip
    by_offer: dict[int, list] = {}
    for activity in activities:
        by_offer.setdefault(activity.offer_id, []).append(activity)
    units = [("Wynagrodzenie trenera", "godzina", 110), ("Materiały szkoleniowe", "komplet", 45),
             ("Wynajem sali", "godzina", 80), ("Poczęstunek", "spotkanie", 180), ("Druk ulotek", "egzemplarz", 2),
             ("Praca wolontariuszy (wycena)", "godzina", 40)]  # fmt: skip
    cost_lines, funding, results = [], [], []
    for offer in offers:
        per_year_cost = dict.fromkeys(years, Decimal("0"))
        per_year_volunteers = dict.fromkeys(years, Decimal("0"))
        for n in range(lines):
            administration = n >= lines - 2
            name, unit, price = units[n % len(units)]
            if administration:
                name, unit, price = ("Koordynacja zadania", "miesiąc", 60) if n == lines - 2 else (
                    "Obsługa księgowa", "miesiąc", 40)  # fmt: skip
            unit_cost = Decimal(price) + Decimal(rng.randint(0, 99)) / 100
            quantities = {year: Decimal(rng.randint(2, 12)) for year in years}
            amounts = {year: (unit_cost * q).quantize(Decimal("0.01")) for year, q in quantities.items()}
            for year, value in amounts.items():
                per_year_cost[year] += value
                if name.startswith("Praca wolontariuszy"):
                    per_year_volunteers[year] += value
            activity = None if administration else by_offer[offer.pk][n % 2]
            cost_lines.append(
                CostLine(
                    offer=offer,
                    position=n,
                    category="administration" if administration else "realization",
                    activity=activity,
                    name=f"{name} {n + 1}",
                    unit=unit,
                    unit_cost=unit_cost,
                    quantity=sum(quantities.values()),
                    year_amounts={str(y): str(v) for y, v in amounts.items()} if len(years) > 1 else {},
                )  # fmt: skip
            )
        for year in years:
            cost = per_year_cost[year]
            grant = (cost * Decimal("0.90")).quantize(Decimal("1"), rounding=ROUND_FLOOR)
            personal = min(per_year_volunteers[year], cost - grant)
            funding.append(Funding(offer=offer, year=year, grant=grant, own_personal=personal,
                                   own_financial=cost - grant - personal))  # fmt: skip
        results.append(ExpectedResult(offer=offer, position=0, name="Liczba uczestników", target_value="80 osób",
                                      monitoring="Listy obecności"))  # fmt: skip
    CostLine.objects.bulk_create(cost_lines, batch_size=2000)
    Funding.objects.bulk_create(funding, batch_size=2000)
    ExpectedResult.objects.bulk_create(results, batch_size=2000)
    return offers


def sessions_for(people: list) -> list[dict]:
    """A signed-in session and a CSRF secret for each person."""
    import datetime

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.middleware.csrf import _get_new_csrf_string
    from django.utils import timezone

    backend = "allauth.account.auth_backends.AuthenticationBackend"
    store = SessionStore()
    expires = timezone.now() + datetime.timedelta(days=2)
    rows, clients = [], []
    for user in people:
        key = store._get_new_session_key()
        data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: backend, HASH_SESSION_KEY: user.get_session_auth_hash()}
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        clients.append({"session": key, "csrf": _get_new_csrf_string()})
    Session.objects.bulk_create(rows, batch_size=1000)
    return clients


def budget_form(offer) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The budget section as the editor posts it (the cost-line formset and one funding form per year)."""
    lines = sorted(offer.cost_lines.all(), key=lambda line: line.position)
    years = offer.years
    data = {
        "lines-TOTAL_FORMS": str(len(lines)), "lines-INITIAL_FORMS": str(len(lines)),
        "lines-MIN_NUM_FORMS": "0", "lines-MAX_NUM_FORMS": "1000", "revision": str(offer.revision),
    }  # fmt: skip
    for i, line in enumerate(lines):
        data.update({
            f"lines-{i}-category": line.category, f"lines-{i}-activity": str(line.activity_id or ""),
            f"lines-{i}-name": line.name, f"lines-{i}-unit": line.unit, f"lines-{i}-unit_cost": str(line.unit_cost),
            f"lines-{i}-quantity": str(line.quantity),
        })  # fmt: skip
        if len(years) > 1:
            for year in years:
                data[f"lines-{i}-y{year}"] = str((line.year_amounts or {}).get(str(year), ""))
    for row in offer.funding.all():
        for source in ("grant", "own_financial", "own_personal", "own_material"):
            data[f"funding-{row.year}-{source}"] = str(getattr(row, source))
    return data


def prepare(*, organizations: int, autosavers: int, lines: int, warmups: int) -> dict:
    """The two calls, the organizations, their drafts and sessions; what the clients need."""
    import datetime

    from django.utils import timezone

    from razem.grants.validation import filing_problems

    year = timezone.localdate().year + 1
    later = timezone.now() + datetime.timedelta(days=1)
    main = make_call(number="BENCH/OKO/1", years=[year], deadline=later)
    warm = make_call(number="BENCH/OKO/ROZGRZEWKA", years=[year], deadline=later)
    filers = make_organizations("Oferent", organizations, 1)
    savers = make_organizations("Szkic", autosavers, 2)
    warmers = make_organizations("Rozgrzewka", 2 * warmups, 3)
    filed = make_drafts(main, filers, lines=lines, seed=1)
    saved = make_drafts(main, savers, lines=lines, seed=2)
    warm_drafts = make_drafts(warm, warmers, lines=lines, seed=3)
    for offer in (filed[0], filed[-1], warm_drafts[0]):
        problems = filing_problems(offer)
        if problems:
            raise SystemExit(f"The prepared draft {offer.pk} cannot be filed: {[p.message for p in problems]}")

    def filing_clients(owners: list, offers: list) -> list[dict]:
        sessions = sessions_for([person for _o, person, _r in owners])
        return [
            {**session, "path": f"/konkursy/oferty/{offer.pk}/zloz/", "offer": offer.pk,
             "form": {f"signatories_{organization.pk}": str(representative.pk), **DECLARATIONS}}
            for session, offer, (organization, _p, representative) in zip(sessions, offers, owners, strict=True)
        ]  # fmt: skip

    def saving_clients(owners: list, offers: list) -> list[dict]:
        sessions = sessions_for([person for _o, person, _r in owners])
        return [
            {**session, "path": f"/konkursy/oferty/{offer.pk}/edycja/koszty/", "offer": offer.pk,
             "form": budget_form(offer), "revision": offer.revision}
            for session, offer in zip(sessions, offers, strict=True)
        ]  # fmt: skip

    return {
        "main": main.pk,
        "filers": filing_clients(filers, filed),
        "savers": saving_clients(savers, saved),
        "warm_filers": filing_clients(warmers[:warmups], warm_drafts[:warmups]),
        "warm_savers": saving_clients(warmers[warmups:], warm_drafts[warmups:]),
    }


# The requests -------------------------------------------------------------------------------------------------------


def post(port: int, client: dict, form: dict, *, htmx: bool = False, timeout: float = 120) -> tuple[int, str, bytes]:
    body = urlencode({"csrfmiddlewaretoken": client["csrf"], **form})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"sessionid={client['session']}; csrftoken={client['csrf']}",
        "Origin": f"http://127.0.0.1:{port}",
        "Accept-Language": "pl",
    }
    if htmx:
        headers.update({"HX-Request": "true", "HX-Current-URL": f"http://127.0.0.1:{port}{client['path']}"})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("POST", client["path"], body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        return response.status, response.getheader("Location") or "", content
    finally:
        connection.close()


def file(port: int, client: dict) -> tuple[bool, str]:
    status, location, _body = post(port, client, client["form"])
    return status == 302 and location.endswith("/wersje/1/potwierdzenie/"), f"{status} {location}"


def autosave(port: int, client: dict, n: int) -> tuple[bool, str]:
    """One autosave of the budget section: the quantity of the first line alternates (one more than stored, then as
    stored, ...), so every save writes."""
    form = dict(client["form"])
    quantity = float(form["lines-0-quantity"])
    form["lines-0-quantity"] = f"{quantity + (n + 1) % 2:.2f}"
    status, _location, body = post(port, client, form, htmx=True)
    ok = status == 200 and b'data-state="saved"' in body
    return ok, f"{status} {body[:200]!r}"


def stats(latencies: list[float]) -> dict:
    latencies = sorted(latencies)
    return {
        "requests": len(latencies),
        "p50": percentile(latencies, 50) * 1000,
        "p95": percentile(latencies, 95) * 1000,
        "max": (latencies[-1] * 1000) if latencies else float("nan"),
    }


def burst(port: int, filers: list[dict], savers: list[dict], *, seconds: float, interval: float, clients: int,
          seed: int = 2026) -> dict:  # fmt: skip
    """The filings at their scheduled moments within ``seconds`` (at most ``clients`` at once), and the autosaves
    every ``interval`` seconds per draft, until the last filing has answered."""
    rng = random.Random(seed)
    schedule = sorted((rng.uniform(0, seconds), client) for client in filers)
    lock = threading.Lock()
    filing_times: list[float] = []
    late: list[float] = []
    filing_failures: list[str] = []
    saving_times: list[float] = []
    saving_failures: list[str] = []
    saves_ok: dict[int, int] = {}
    done = threading.Event()
    start = time.perf_counter() + 0.5

    def run_filing(at: float, client: dict) -> None:
        delay = start + at - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        began = time.perf_counter()
        try:
            ok, problem = file(port, client)
        except OSError as error:
            ok, problem = False, f"0 {error}"
        elapsed = time.perf_counter() - began
        with lock:
            filing_times.append(elapsed)
            late.append(max(0.0, began - (start + at)))
            if not ok:
                filing_failures.append(problem)

    def run_saver(client: dict, offset: float) -> None:
        own = random.Random(client["offer"])
        n = 0
        next_at = start + offset
        while not done.is_set():
            delay = next_at - time.perf_counter()
            if delay > 0 and done.wait(delay):
                break
            began = time.perf_counter()
            try:
                ok, problem = autosave(port, client, n)
            except OSError as error:
                ok, problem = False, f"0 {error}"
            elapsed = time.perf_counter() - began
            with lock:
                saving_times.append(elapsed)
                if ok:
                    saves_ok[client["offer"]] = saves_ok.get(client["offer"], 0) + 1
                else:
                    saving_failures.append(problem)
            n += 1
            next_at = began + interval * own.uniform(2 / 3, 4 / 3)

    savers_threads = [threading.Thread(target=run_saver, args=(client, rng.uniform(0, interval))) for client in savers]
    for thread in savers_threads:
        thread.start()
    wall_start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for at, client in schedule:
            pool.submit(run_filing, at, client)
    filings_done = time.perf_counter()
    done.set()
    for thread in savers_threads:
        thread.join()
    return {
        "filing": {
            **stats(filing_times),
            "errors": len(filing_failures),
            "failures": filing_failures,
            "late_p95": percentile(sorted(late), 95) * 1000,
            "late_max": max(late, default=0) * 1000,
            "seconds": filings_done - wall_start,
        },  # fmt: skip
        "autosave": {**stats(saving_times), "errors": len(saving_failures), "failures": saving_failures},
        "saves_ok": saves_ok,
    }


# The check ----------------------------------------------------------------------------------------------------------


def check(call_pk: int, *, organizations: int, lines: int, savers: list[dict], saves_ok: dict[int, int]) -> list[str]:
    """What the database must hold after the burst; returns the problems found."""
    from razem.grants.content import content_checksum
    from razem.grants.models import Call, Offer, OfferVersion

    call = Call.objects.get(pk=call_pk)
    problems = []
    filed = Offer.objects.filter(call=call, status=Offer.Status.FILED)
    if filed.count() != organizations:
        problems.append(f"{filed.count()} offers filed, expected {organizations}")
    versions = OfferVersion.objects.filter(offer__call=call)
    if versions.count() != organizations:
        problems.append(f"{versions.count()} versions, expected {organizations}")
    wrong = bad_lines = late = 0
    for version in versions.iterator(chunk_size=100):
        if content_checksum(version.content) != version.checksum:
            wrong += 1
        if len(version.content.get("costs", [])) != lines:
            bad_lines += 1
        if version.filed_at > call.submission_deadline:
            late += 1
    if wrong:
        problems.append(f"{wrong} versions whose stored checksum differs from the recomputed one")
    if bad_lines:
        problems.append(f"{bad_lines} versions without {lines} cost lines")
    if late:
        problems.append(f"{late} versions filed after the deadline")
    numbers = set(filed.values_list("number", flat=True))
    if len(numbers) != filed.count():
        problems.append("offer numbers repeat")
    revisions = dict(Offer.objects.filter(pk__in=[c["offer"] for c in savers]).values_list("pk", "revision"))
    statuses = set(Offer.objects.filter(pk__in=revisions).values_list("status", flat=True))
    if statuses - {Offer.Status.DRAFT}:
        problems.append(f"autosaved drafts are {statuses}")
    for client in savers:
        expected = client["revision"] + saves_ok.get(client["offer"], 0)
        if revisions.get(client["offer"]) != expected:
            problems.append(
                f"draft {client['offer']} has revision {revisions.get(client['offer'])}, expected {expected}"
            )
            break
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--port", type=int, default=8768)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: razem serve's)")
    parser.add_argument("--organizations", type=int, default=300, help="offers filed in the burst")
    parser.add_argument("--autosavers", type=int, default=50, help="drafts saved meanwhile")
    parser.add_argument("--lines", type=int, default=30, help="cost lines of each offer")
    parser.add_argument("--seconds", type=float, default=60.0, help="the window the filings are spread over")
    parser.add_argument("--autosave-interval", type=float, default=3.0, help="seconds between a draft's autosaves")
    parser.add_argument("--clients", type=int, default=64, help="filings in flight at most")
    parser.add_argument("--start-timeout", type=float, default=300.0, help="seconds the server may take to start")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (default: drop it)")
    args = parser.parse_args()
    workers = args.workers or int(os.environ.get("RAZEM_WEB_WORKERS") or 2 * (os.cpu_count() or 1) + 1)

    env = production_env(args.database, port=args.port)
    log = WORK_DIR / "offer_deadline.log"
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    log.write_text("")
    started = time.perf_counter()
    recreate_database(args.database)
    for command in (["migrate", "--noinput"], ["load_reference"], ["createcachetable"],
                    ["collectstatic", "--noinput", "--clear", "-v", "0"]):  # fmt: skip
        run_razem(*command, env=env, log=log)
    setup_django(env)
    data = prepare(organizations=args.organizations, autosavers=args.autosavers, lines=args.lines, warmups=workers)
    print(f"Database {args.database} ready in {time.perf_counter() - started:.1f} s: {args.organizations} complete "
          f"drafts to file and {args.autosavers} to autosave, {args.lines} cost lines each. razem serve on "
          f"127.0.0.1:{args.port} with {workers} gunicorn workers (sync), {os.cpu_count()} CPUs. "
          f"Log: {log}")  # fmt: skip

    import datetime

    from django.db import connections
    from django.utils import timezone

    from razem.grants.models import Call

    PatientServer.start_timeout = args.start_timeout
    with PatientServer(env, args.port, workers, log):
        warm_filings = [file(args.port, c) for c in data["warm_filers"]]
        warm_saves = [autosave(args.port, c, 0) for c in data["warm_savers"]]
        failed = [p for ok, p in warm_filings + warm_saves if not ok]
        if failed:
            print(f"Warm-up failed: {failed[:3]}; see {log}")
            return 1
        deadline = timezone.now() + datetime.timedelta(seconds=args.seconds + 30)
        Call.objects.filter(pk=data["main"]).update(submission_deadline=deadline)
        connections.close_all()
        print(f"Deadline moved to {timezone.localtime(deadline):%H:%M:%S}; load average before: "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
        result = burst(args.port, data["filers"], data["savers"], seconds=args.seconds,
                       interval=args.autosave_interval, clients=args.clients)  # fmt: skip
    print(f"Load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    problems = check(data["main"], organizations=args.organizations, lines=args.lines,
                             savers=data["savers"], saves_ok=result["saves_ok"])  # fmt: skip

    f, a = result["filing"], result["autosave"]
    print(f"\n{'':<10} requests  errors  p50 ms  p95 ms  max ms")
    print(f"{'filing':<10} {f['requests']:>8} {f['errors']:>7} {f['p50']:>7.1f} {f['p95']:>7.1f} {f['max']:>7.1f}")
    print(f"{'autosave':<10} {a['requests']:>8} {a['errors']:>7} {a['p50']:>7.1f} {a['p95']:>7.1f} {a['max']:>7.1f}")
    print(f"The filings took {f['seconds']:.1f} s (window {args.seconds:.0f} s); started late by p95 "
          f"{f['late_p95']:.0f} ms, at most {f['late_max']:.0f} ms.")  # fmt: skip
    for failure in sorted(set(f["failures"] + a["failures"]))[:10]:
        print(f"  failed: {failure}")
    held = (
        f"{args.organizations} offers filed, one version each, every stored checksum equal to the one recomputed "
        f"from the stored content, {args.lines} cost lines each, all before the deadline; the autosaved drafts still "
        "drafts, saved once per successful autosave"
    )
    print(f"\nIn the database: {'WRONG (' + '; '.join(problems) + ')' if problems else 'right: ' + held}")
    errors = f["errors"] + a["errors"]
    print(f"Bars: p95 filing <= {BAR_FILING_MS} ms: {'yes' if f['p95'] <= BAR_FILING_MS else 'NO'} ({f['p95']:.1f} "
          f"ms); p95 autosave <= {BAR_AUTOSAVE_MS} ms: {'yes' if a['p95'] <= BAR_AUTOSAVE_MS else 'NO'} "
          f"({a['p95']:.1f} ms); zero errors: {'yes' if not errors else 'NO'} ({errors}); all filed within "
          f"{args.seconds:.0f} s: {'yes' if f['seconds'] <= args.seconds + 1 else 'NO'}")  # fmt: skip
    if not args.keep:
        connections.close_all()
        drop_database(args.database)
    return 0 if not problems and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
