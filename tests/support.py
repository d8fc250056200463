"""Helpers the tests of several apps share (fixtures are in tests/fixtures.py, test data in tests/factories.py).

Permission tables: a test writes who may do what as a table, a row per situation and a column per persona,
each cell "Y" when the persona holds the permission ("-": never), and checks each cell against a fresh user.
"""

from django.contrib.auth.models import AnonymousUser

from razem.accounts.models import User


def parse(table: str, personas: list[str]) -> dict[str, dict[str, str]]:
    """The table as {row: {persona: cell}}, "-" read as ""; the header must name ``personas`` in order."""
    header, *rows = [line.split() for line in table.strip().splitlines()]
    assert header[1:] == personas, header
    parsed = {}
    for row, *cells in rows:
        assert len(cells) == len(personas), row
        parsed[row] = {persona: ("" if cell == "-" else cell) for persona, cell in zip(personas, cells, strict=True)}
    return parsed


def fresh(user: User | AnonymousUser | None) -> User | AnonymousUser:
    """The person as read again from the database (no cached permissions), or an anonymous visitor."""
    return AnonymousUser() if user is None or not user.is_authenticated else User.objects.get(pk=user.pk)


def needs_postgresql() -> None:
    """Skip a test of real concurrent transactions on SQLite, whose writes are one at a time anyway."""
    import pytest
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL (DATABASE_URL=postgres://...)")


def at_once(jobs: list) -> list:
    """Run ``jobs`` in threads released together by a barrier; each outcome is what the job returned or raised."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(len(jobs), timeout=20)
    outcomes: list = [None] * len(jobs)

    def run(index: int, job) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            outcomes[index] = job()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
