"""The grant an offer requests in one budget year, read in the database from its filed version.

The filed version's content (``grants.content.offer_content``) holds the sources of funding of each year under
``budget.sources_by_year.<year>.grant``. Django's key transforms read a key made of digits ("2027") as an array
index on SQLite, so the path is written out here, every step an object key, for SQLite and PostgreSQL alike."""

import json
from typing import Any

from django.db.models import DecimalField, F, Func, TextField, Value
from django.db.models.functions import Cast, Coalesce

MONEY = DecimalField(max_digits=16, decimal_places=2)


class JsonText(Func):
    """The text (or null) at ``path`` in a JSON column; every step of the path is an object key."""

    output_field = TextField()

    def __init__(self, expression: Any, *path: str) -> None:
        self.path = [str(step) for step in path]
        super().__init__(expression)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[Any, ...]]:  # type: ignore[override]
        sql, params = compiler.compile(self.source_expressions[0])
        json_path = "$" + "".join(f".{json.dumps(step)}" for step in self.path)
        return f"JSON_EXTRACT({sql}, %s)", (*params, json_path)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} #>> %s)", (*params, self.path)


def grant_in(content: str, year: int) -> Cast:
    """The grant of ``year`` in the version whose content is at the lookup ``content``, as a decimal (null when
    the version has no such year)."""
    return Cast(JsonText(F(content), "budget", "sources_by_year", str(year), "grant"), MONEY)


def requested_in(year: int, prefix: str = "") -> Coalesce:
    """What an offer requests in ``year``: the grant of that year in the version the decision was made on
    (``Award.version``), or, for an offer without an award, in its current filed version. Never the live rows:
    the update after a partial award rewrites them to the amount awarded, and a correction in progress changes
    them before it is filed. ``prefix`` leads from the queryset's model to the offer (``"offer__"``)."""
    return Coalesce(
        grant_in(f"{prefix}award__version__content", year),
        grant_in(f"{prefix}current_version__content", year),
        Value(0, output_field=MONEY),
        output_field=MONEY,
    )
