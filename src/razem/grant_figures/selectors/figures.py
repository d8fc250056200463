"""The figures of one budget year, as the annual report on the cooperation programme needs them (art. 5a ust. 3):
funds announced, offers filed and grants requested, offers funded and grants awarded, contracts signed, sums
returned; for the open competitions per department and per public-benefit area, and small grants (art. 19a) as a
group of their own.

Every figure is summed in the database, grouped by department or by area (``values()``/``annotate()``): nine
queries whatever the number of calls and offers (``figure_years`` one, ``year_figures`` eight).

What counts (``scope``):

- **funds announced**: the ``CallFunds`` of the year of published calls that are not cancelled;
- **offers filed, grants requested**: the offers filed (not drafts, not withdrawn) in those calls and the small
  grants, with what each requests for the year in its filed version (``expressions.requested_in``: the version the
  decision was made on, or the current filed version); an offer counts in a year it requests a grant for;
- **offers funded, grants awarded**: the ``AwardYear`` rows of the year of public awards (results published, or
  a small grant; not resigned); a multi-year award counts in each year by its part of that year;
- **contracts signed**: the offers funded in the year whose contract has a date of signing;
- **returned**: ``reports.Settlement.returned`` by the settlement's year.

A call may have several public-benefit areas: it counts under each of them, so that the rows of the areas add up
to more than the total; the subtotal and the total count each call once. A call without an area is a row of its
own. Small grants (art. 19a) are a group of their own: they have no call, hence no funds announced and no
department (one row); their area is the kind of task of each (``small_grants.SmallGrant.area``).
"""

import dataclasses
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from razem.core.money import ZERO, money
from razem.grant_figures.expressions import requested_in
from razem.grant_figures.selectors import scope
from razem.grants.models import AwardYear, CallFunds, Funding, Offer

COMPETITION = Offer.Kind.COMPETITION
SMALL_GRANT = Offer.Kind.SMALL_GRANT
AREA_FIELDS = ("id", "code", "name", "position")
NO_AREA = "none"


@dataclasses.dataclass
class Figures:
    """The figures of one row. ``funds`` is None where no funds are announced (small grants)."""

    funds: Decimal | None = ZERO
    offers: int = 0
    requested: Decimal = ZERO
    funded: int = 0
    awarded: Decimal = ZERO
    contracts: int = 0
    returned: Decimal = ZERO

    def __add__(self, other: "Figures") -> "Figures":
        funds = None if self.funds is None and other.funds is None else money((self.funds or 0) + (other.funds or 0))
        return Figures(
            funds=funds,
            offers=self.offers + other.offers,
            requested=money(self.requested + other.requested),
            funded=self.funded + other.funded,
            awarded=money(self.awarded + other.awarded),
            contracts=self.contracts + other.contracts,
            returned=money(self.returned + other.returned),
        )

    @property
    def empty(self) -> bool:
        return not (self.funds or self.offers or self.requested or self.funded or self.awarded or self.returned)


def total(figures: Iterable[Figures], *, funds: bool = True) -> Figures:
    result = Figures(funds=ZERO if funds else None)
    for item in figures:
        result = result + item
    return result


@dataclasses.dataclass(frozen=True)
class Row:
    key: str
    label: str
    figures: Figures
    note: str = ""


@dataclasses.dataclass(frozen=True)
class Group:
    key: str
    label: str
    rows: list[Row]
    subtotal: Row | None = None


@dataclasses.dataclass(frozen=True)
class Table:
    key: str
    caption: str
    header: str
    groups: list[Group]
    total: Row
    notes: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class YearFigures:
    year: int
    overview: Table
    by_department: Table
    by_area: Table

    @property
    def tables(self) -> list[Table]:
        return [self.overview, self.by_department, self.by_area]

    @property
    def has_data(self) -> bool:
        return not self.overview.total.figures.empty


# The queries --------------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class _Sums:
    """What the database answered, keyed by ``(kind, department)`` and by ``(kind, area id)``."""

    funds: dict[Any, Decimal] = dataclasses.field(default_factory=dict)
    requested: dict[Any, tuple[int, Decimal]] = dataclasses.field(default_factory=dict)
    awarded: dict[Any, tuple[int, Decimal, int]] = dataclasses.field(default_factory=dict)
    returned: dict[Any, Decimal] = dataclasses.field(default_factory=dict)

    def figures(self, key: Any) -> Figures:
        offers, requested = self.requested.get(key, (0, ZERO))
        funded, awarded, contracts = self.awarded.get(key, (0, ZERO, 0))
        return Figures(
            funds=money(self.funds.get(key, ZERO)) if key[0] == COMPETITION else None,
            offers=offers,
            requested=money(requested),
            funded=funded,
            awarded=money(awarded),
            contracts=contracts,
            returned=money(self.returned.get(key, ZERO)),
        )

    def seen(self) -> set[Any]:
        return set(self.funds) | set(self.requested) | set(self.awarded) | set(self.returned)


def _grouped(
    queryset: QuerySet[Any], *, offer: str | None, by: str, areas: dict[Any, dict[str, Any]], **aggregates: Any
) -> Iterable[tuple[tuple[str, Any], dict[str, Any]]]:
    """``queryset`` summed per kind of offer and per department or area (``by``), keyed ``(kind, department)`` or
    ``(kind, area id)``. ``offer`` leads from the queryset's model to the offer (``""`` on Offer, ``"award__offer__"``
    on AwardYear), or is None on CallFunds (no offer: competitions only, the call at ``call__``). A competition's
    areas are its call's; a small grant's is its ``small_grants.SmallGrant.area``. The areas met go into ``areas``
    (code, name, position)."""
    call = "call__" if offer is None else f"{offer}call__"
    fields = [] if offer is None else [f"{offer}kind"]
    sources = [f"{call}areas__"] if offer is None else [f"{call}areas__", f"{offer}small_grant__area__"]
    if by == "areas":
        fields += [f"{source}{field}" for source in sources for field in AREA_FIELDS]
    else:
        fields.append(f"{call}department")
    for row in queryset.values(*fields).annotate(**aggregates).order_by():
        kind = COMPETITION if offer is None else row[f"{offer}kind"]
        if by != "areas":
            yield (kind, row[f"{call}department"]), row
            continue
        area_id = NO_AREA
        for source in sources:
            if row[f"{source}id"] is not None:
                area_id = row[f"{source}id"]
                areas[area_id] = {field: row[f"{source}{field}"] for field in AREA_FIELDS}
                break
        yield (kind, area_id), row


def _sums(year: int, by: str, areas: dict[Any, dict[str, Any]]) -> _Sums:
    """Four queries: the funds, the requests, the awards and the returns of ``year``, grouped by ``by``
    (``"department"`` or ``"areas"``)."""
    sums = _Sums()
    funds = CallFunds.objects.filter(year=year, call__status__in=scope.PUBLIC_CALL_STATUSES)
    for key, row in _grouped(funds, offer=None, by=by, areas=areas, total=Sum("amount")):
        sums.funds[key] = row["total"] or ZERO

    offers = (
        Offer.objects.filter(scope.filed_offer(), scope.counted_call())
        .alias(asked=requested_in(year))
        .filter(asked__gt=0)
    )
    for key, row in _grouped(offers, offer="", by=by, areas=areas, n=Count("pk"), total=Sum("asked")):
        sums.requested[key] = (row["n"], row["total"] or ZERO)

    awards = AwardYear.objects.filter(scope.public_award("award__"), year=year, amount__gt=0)
    contract = "award__offer__contract"
    aggregates = {
        "n": Count("award"),
        "total": Sum("amount"),
        "contracts": Count(contract, filter=scope.signed_contract(f"{contract}__")),
    }
    for key, row in _grouped(awards, offer="award__offer__", by=by, areas=areas, **aggregates):
        sums.awarded[key] = (row["n"], row["total"] or ZERO, row["contracts"])

    returned = scope.settlements().filter(year=year)
    for key, row in _grouped(returned, offer="contract__offer__", by=by, areas=areas, total=Sum("returned")):
        sums.returned[key] = row["total"] or ZERO
    return sums


def figure_years() -> list[int]:
    """The budget years with any figure (funds announced, an offer filed, a public award, a settlement), latest
    first: one query."""
    funds = CallFunds.objects.filter(call__status__in=scope.PUBLIC_CALL_STATUSES).values_list("year").order_by()
    filed = Funding.objects.filter(scope.filed_offer("offer__"), scope.counted_call("offer__"))
    awards = AwardYear.objects.filter(scope.public_award("award__")).values_list("year").order_by()
    settled = scope.settlements().values_list("year").order_by()
    years = funds.union(awards, filed.values_list("year").order_by(), settled).order_by()
    return sorted({year for (year,) in years}, reverse=True)


# The tables ---------------------------------------------------------------------------------------------------------


def _subtotal(group: Group) -> Figures:
    return group.subtotal.figures if group.subtotal is not None else total(row.figures for row in group.rows)


def _area_label(area: Mapping[str, Any]) -> str:
    return f"{area['code']}. {str(area['name']).rstrip(' ;.')}"


def _area_rows(sums: _Sums, areas: dict[Any, dict[str, Any]], kind: str, prefix: str) -> list[Row]:
    keys = {key[1] for key in sums.seen() if key[0] == kind}
    known = sorted((k for k in keys if k != NO_AREA), key=lambda k: (areas[k]["position"], areas[k]["code"]))
    rows = [Row(f"{prefix}area-{areas[k]['code']}", _area_label(areas[k]), sums.figures((kind, k))) for k in known]
    if NO_AREA in keys:
        rows.append(Row(f"{prefix}area-none", _("No public-benefit area given"), sums.figures((kind, NO_AREA))))
    return rows


def _by_department(year: int, sums: _Sums) -> Table:
    departments = sorted({key[1] for key in sums.seen() if key[0] == COMPETITION}, key=lambda d: (d or "").casefold())
    rows = [
        Row(f"department-{n}", department or _("Department not given"), sums.figures((COMPETITION, department)))
        for n, department in enumerate(departments, start=1)
    ]
    competitions = total(row.figures for row in rows)
    subtotal = Row("competitions-total", _("Open competitions in total"), competitions)
    small = Row("small-grants", _("All small grants"), sums.figures((SMALL_GRANT, None)))
    return Table(
        key="departments",
        caption=_("Grants in %(year)s per department running the call") % {"year": year},
        header=_("Department"),
        groups=[
            Group("competitions", _("Open competitions"), rows, subtotal),
            Group("small-grants", _("Small grants (art. 19a)"), [small]),
        ],
        total=Row("total", _("Total"), competitions + small.figures),
        notes=[_("Small grants are not run by a call, so they have no department.")],
    )


def _by_area(year: int, sums: _Sums, areas: dict[Any, dict[str, Any]], by_department: Table) -> Table:
    """The rows of the areas from ``sums``; the subtotals and the total as ``by_department`` has them (each call
    once)."""
    competitions, small = by_department.groups
    return Table(
        key="areas",
        caption=_("Grants in %(year)s per public-benefit area (art. 4 ust. 1)") % {"year": year},
        header=_("Public-benefit area"),
        groups=[
            Group(
                "competitions",
                _("Open competitions"),
                _area_rows(sums, areas, COMPETITION, ""),
                Row(
                    "competitions-total",
                    _("Open competitions in total, each call counted once"),
                    _subtotal(competitions),
                ),
            ),
            Group(
                "small-grants",
                _("Small grants (art. 19a)"),
                _area_rows(sums, areas, SMALL_GRANT, "small-grants-"),
                Row("small-grants-total", _("Small grants in total"), small.rows[0].figures),
            ),
        ],
        total=by_department.total,
        notes=[
            _(
                "A call in more than one public-benefit area counts under each of them, so the rows of the areas "
                "add up to more than the subtotal; the subtotals and the total count each call once. A small grant "
                "has one area, the kind of its task."
            )
        ],
    )


def _overview(year: int, by_department: Table) -> Table:
    competitions, small = by_department.groups
    rows = [
        Row("competitions", _("Open competitions (art. 11–16)"), _subtotal(competitions)),
        Row("small-grants", _("Small grants (art. 19a)"), small.rows[0].figures),
    ]
    return Table(
        key="overview",
        caption=_("Grants in %(year)s at a glance") % {"year": year},
        header=_("Mode"),
        groups=[Group("all", "", rows)],
        total=Row("total", _("Total"), by_department.total.figures),
        notes=[_("Small grants are given without a call, so no funds are announced for them.")],
    )


def year_figures(year: int) -> YearFigures:
    """The figures of budget ``year``: eight queries (four grouped by department, four by area)."""
    areas: dict[Any, dict[str, Any]] = {}
    by_department = _by_department(year, _sums(year, "department", areas))
    by_area = _by_area(year, _sums(year, "areas", areas), areas, by_department)
    return YearFigures(year=year, overview=_overview(year, by_department), by_department=by_department, by_area=by_area)
