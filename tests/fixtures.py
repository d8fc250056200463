"""Fixtures the tests of several apps share, the browser tests in tests/e2e included (a plugin that the root
conftest loads); the data comes from ``tests/factories.py``. Personas (resident, officer, administrator...) are in
the root conftest; fixtures that only one app's tests use are in that app's conftest.

Organizations (people are signed-up residents; each organization has the three people as active admin /
representative / member):

- ``org_admin``: Olga Adamska; ``org_representative``: Piotr Reprezentant; ``org_member``: Celina Członkowska;
  ``requester``: Roman Prośba, has asked to join ``verified_org`` (membership status "requested");
- ``verified_org``: "Stowarzyszenie Przyjaciół Plant", KRS 0000100001, verified, in district I, area "1";
- ``pending_org``: "Fundacja Nowa Huta Czyta", KRS 0000100002, awaiting verification;
- ``suspended_org``: "Klub Sportowy Wisełka", KRS 0000100003, suspended with a reason;
- ``reference_data``: Kraków's 18 districts and the art. 4 areas (target groups come with the migrations); loading
  them writes two ``core.reference.*`` audit entries, so filter audit assertions by action;
- ``media_root``: MEDIA_ROOT in a temporary directory; ``english``: the source (English) messages are active.

Meetings:

- ``venue``: "Centrum Obywatelskie", ul. Reymonta 20, district V, with the room "Sala 1w038" (70 seats);
- ``make_meeting(**fields)``: ``MeetingFactory`` at the venue, created by ``officer``;
- ``register(meeting, person, **kw)``: the registration service, with on-commit callbacks run (e-mails sent).

Dialogue bodies:

- ``krdpp``: the council "Krakowska Rada Działalności Pożytku Publicznego" (public, appointed, 16 seats) with its
  current term ``current_term`` (VI kadencja, began 200 days ago, 3 years) and ``past_term`` (V kadencja);
- ``forum``: "Krakowskie Forum Lokalowe" (joined by application), ``commission``: "Komisja Dialogu Obywatelskiego
  ds. Młodzieży" (open), ``private_team``: a private team of KRDPP; each with a current term;
- ``seat(body, person, **fields)``: ``BodyMembershipFactory``; ``chair``: Bogdan Przewodniczący, chair of KRDPP;
  ``member``: Maria Członkini, member of KRDPP.

Elections:

- ``make_election(phase="voting", **fields)``: ``ElectionFactory`` for KRDPP, created by ``officer``;
- ``voters(n)``: n verified Kraków organizations, each with a representative (returned as (organization, person));
- ``ready(election, candidates=3)``: accepted candidacies (nominated by new organizations, consent given, support
  gathered) and, when the election is in its voting phase, the electorate frozen; returns the candidacies.

Recommendations:

- ``make_recommendation(status=..., parent=None, **fields)``: ``RecommendationFactory`` recorded by ``officer``, by
  default from ``forum``; ``a_year_ago``: the date 366 days ago.

The demo:

- ``demo``: the demo accounts by e-mail, with the whole demo loaded ONCE per test session (per xdist worker) into a
  copy of the test database; each test using it reads that copy inside its own transaction, rolled back at the end
  (so a test may change the demo), and every other test keeps seeing the ordinary empty test database.
"""

import contextlib
import datetime
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import make_person
from django.utils import timezone, translation

from razem.core.models import District, PublicBenefitArea
from razem.core.reference import load_districts, load_public_benefit_areas
from razem.elections.models import Candidacy, Election, Elector, Support
from razem.organizations.models import Organization
from tests import factories
from tests.factories import make_body, make_organization, with_people


@pytest.fixture(autouse=True)
def _fresh_sequences() -> None:
    """Factory sequences start at 1 in every test: numbered names do not depend on what ran before."""
    for factory_class in factories.all_factories():
        factory_class.reset_sequence()


# Organizations ------------------------------------------------------------------------------------------------------


# What the loaders wrote in this process's first test that asked for reference data: the rows of each table (in the
# order written, without their keys) and the data of each audit entry.
_REFERENCE: dict[str, Any] = {}
_REFERENCE_ACTIONS = ("core.reference.districts_loaded", "core.reference.areas_loaded")


@pytest.fixture
def reference_data(db) -> None:
    """The districts and areas as ``load_districts()`` and ``load_public_benefit_areas()`` leave them.

    The first test of a process (of an xdist worker) that asks for them runs the loaders, which validate every row
    (``full_clean``, a query a row: a third of a second); what they wrote is kept, and every later test whose tables
    are empty (every test but a demo one) gets the same rows and the same two audit entries, in the same order,
    written at once. A test that finds rows already there gets the loaders again."""
    if _REFERENCE and not District.objects.exists() and not PublicBenefitArea.objects.exists():
        _write_reference_again()
        return
    fresh = not District.objects.exists() and not PublicBenefitArea.objects.exists()
    load_districts()
    load_public_benefit_areas()
    if fresh and not _REFERENCE:
        _REFERENCE.update(_written_reference())


def _written_reference() -> dict[str, Any]:
    from razem.core.models import LogEntry

    def rows(model: Any) -> list[dict[str, Any]]:
        fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
        return list(model.objects.order_by("pk").values(*fields))

    entries = dict(LogEntry.objects.filter(action__in=_REFERENCE_ACTIONS).order_by("pk").values_list("action", "data"))
    return {"districts": rows(District), "areas": rows(PublicBenefitArea), "entries": entries}


def _write_reference_again() -> None:
    from django.db import transaction

    from razem.core import audit
    from razem.core.reference import forget_choices

    for model, key, action in (
        (District, "districts", _REFERENCE_ACTIONS[0]),
        (PublicBenefitArea, "areas", _REFERENCE_ACTIONS[1]),
    ):
        with transaction.atomic():  # as each loader is
            model.objects.bulk_create([model(**row) for row in _REFERENCE[key]])
            forget_choices()
            audit.record(actor=None, action=action, data=_REFERENCE["entries"][action])


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def org_admin(db):
    return make_person("olga.adamska@example.org", full_name="Olga Adamska")


@pytest.fixture
def org_representative(db):
    return make_person("piotr.reprezentant@example.org", full_name="Piotr Reprezentant")


@pytest.fixture
def org_member(db):
    return make_person("celina.czlonkowska@example.org", full_name="Celina Członkowska")


@pytest.fixture
def verified_org(reference_data, org_admin, org_representative, org_member) -> Organization:
    organization = make_organization(
        "Stowarzyszenie Przyjaciół Plant",
        krs="0000100001",
        district=District.objects.get(number=1),
        areas=PublicBenefitArea.objects.filter(code="1"),
        email="kontakt@planty.example.org",
    )
    return with_people(organization, org_admin, org_representative, org_member)


@pytest.fixture
def pending_org(reference_data, org_admin, org_representative, org_member) -> Organization:
    organization = make_organization(
        "Fundacja Nowa Huta Czyta",
        krs="0000100002",
        legal_form=Organization.LegalForm.FOUNDATION,
        status=Organization.Status.PENDING,
    )
    return with_people(organization, org_admin, org_representative, org_member)


@pytest.fixture
def suspended_org(reference_data, org_admin, org_representative, org_member) -> Organization:
    organization = make_organization(
        "Klub Sportowy Wisełka",
        krs="0000100003",
        legal_form=Organization.LegalForm.SPORTS_CLUB,
        status=Organization.Status.SUSPENDED,
        status_reason="Brak sprawozdania za 2025 r.",
    )
    return with_people(organization, org_admin, org_representative, org_member)


@pytest.fixture
def requester(verified_org):
    person = make_person("roman.prosba@example.org", full_name="Roman Prośba")
    factories.MembershipFactory(organization=verified_org, user=person, requested=True)
    return person


# Meetings -----------------------------------------------------------------------------------------------------------


@pytest.fixture
def venue(reference_data):
    return factories.VenueFactory(name="Centrum Obywatelskie")


@pytest.fixture
def make_meeting(db, venue, officer):
    def make(**fields: Any):
        fields.setdefault("venue", venue)
        fields.setdefault("created_by", officer)
        return factories.MeetingFactory(**fields)

    return make


@pytest.fixture
def register(django_capture_on_commit_callbacks):
    from razem.events.services import registrations

    def run(meeting, person, **kwargs: Any):
        with django_capture_on_commit_callbacks(execute=True):
            return registrations.register(actor=person, meeting=meeting, **kwargs)

    return run


# Dialogue bodies ----------------------------------------------------------------------------------------------------


@pytest.fixture
def krdpp(db):
    body = make_body(
        "Krakowska Rada Działalności Pożytku Publicznego", "krdpp", kind="council", short_name="KRDPP", seats=16
    )
    factories.TermFactory(body=body, past=True)
    return body


@pytest.fixture
def current_term(krdpp):
    return krdpp.terms.get(number=6)


@pytest.fixture
def past_term(krdpp):
    return krdpp.terms.get(number=5)


@pytest.fixture
def forum(db):
    return make_body("Krakowskie Forum Lokalowe", "forum-lokalowe", kind="forum", joining="application", seats=12)


@pytest.fixture
def commission(db):
    return make_body("Komisja Dialogu Obywatelskiego ds. Młodzieży", "kdo-mlodziezy", kind="commission", joining="open")


@pytest.fixture
def private_team(krdpp):
    return make_body("Zespół roboczy KRDPP ds. regulaminu", "zespol-regulamin", kind="team", visibility="private",
                     parent=krdpp)  # fmt: skip


@pytest.fixture
def seat(db):
    def make(body, person, **fields: Any):
        return factories.BodyMembershipFactory(body=body, person=person, **fields)

    return make


@pytest.fixture
def chair(krdpp, seat):
    person = make_person("przewodniczacy@example.org", full_name="Bogdan Przewodniczący")
    seat(krdpp, person, position="chair")
    return person


@pytest.fixture
def member(krdpp, seat):
    person = make_person("czlonkini@example.org", full_name="Maria Członkini")
    seat(krdpp, person)
    return person


# Elections ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def make_election(krdpp, officer):
    def make(phase: str = "voting", **fields: Any) -> Election:
        return factories.ElectionFactory(phase=phase, **{"body": krdpp, "created_by": officer, **fields})

    return make


@pytest.fixture
def voters(db, reference_data):
    counter = {"n": 0}

    def make(n: int) -> list[tuple]:
        made = []
        for _ in range(n):
            counter["n"] += 1
            i = counter["n"]
            organization = make_organization(f"Stowarzyszenie Wyborcze nr {i}", krs=f"{9000000000 + i:010d}")
            person = make_person(f"wyborca{i}@example.org", full_name=f"Wyborca Numer {i}")
            factories.MembershipFactory(organization=organization, user=person, representative=True)
            made.append((organization, person))
        return made

    return make


@pytest.fixture
def ready(voters):
    def make(election: Election, candidates: int = 3) -> list[Candidacy]:
        made = []
        supporters = [o for o, _p in voters(election.support_needed)]
        for organization, person in voters(candidates):
            candidacy = factories.CandidacyFactory(election=election, organization=organization, person=person)
            for supporter in supporters:
                Support.objects.create(candidacy=candidacy, organization=supporter)
            made.append(candidacy)
        if election.phase() in {"voting", "counting"}:
            from razem.elections.services import eligible_organizations

            for number, candidacy in enumerate(made, start=1):
                candidacy.ballot_number = number
                candidacy.save(update_fields=["ballot_number"])
            ids = list(eligible_organizations(election).values_list("pk", flat=True))
            Elector.objects.bulk_create([Elector(election=election, organization_id=pk) for pk in ids])
            election.electorate_frozen_at = timezone.now()
            election.electorate_size = len(ids)
            election.save(update_fields=["electorate_frozen_at", "electorate_size"])
        return made

    return make


# Recommendations ----------------------------------------------------------------------------------------------------


@pytest.fixture
def make_recommendation(forum, officer):
    def make(*, status: str = factories.S.SUBMITTED, parent=None, **fields: Any):
        if parent is None:
            fields.setdefault("body", forum)
        return factories.RecommendationFactory(actor=officer, status=status, parent=parent, **fields)

    return make


@pytest.fixture
def a_year_ago() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=366)


# The demo, loaded once -----------------------------------------------------------------------------------------------
#
# The demo takes seconds to load, and most demo tests only read it. It goes into a copy of the test database, made
# right after the test database is set up (before any test can change it), through a second connection object that
# the ``demo`` fixture puts in the place of the default connection for the duration of one test. Nothing else ever
# sees it: other tests use the default connection, which keeps the ordinary test database.

_DEMO_SUFFIX = "demo"


def _session_uses_demo(session: pytest.Session) -> bool:
    return any("demo" in getattr(item, "fixturenames", ()) for item in session.items)


def _copy_of_test_database() -> Any:
    """A connection to a fresh copy of the (just migrated) default test database."""
    from django.db import connections
    from django.db.utils import load_backend

    default = connections["default"]
    creation = default.creation
    if default.vendor == "sqlite" and creation.is_in_memory_db(default.settings_dict["NAME"]):
        settings = {**default.settings_dict, "NAME": f"file:memorydb_{_DEMO_SUFFIX}?mode=memory&cache=shared"}
        copy = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, alias="default")
        default.ensure_connection()
        copy.ensure_connection()
        default.connection.backup(copy.connection)
        return copy
    default.close()  # PostgreSQL copies a template database only while nobody is connected to it
    creation.clone_test_db(suffix=_DEMO_SUFFIX, verbosity=0, autoclobber=True)
    settings = creation.get_test_db_clone_settings(_DEMO_SUFFIX)
    return load_backend(settings["ENGINE"]).DatabaseWrapper(settings, alias="default")


def _drop(copy: Any) -> None:
    from django.db import connections
    from django.db.backends.base.base import BaseDatabaseWrapper

    BaseDatabaseWrapper.close(copy)  # SQLite's wrapper never closes an in-memory database itself: this frees it
    default = connections["default"]
    if not (copy.vendor == "sqlite" and copy.creation.is_in_memory_db(copy.settings_dict["NAME"])):
        default.creation.destroy_test_db(suffix=_DEMO_SUFFIX, verbosity=0)  # a PostgreSQL database, an SQLite file


@contextlib.contextmanager
def _default_connection_is(copy: Any) -> Iterator[None]:
    from django.db import connections

    real = connections["default"]
    connections["default"] = copy
    try:
        yield
    finally:
        connections["default"] = real


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request) -> Iterator[Any]:
    """pytest-django's test databases, and a copy of the default one for the demo when a collected test uses it."""
    if not _session_uses_demo(request.session):
        yield None
        return
    with django_db_blocker.unblock():
        copy = _copy_of_test_database()
    yield copy
    with django_db_blocker.unblock():
        _drop(copy)


@pytest.fixture(scope="session")
def _demo_database(django_db_setup, django_db_blocker) -> tuple[Any, dict[str, Any]]:
    from django.db import transaction

    from razem.core.demo import load_demo

    copy = django_db_setup
    with django_db_blocker.unblock(), _default_connection_is(copy), transaction.atomic():
        users = load_demo()
    _snapshot_files()
    return copy, users


def _file_roots() -> list[Path]:
    from django.conf import settings
    from django.core.files.storage import storages

    return [Path(settings.MEDIA_ROOT), Path(storages["private"].location)]


def _snapshot_files() -> None:
    """Keep the demo's uploaded and private files as loaded: a test's database changes are rolled back, and its file
    changes (a deleted attachment, a replaced logo) are undone from this copy."""
    for root in _file_roots():
        saved = root.with_name(root.name + ".demo")
        shutil.rmtree(saved, ignore_errors=True)
        if root.exists():
            shutil.copytree(root, saved)


def _restore_files() -> None:
    for root in _file_roots():
        saved = root.with_name(root.name + ".demo")
        shutil.rmtree(root, ignore_errors=True)
        if saved.exists():
            shutil.copytree(saved, root, dirs_exist_ok=True)


@pytest.fixture
def demo(_demo_database, db) -> Iterator[dict[str, Any]]:
    """The demo accounts by e-mail; the test runs against the demo database, its changes rolled back at the end."""
    from django.db import transaction

    copy, users = _demo_database
    with _default_connection_is(copy):
        atomic = transaction.atomic()
        atomic._from_testcase = True  # a test's own transaction, as TestCase marks it (see the root conftest)
        atomic.__enter__()
        try:
            yield users
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            _restore_files()
