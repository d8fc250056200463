"""Demo offers, written through the offer editor's services and filed through the filing service, as a person acting
for the organization would: start, sections I–VI, activities, results, cost lines and funding, attachments, the
partner's confirmation, filing with the organization's representatives as signatories."""

import dataclasses
import datetime
from collections.abc import Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import cache
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from razem.accounts.models import User
from razem.core.money import money
from razem.grants.models import Call, Offer, OfferPartner
from razem.grants.services import attachments as attachment_services
from razem.grants.services import filing
from razem.grants.services import offers as offer_services
from razem.organizations.models import Organization, Representative
from razem.organizations.services.representatives import representatives_replace

ZERO = Decimal("0.00")
HUNDRED = Decimal("100")
WHOLE = Decimal("1")


@dataclasses.dataclass(frozen=True)
class Line:
    """A cost line of a spec: its amounts per year are ``unit_cost × quantity`` of that year."""

    category: str
    activity: int | None  # 1-based index of the spec's activities (None: administration)
    name: str
    unit: str
    unit_cost: Decimal
    quantities: Mapping[int, Decimal]  # year → number of units
    oferent: str = "lead"  # "lead" or "partner"

    @property
    def quantity(self) -> Decimal:
        return sum(self.quantities.values(), Decimal("0"))

    def amount(self, year: int) -> Decimal:
        return money(self.unit_cost * self.quantities.get(year, Decimal("0")))


def lines_of(spec: Mapping[str, Any], years: Sequence[int]) -> list[Line]:
    """The cost lines of a spec: ``lines`` (one-year: category, activity, name, unit, unit cost, quantity[, oferent])
    or ``multi_lines`` (the same with a list of quantities, one per year)."""
    lines = []
    for row in spec.get("lines", []):
        category, activity, name, unit, unit_cost, quantity, *rest = row
        lines.append(
            Line(category, activity, name, unit, Decimal(unit_cost), {years[0]: Decimal(quantity)}, *(rest or ["lead"]))
        )
    for row in spec.get("multi_lines", []):
        category, activity, name, unit, unit_cost, quantities = row
        per_year = {year: Decimal(q) for year, q in zip(years, quantities, strict=False)}
        lines.append(Line(category, activity, name, unit, Decimal(unit_cost), per_year))
    return lines


def _up(value: Decimal) -> Decimal:
    return value.quantize(WHOLE, rounding=ROUND_CEILING)


def funding(
    call: Call, lines: Sequence[Line], years: Sequence[int], personal: set[int], grant_share: Decimal
) -> list[dict[str, Any]]:
    """V.B per year, meeting the call's least shares in every year (so in the whole task): the personal
    contribution is the value of the volunteers' lines (``personal``: their 1-based numbers), the financial one
    what the call's shares still need (rounded up to the złoty) or what keeps the grant at most ``grant_share`` of
    the year's cost; the grant is the rest."""
    rows = []
    for year in years:
        cost = money(sum((line.amount(year) for line in lines), ZERO))
        own_personal = money(sum((line.amount(year) for n, line in enumerate(lines, 1) if n in personal), ZERO))
        own_material = ZERO
        least_nonfinancial = _up(cost * call.own_nonfinancial_share_min / HUNDRED)
        if own_personal < least_nonfinancial:
            own_material = money(least_nonfinancial - own_personal)
        nonfinancial = own_personal + own_material
        capped_grant = (cost * grant_share).quantize(WHOLE, rounding=ROUND_FLOOR)
        own_financial = money(
            max(
                _up(cost * call.own_financial_share_min / HUNDRED),
                _up(cost * call.own_share_min / HUNDRED) - nonfinancial,
                cost - nonfinancial - capped_grant,
                ZERO,
            )
        )
        rows.append(
            {
                "year": year,
                "grant": money(cost - nonfinancial - own_financial),
                "own_financial": own_financial,
                "own_personal": own_personal,
                "own_material": own_material,
                "recipient_fees": ZERO,
            }
        )
    return rows


@cache
def _pdf(title: str, organization: str, body: str) -> bytes:
    from razem.core.documents import pdf_bytes

    html = (
        '<html lang="pl"><head><meta charset="utf-8"><style>body{font-family:sans-serif;font-size:11pt}'
        "h1{font-size:16pt}</style></head><body>"
        f"<h1>{escape(title)}</h1><p><strong>{escape(organization)}</strong></p><p>{escape(body)}</p>"
        "<p><small>Dokument przykładowy wersji demonstracyjnej Razem.</small></p></body></html>"
    )
    return pdf_bytes(html)


def attachment_file(name: str, organization: Organization) -> SimpleUploadedFile:
    body = (
        f"{name} złożony wraz z ofertą w otwartym konkursie ofert. Dane organizacji: {organization.name}, "
        f"{organization.address or 'Kraków'}."
    )
    slug = "".join(c if c.isalnum() else "-" for c in name.lower())[:40].strip("-")
    return SimpleUploadedFile(f"{slug}.pdf", _pdf(name, organization.name, body), content_type="application/pdf")


def record_board(actor: User, organization: Organization, rows: list[dict[str, Any]], rule: str, required: int) -> None:
    """The people entitled to represent ``organization`` (who sign its offers), unless some are recorded."""
    if Representative.objects.filter(organization=organization).exists():
        return
    representatives_replace(actor=actor, organization=organization, rows=rows, rule=rule, signatures_required=required)


def record_president(actor: User, organization: Organization) -> None:
    """A generated organization's representative: its administrator, the president, who signs alone."""
    record_board(
        actor,
        organization,
        [{"full_name": actor.full_name, "function": "Prezes Zarządu", "signs_alone": True}],
        "Prezes Zarządu reprezentuje organizację samodzielnie.",
        1,
    )


@dataclasses.dataclass
class Partner:
    organization: Organization
    person: User


def _dates(spec: Mapping[str, Any], call: Call) -> tuple[datetime.date | None, datetime.date | None]:
    if "start" not in spec:
        return (call.realization_start, call.realization_end) if spec.get("multi_lines") else (None, None)
    year = call.realization_start.year
    start = datetime.date.fromisoformat(f"{year}-{spec['start']}")
    end = datetime.date.fromisoformat(f"{year}-{spec['end']}")
    return max(start, call.realization_start), min(end, call.realization_end)


def prepare(
    *,
    call: Call,
    organization: Organization,
    person: User,
    spec: Mapping[str, Any],
    partner: Partner | None = None,
    with_attachments: bool = True,
) -> Offer:
    """A draft of ``organization`` in ``call`` filled from ``spec`` as far as the spec goes (a spec with a title
    and a description only is a bare draft), with the partner invited and confirmed last."""
    offer = offer_services.offer_start(actor=person, call=call, organization=organization)
    start, end = _dates(spec, call)
    fields: dict[str, Any] = {
        key: spec[key]
        for key in ("task_form", "title", "synthetic_description", "results_description", "experience",
                    "resources", "payment", "other_info", "joint_roles")
        if key in spec
    }  # fmt: skip
    if start and end:
        fields.update(start_date=start, end_date=end)
    if not person.phone:
        fields["contact_phone"] = "+48 12 000 00 00"
    offer_services.offer_update_fields(actor=person, offer=offer, fields=fields)
    invited = None
    if partner is not None:
        invited = offer_services.partner_invite(actor=person, offer=offer, organization=partner.organization)
    years = offer.years
    activities = spec.get("activities", [])
    if activities:
        rows = [
            {"year": year, "name": name, "description": description, "target_group": group,
             "planned_period": period, "subcontracted_scope": scope}
            for year in years
            for name, description, group, period, scope in activities
        ]  # fmt: skip
        offer_services.offer_replace_activities(actor=person, offer=offer, rows=rows)
    if spec.get("results"):
        rows = [{"name": n, "target_value": v, "monitoring": m} for n, v, m in spec["results"]]
        offer_services.offer_replace_results(actor=person, offer=offer, rows=rows)
    lines = lines_of(spec, years)
    if lines:
        first_year = {a.position: a for a in offer.activities.filter(year=years[0])}
        rows = []
        for line in lines:
            activity = first_year.get(line.activity - 1) if line.activity else None
            rows.append(
                {
                    "category": line.category,
                    "activity": activity,
                    "partner": partner.organization if partner and line.oferent == "partner" else None,
                    "name": line.name,
                    "unit": line.unit,
                    "unit_cost": line.unit_cost,
                    "quantity": line.quantity,
                    "year_amounts": {y: line.amount(y) for y in years} if len(years) > 1 else {},
                }
            )
        personal = set(spec.get("own_personal_lines", []))
        share = Decimal(spec.get("grant_share", "1"))
        offer_services.offer_replace_budget(
            actor=person, offer=offer, lines=rows, funding=funding(call, lines, years, personal, share)
        )
    if with_attachments:
        for requirement in call.required_attachments.all():
            if requirement.mandatory or (partner is not None and "partnersk" in requirement.name.lower()):
                attachment_services.attachment_add(
                    actor=person,
                    offer=offer,
                    upload=attachment_file(requirement.name, organization),
                    requirement=requirement,
                )
    if partner is not None and invited is not None:
        offer_services.partner_decide(actor=partner.person, partner=invited, accept=True)
    offer.refresh_from_db()
    return offer


def file(offer: Offer, person: User) -> Offer:
    """File ``offer`` as ``person``, signed by each oferent's representatives (one who signs alone, or as many as
    the organization's rule needs)."""
    signatories: list[Representative] = []
    for organization in filing.oferents(offer):
        people = list(organization.representatives.order_by("position", "pk"))
        alone = [p for p in people if p.signs_alone]
        signatories += alone[:1] or people[: organization.signatures_required]
    filing.offer_file(
        actor=person, offer=offer, signatories=signatories, declarations=filing.default_declarations(offer)
    )
    offer.refresh_from_db()
    return offer


def confirmed_partners(offer: Offer) -> list[OfferPartner]:
    return list(offer.partners.filter(status=OfferPartner.Status.CONFIRMED))
