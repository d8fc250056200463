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
