"""Persona fixtures shared by every test: one per role (ARCHITECTURE.md, Tests).

NGO member and NGO representative personas arrive with the organizations app.
"""

import contextlib

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from razem.accounts.models import User

# Property tests (hypothesis) run on busy CI machines beside xdist workers: no wall-clock deadline and no
# "too slow" health check, so that a loaded machine never fails a test whose arithmetic is right; the examples are
# derandomized so that a failure is reproducible from the run that found it.
hypothesis_settings.register_profile(
    "razem", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True, print_blob=True
)
hypothesis_settings.load_profile("razem")


def _static_files_found_once() -> None:
    """WhiteNoise (``WHITENOISE_USE_FINDERS`` in the test settings) lists and stats every static file whenever its
    middleware is built: once per test client, a tenth of a second each. The files it finds are kept per process
    and per the settings that decide them, so that each new client gets the same table at once."""
    from whitenoise.middleware import WhiteNoiseMiddleware

    scan = WhiteNoiseMiddleware.add_files_from_finders
    found: dict[tuple, dict] = {}

    def add_files_from_finders(self) -> None:  # type: ignore[no-untyped-def]
        from django.conf import settings

        key = (
            self.static_prefix,
            self.max_age,
            self.allow_all_origins,
            self.charset,
            self.index_file,
            self.add_headers_function,
            repr(self.media_types.types_map),
            repr(settings.STATICFILES_DIRS),
            tuple(settings.STATICFILES_FINDERS),
            tuple(settings.INSTALLED_APPS),
            repr(settings.STORAGES.get("staticfiles")),
        )
        if key not in found:
            kept, self.files = self.files, {}
            scan(self)
            found[key], self.files = self.files, kept
        self.files.update(found[key])

    WhiteNoiseMiddleware.add_files_from_finders = add_files_from_finders  # type: ignore[method-assign]


_static_files_found_once()

PASSWORD = "Correct-Horse-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def make_person(email: str, role: str = User.Role.RESIDENT, *, full_name: str = "", totp: bool = False) -> User:
    user = User.objects.create_user(
        email=email,
        password=PASSWORD,
        full_name=full_name or email.split("@")[0].replace(".", " ").title(),
        role=role,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if totp:
        TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def resident(db) -> User:
    return make_person("maria.kowalska@example.org", full_name="Maria Kowalska")


@pytest.fixture
def other_resident(db) -> User:
    return make_person("jan.zielinski@example.org", full_name="Jan Zieliński")


@pytest.fixture
def officer(db) -> User:
    return make_person("urszula.nowak@krakow.example", User.Role.OFFICER, full_name="Urszula Nowak", totp=True)


@pytest.fixture
def administrator(db) -> User:
    return make_person("adam.admin@krakow.example", User.Role.ADMINISTRATOR, full_name="Adam Administrator", totp=True)


@pytest.fixture
def personas(anonymous, resident, officer, administrator) -> dict:
    return {"anonymous": anonymous, "resident": resident, "officer": officer, "administrator": administrator}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and used TOTP codes live in the cache; every test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def resident_client(client, resident):
    client.force_login(resident)
    return client


# Commits as in production ------------------------------------------------------------------------------------------
#
# pytest-django runs each test inside transactions that never commit, so ``transaction.on_commit`` callbacks
# (e-mail, notifications sent by notify_many, tasks) would never run. Here they run when a service's outermost
# transaction ends, as they would after a real commit, and at once when no service transaction is open, as in
# autocommit. ``django_capture_on_commit_callbacks`` pauses this and captures them as pytest-django does.


class _CommitLikeProduction:
    def __init__(self) -> None:
        self.active = True

    @contextlib.contextmanager
    def paused(self):  # type: ignore[no-untyped-def]
        before, self.active = self.active, False
        try:
            yield
        finally:
            self.active = before


def _only_test_transactions(connection) -> bool:  # type: ignore[no-untyped-def]
    return connection.in_atomic_block and all(getattr(b, "_from_testcase", False) for b in connection.atomic_blocks)


@pytest.fixture(autouse=True)
def _commit_like_production(request, monkeypatch):  # type: ignore[no-untyped-def]
    """Off for tests marked ``uncommitted``: they look at what a transaction leaves for after its commit."""
    from django.db import transaction
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.transaction import Atomic

    state = _CommitLikeProduction()
    state.active = request.node.get_closest_marker("uncommitted") is None
    original_on_commit = BaseDatabaseWrapper.on_commit
    original_exit = Atomic.__exit__

    def on_commit(self, func, robust=False):  # type: ignore[no-untyped-def]
        if state.active and _only_test_transactions(self):
            func()
            return
        original_on_commit(self, func, robust)

    def exit_(self, exc_type, exc_value, traceback):  # type: ignore[no-untyped-def]
        result = original_exit(self, exc_type, exc_value, traceback)
        connection = transaction.get_connection(self.using)
        if state.active and not self._from_testcase and _only_test_transactions(connection):
            # Taken all at once: a callback's own transaction ends here again, and must find nothing left to run.
            pending, connection.run_on_commit = connection.run_on_commit, []
            for _sids, func, _robust in pending:
                func()
        return result

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit)
    monkeypatch.setattr(Atomic, "__exit__", exit_)
    return state


@pytest.fixture
def django_capture_on_commit_callbacks(_commit_like_production):  # type: ignore[no-untyped-def]
    from django.test import TestCase

    @contextlib.contextmanager
    def capture(**kwargs):  # type: ignore[no-untyped-def]
        with _commit_like_production.paused(), TestCase.captureOnCommitCallbacks(**kwargs) as callbacks:
            yield callbacks

    return capture


# The order of the run ------------------------------------------------------------------------------------------------
#
# pytest-xdist's worksteal scheduler gives each worker a contiguous half of the collected tests and lets an idle worker
# take the end of another's queue. The longest tests go first, so that none of them is left for the end while the
# other worker waits; then the tests that use the demo (loaded once per worker that needs it) and the browser tests
# (one Chromium and one live server per worker), so that they tend to stay on one worker; then everything else in
# the order collected. The transactional tests (the browser tests among them) come after all the others, in the same
# order among themselves. Only the order changes: every test runs, each on its own fixtures.

LONGEST_FIRST = (
    "tests/core/test_xss.py::test_no_payload_typed_into_any_form_runs_as_script_on_any_page",
    "tests/core/test_form_fuzz.py::test_no_form_value_causes_a_server_error",
    "tests/core/test_backup.py::",  # one filled installation per module: its tests stay together
    "tests/core/test_cli.py::test_the_demo_can_be_prepared_twice_without_duplicating_anything",
    "tests/core/test_url_matrix.py::",  # one survey of the site per worker: its tests stay together
)


TRANSACTIONAL = {"transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}


def _transactional(item: pytest.Item) -> bool:
    """A test that commits and then empties the test database (the browser tests, the concurrency tests): after it,
    what the migrations seeded (the statutory values) is gone, so it runs after every other test, as pytest-django
    and Django's own runner order them."""
    if TRANSACTIONAL & set(getattr(item, "fixturenames", ())):
        return True
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))


def _rank(item: pytest.Item) -> tuple[int, int, int]:
    last = int(_transactional(item))
    for rank, prefix in enumerate(LONGEST_FIRST):
        if item.nodeid.startswith(prefix):
            return (last, 0, rank)
    if "demo" in getattr(item, "fixturenames", ()):
        return (last, 1, 0)
    if item.nodeid.startswith("tests/e2e/"):
        return (last, 2, 0)
    return (last, 3, 0)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_rank)  # stable: the collected order within each rank


# Fixtures the tests of several apps share (organizations and their people, meetings, dialogue bodies, elections,
# recommendations, the demo loaded once), built from tests/factories.py: see tests/fixtures.py.
pytest_plugins = ["tests.fixtures"]


# Query counts ----------------------------------------------------------------------------------------------------


def _rendered(assert_queries):  # type: ignore[no-untyped-def]
    @contextlib.contextmanager
    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        from razem.core import pagecache

        with pagecache.bypassed(), assert_queries(*args, **kwargs) as context:
            yield context

    return counted


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries):  # type: ignore[no-untyped-def]
    """A query count is about a page as it is rendered: inside it, the page cache (which answers a repeated
    anonymous visit with no query at all, tests/core/test_pagecache.py) is bypassed."""
    return _rendered(django_assert_num_queries)


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    return _rendered(django_assert_max_num_queries)
