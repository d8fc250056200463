"""Points as people read them: an average to two decimals ("10,33"), given points as typed ("4,5")."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy

from razem.commissions.arithmetic import points_text
from razem.core.money import pln

register = template.Library()


@register.filter
def average(value: Any) -> str:
    """An average (already rounded half up to 0.01) as "10,33", or "—" when nobody scored."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):.2f}".replace(".", ",")


@register.filter
def points(value: Any) -> str:
    """Points given or a maximum as "4,5" / "5", or "—"."""
    if value is None or value == "":
        return "—"
    return points_text(Decimal(value))


HIDDEN = {
    "conflict": gettext_lazy("Hidden: you declared a conflict of interest with this offer."),
    "excluded": gettext_lazy("Hidden: you are excluded from the commission."),
    "declaration": gettext_lazy(
        "Hidden: you sit on the commission and have not signed your declaration for this offer."
    ),
}


def _proposal_cell(row: Any, multi_year: bool) -> str:
    field = getattr(row, "input", None)
    if field:
        errors = field["errors"]
        name, id_ = escape(field["name"]), escape(field["id"])
        cell = (
            f'<label class="visually-hidden" for="{id_}">{escape(field["label"])}</label><input type="text" '
            f'name="{name}" id="{id_}" value="{escape(field["value"])}" maxlength="20" size="12" inputmode="decimal" '
            f'autocomplete="off" class="form-control form-control-sm text-end'
        )
        if errors:
            said = escape(" ".join(str(e) for e in errors))
            cell += (
                f' is-invalid" aria-invalid="true" aria-describedby="{id_}_error">'
                f'<div class="invalid-feedback d-block" id="{id_}_error">{said}</div>'
            )
        else:
            cell += '">'
    elif row.proposal is not None:
        cell = escape(pln(row.proposal))
    else:
        cell = "—"
    if multi_year and row.proposal_by_year:
        parts = "; ".join(f"{year}: {pln(amount)}" for year, amount in row.proposal_by_year.items())
        cell += f'<br><small class="text-nowrap">{escape(parts)}</small>'
    return cell


@register.simple_tag
def ranking_rows(ranking: Any, multi_year: bool) -> SafeString:
    """The rows of the office's ranking table (``commissions/staff/ranking.html``), written here rather than in the
    template: 300 rows of a dozen cells would take most of the page's time through the template engine. Every
    text is escaped (``django.utils.html.escape``)."""
    columns = len(ranking.criteria)
    if not ranking.rows:
        text = escape(gettext("No offer has been admitted to the commission yet."))
        return mark_safe(f'<tr><td colspan="{columns + 7}">{text}</td></tr>')  # noqa: S308 - escaped
    hidden = {key: escape(str(text)) for key, text in HIDDEN.items()}
    parts = []
    for row in ranking.rows:
        offer = row.offer
        badge = (
            f' <span class="badge text-bg-secondary">{escape(offer.get_status_display())}</span>'
            if offer.status != "admitted"
            else ""
        )
        heading = (
            f'<th scope="row" class="fw-normal"><a href="{escape(getattr(row, "url", ""))}">{escape(offer.number)}</a>'
            f"{badge}<br><small>{escape(', '.join(row.oferents))}</small><br>"
            f'<small class="text-body-secondary">{escape(row.title)}</small></th>'
        )
        if row.hidden:
            points = f'<td class="text-end" colspan="{columns + 3}">{hidden[row.hidden]}</td>'
        else:
            experts = (
                f"{average(row.expert_average)} <small>({row.experts_scored})</small>"
                if row.expert_average is not None
                else "—"
            )
            criteria = "".join(f'<td class="text-end">{average(v)}</td>' for v in row.criteria)
            points = (
                f'<td class="text-end fw-bold">{average(row.average)}</td>'
                f'<td class="text-end text-nowrap">{row.scored} / {row.expected}</td>{criteria}'
                f'<td class="text-end">{experts}</td>'
            )
        warning = ' class="table-warning"' if row.unscored else ""
        parts.append(
            f"<tr{warning}><td>{row.position or '—'}</td>{heading}{points}"
            f'<td class="text-end text-nowrap">{escape(pln(row.requested))}</td>'
            f'<td class="text-end">{_proposal_cell(row, multi_year)}</td></tr>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text in it escaped
