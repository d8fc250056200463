"""A horizontal bar chart drawn on the server as SVG: no JavaScript, nothing the Content-Security-Policy blocks
(presentation attributes only, no ``style``).

Each group (a row of the table beside it) has one bar per series; every bar is labelled with its series and its
amount, so that nothing is told by colour alone, and the table is the chart's text alternative. The template
``grant_figures/_bar_chart.html`` draws what ``bar_chart`` lays out; the SVG has ``role="img"`` and is named by its
``<title>`` and ``<desc>``."""

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from razem.core.money import pln
from razem.grant_figures.selectors.figures import Figures, Table, YearFigures

WIDTH = 800
PLOT = 440  # the longest bar; its label follows it
LEGEND_HEIGHT = 32
GROUP_LABEL = 24
BAR = 18
BAR_GAP = 5
GROUP_GAP = 14
LABEL_CHARACTERS = 90  # a longer label is cut with an ellipsis (the table has it whole)
TEXT_COLOUR = "#212529"


@dataclasses.dataclass(frozen=True)
class Series:
    key: str
    label: str
    fill: str  # at least 3:1 against white (WCAG 1.4.11)


@dataclasses.dataclass(frozen=True)
class Bar:
    series: Series
    y: int
    width: float
    text: str
    text_x: float


@dataclasses.dataclass(frozen=True)
class BarGroup:
    label: str
    label_y: int
    bars: list[Bar]


@dataclasses.dataclass(frozen=True)
class LegendItem:
    series: Series
    x: int


@dataclasses.dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    width: int
    height: int
    groups: list[BarGroup]
    legend: list[LegendItem]
    text_colour: str = TEXT_COLOUR
    bar: int = BAR


def series() -> dict[str, Series]:
    return {
        "funds": Series("funds", _("Funds announced"), "#1d4e89"),
        "requested": Series("requested", _("Grants requested"), "#8a5a00"),
        "awarded": Series("awarded", _("Grants awarded"), "#1e7b34"),
        "returned": Series("returned", _("Returned"), "#8e2b6f"),
    }


def _legend(chosen: Sequence[Series]) -> list[LegendItem]:
    items, x = [], 0
    for item in chosen:
        items.append(LegendItem(item, x))
        x += 34 + 8 * len(item.label)
    return items


def bar_chart(
    *,
    key: str,
    title: str,
    description: str,
    chosen: Sequence[Series],
    groups: Sequence[tuple[str, Sequence[Decimal | None]]],
) -> Chart:
    """Lay out ``groups`` (a label and one value per series of ``chosen``; None draws no bar) against the largest
    value."""
    largest = max((value for _label, values in groups for value in values if value is not None), default=Decimal(0))
    y = LEGEND_HEIGHT
    laid_out = []
    for label, values in groups:
        label_y = y + 16
        y += GROUP_LABEL
        bars = []
        for item, value in zip(chosen, values, strict=True):
            if value is None:
                continue
            width = float(value) / float(largest) * PLOT if largest else 0.0
            width = max(width, 2.0) if value > 0 else 0.0
            text = _("%(series)s: %(amount)s") % {"series": item.label, "amount": pln(value)}
            bars.append(Bar(item, y, round(width, 1), text, round(width + 6, 1)))
            y += BAR + BAR_GAP
        if len(label) > LABEL_CHARACTERS:
            label = label[: LABEL_CHARACTERS - 1].rstrip() + "…"
        laid_out.append(BarGroup(label, label_y, bars))
        y += GROUP_GAP
    return Chart(key, title, description, WIDTH, y, laid_out, _legend(chosen))


def _values(figures: Figures, keys: Sequence[str]) -> list[Decimal | None]:
    return [getattr(figures, key) for key in keys]


def overview_chart(data: YearFigures) -> Chart:
    """The year at a glance: funds, requests, awards and returns of the competitions and of the small grants."""
    keys = ["funds", "requested", "awarded", "returned"]
    chosen = [series()[key] for key in keys]
    rows = data.overview.groups[0].rows
    return bar_chart(
        key="overview",
        title=_("Grants in %(year)s: funds announced, requested, awarded and returned") % {"year": data.year},
        description=_("A bar chart of the table below, for the open competitions and the small grants."),
        chosen=chosen,
        groups=[(row.label, _values(row.figures, keys)) for row in rows],
    )


def table_chart(table: Table, *, title: str) -> Chart:
    """The competitions' rows of ``table`` (departments or areas): funds, requests and awards."""
    keys = ["funds", "requested", "awarded"]
    chosen = [series()[key] for key in keys]
    rows = table.groups[0].rows
    return bar_chart(
        key=table.key,
        title=title,
        description=_("A bar chart of the open competitions' rows of the table below."),
        chosen=chosen,
        groups=[(row.label, _values(row.figures, keys)) for row in rows],
    )
