"""The office's pages of the offers of a call, under /panel/konkursy/<slug>/oferty/ (point 12 of the issue).

- ``offer_list``: the filed offers (and the withdrawn ones, marked) with their sums, the call's funds per year
  against the grants requested, and the export (CSV, XLSX with a sheet of cost lines), through ``core.lists``;
- ``offer_detail``: a filed version rendered from its frozen content (the current one, or ``?wersja=N``), the list
  of versions with their checksums, who filed them and when, the PDF of each, and the attachments;
- ``offer_changes``: what changed between two versions (``grants.content.diff``).

Only city staff (``grants.view_call_offers``): anyone else signed in gets 403, an offer never filed (a draft) or of
another call is 404. Every figure is the filed version's (``grants.selectors.staff``).
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.core.access import require_perm
from razem.core.lists import staff_list
from razem.core.money import ZERO, money
from razem.grants import budget as budget_module
from razem.grants import content as content_module
from razem.grants import export, schedule
from razem.grants.forms.staff import OfferFilterForm
from razem.grants.models import Call, Offer, OfferVersion
from razem.grants.selectors import staff as selectors

VIEW = "grants.view_call_offers"
PAGE_SIZE = 50


# The list --------------------------------------------------------------------------------------------------------


def _decorate(offers: list[Offer]) -> None:
    for offer in offers:
        version = offer.current_version
        if version is not None:
            offer.figures = selectors.figures(version)  # type: ignore[attr-defined]
            offer.oferent_names = selectors.oferent_names(version)  # type: ignore[attr-defined]


@login_required
def offer_list(request: HttpRequest, slug: str) -> HttpResponseBase:
    require_perm(request, VIEW)
    call = selectors.call_for_office(slug)
    now = timezone.now()
    return staff_list(
        request,
        template="grants/staff/offers.html",
        queryset=selectors.offers_for_office(call),
        columns=export.columns(call),
        default_sort="number",
        filters=OfferFilterForm(request.GET),
        per_page=PAGE_SIZE,
        export=export.export(call),
        context={
            "call": call,
            "overview": selectors.funds_overview(call),
            "on_page": export.ON_PAGE,
            # The call's head (grants/staff/_call_header.html).
            "phase_label": Call.Phase(call.phase(now)).label,
            "left": schedule.time_left(call.submission_deadline, now),
        },
        rows=_decorate,
    )


# One offer -------------------------------------------------------------------------------------------------------


def _offer(request: HttpRequest, slug: str, pk: int) -> Offer:
    require_perm(request, VIEW)
    call = selectors.call_for_office(slug)
    offer = selectors.offer_for_office(call, pk)
    if not request.user.has_perm("grants.view_offer", offer):
        raise Http404
    return offer


def _version(offer: Offer, versions: list[OfferVersion], number: Any) -> OfferVersion:
    if number in (None, ""):
        current = next((v for v in versions if v.pk == offer.current_version_id), offer.current_version)
        if current is None:  # never: the office's offers were filed at least once
            raise Http404
        return current
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        raise Http404 from None
    found = next((v for v in versions if v.number == wanted), None)
    if found is None:
        raise Http404
    return found


def _money_row(values: Mapping[str, Any], years: list[str]) -> list[Decimal]:
    return [money(values.get(y)) for y in years]


def present(content: Mapping[str, Any]) -> dict[str, Any]:
    """The filed content arranged for the page: per-year values as lists in the order of the years."""
    budget = content.get("budget") or {}
    years = [str(y) for y in budget.get("years") or sorted(content.get("funding") or {})]
    names = [str(o.get("name", "")) for o in content.get("oferents") or []]
    costs: dict[str, list[dict[str, Any]]] = {"realization": [], "administration": []}
    for line in content.get("costs") or []:
        index = int(line.get("oferent") or 1)
        row = {
            **line,
            "oferent_name": names[index - 1] if 0 < index <= len(names) else "",
            "years": _money_row(line.get("year_amounts") or {}, years),
        }
        costs.setdefault(str(line.get("category", "realization")), []).append(row)
    funding = content.get("funding") or {}
    sources_total = budget.get("sources") or {}
    shares = budget.get("shares") or {}
    labels = {
        "grant": _("Planned grant under this offer"),
        "own_financial": _("Own financial contribution"),
        "own_personal": _("Own non-financial contribution: personal"),
        "own_material": _("Own non-financial contribution: material"),
        "recipient_fees": _("Monetary fees from the recipients of the task"),
    }
    sources = [
        {
            "key": source,
            "label": labels[source],
            "years": [money((funding.get(y) or {}).get(source)) for y in years],
            "total": money(sources_total.get(source)),
            "share": money(shares.get(source, ZERO)) if source in shares else None,
        }
        for source in budget_module.SOURCES
    ]
    by_year = budget.get("cost_by_year") or {}
    return {
        "years": years,
        "multi_year": len(years) > 1,
        "realization": costs.get("realization", []),
        "administration": costs.get("administration", []),
        "cost_by_year": _money_row(by_year, years),
        "sources": sources,
        "own_share": money(shares.get("own")),
        "own_nonfinancial_share": money(shares.get("own_nonfinancial")),
        "split": [
            {**row, "years_list": _money_row(row.get("years") or {}, years)} for row in content.get("split") or []
        ],
        "activities": sorted((content.get("activities") or {}).items()),
    }


@login_required
def offer_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    offer = _offer(request, slug, pk)
    versions = list(offer.versions.all())
    version = _version(offer, versions, request.GET.get("wersja"))
    content = version.content or {}
    return render(
        request,
        "grants/staff/offers_detail.html",
        {
            "call": offer.call,
            "offer": offer,
            "version": version,
            "is_current": version.pk == offer.current_version_id,
            "content": content,
            "shown": present(content),
            "figures": selectors.figures(version),
            "versions": [
                {"version": v, "pdf": reverse("grants:version_pdf", args=[offer.pk, v.number])} for v in versions
            ],
            "attachments": [
                {**row, "url": reverse("grants:attachment", args=[offer.pk, row["stored"].pk]) if row["stored"] else ""}
                for row in selectors.attachment_links(offer, version)
            ],
        },
    )


@login_required
def offer_changes(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    offer = _offer(request, slug, pk)
    versions = list(offer.versions.all())  # the latest first
    numbers = [v.number for v in versions]
    new = _version(offer, versions, request.GET.get("do") or (numbers[0] if numbers else None))
    default_old = next((n for n in numbers if n < new.number), None)
    old_number = request.GET.get("od") or default_old
    old = _version(offer, versions, old_number) if old_number not in (None, "") else None
    changes = content_module.diff(old.content, new.content) if old is not None else []
    return render(
        request,
        "grants/staff/offers_changes.html",
        {
            "call": offer.call,
            "offer": offer,
            "versions": versions,
            "old": old,
            "new": new,
            "changes": changes,
        },
    )
