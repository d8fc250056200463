"""The decided calls of the demo (points 5–6 of issue 12), loaded once after the grants demo (``DemoLoader``
"grants_results"): two calls of 2026 whose offers were filed through the services while open, then moved into the
past (``build.move_back``), admitted and scored directly (standing in for the formal check and the commission), and
decided and published through ``grants.services.results``:

- ``kultura-w-dzielnicach-2026`` (KU-OKO/2026/04, tasks 1 April – 15 December 2026, funds 80 000 zł): five offers;
  three awarded in full, Fundacja Pod Wawelem's (prezeska@razem.demo) awarded 15 000 zł of 20 214 zł and its
  update filed through the reopening (fewer hours and months, the grant's share 88.24 % ≤ 90.00 %), one not funded
  whose oferent asked about the decision and got the office's answer; order no. 0812/2026 of 16 March 2026,
  results published on 18 March 2026 in Razem, the BIP and on the notice board;
- ``lato-w-miescie-2026`` (ED-OKO/2026/02, tasks 1 March – 30 September 2026, so ended; funds 90 000 zł): three
  offers, one of Stowarzyszenie Przyjaciół Nowej Huty (przedstawiciel@razem.demo), all awarded in full; order no.
  0465/2026 of 20 February 2026, results published on 23 February 2026.

The services date what they record today; the loader then moves the decision, the publications, the update and the
question to the dates above (the audit log keeps the real time of loading). The contracts and the reports of these
calls are the next apps' demos (``SLUGS`` names the calls for them).
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from razem.accounts.models import User
from razem.core import demo as toolkit
from razem.core.deadlines import deadline
from razem.grants.models import Award, Call, CostLine, Decision, Funding, Offer, OfferVersion, Publication, Question

LOADED = "grants.demo.results_loaded"
PACKAGE = "razem.grants.demo"
YEAR = 2026
SLUGS = {"culture": f"kultura-w-dzielnicach-{YEAR}", "summer": f"lato-w-miescie-{YEAR}"}
# The loader needs the dates above to lie in the past (the services refuse a decision dated in the future).
EARLIEST = datetime.date(YEAR, 10, 15)


def summary() -> dict[str, Any]:
    return {
        "decided_calls": Call.objects.filter(slug__in=SLUGS.values(), status=Call.Status.DECIDED).count(),
        "awards": Award.objects.filter(decision__call__slug__in=SLUGS.values()).count(),
        "questions": Question.objects.filter(call__slug__in=SLUGS.values()).count(),
        "slugs": dict(SLUGS),
    }


@transaction.atomic
def load(*, users: Mapping[str, User]) -> dict[str, Any]:
    """The two decided calls, on the first run only (see the module doc)."""
    done = toolkit.once(LOADED, lambda: build(users), summary)
    return {"grants_results": done}


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text.format(year=YEAR))


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return toolkit.at(day, hour, minute)


def build(users: Mapping[str, User]) -> bool:
    from razem.grants.demo import build as grants_build

    officer = users.get(grants_build.OFFICER)
    if officer is None or timezone.localdate() < EARLIEST:
        return False
    data = toolkit.read_json(PACKAGE, "results.json")
    people = grants_build.People()
    with toolkit.quietly():
        for key in ("summer", "culture"):
            _decided_call(key, officer, data, people, users)
    return True


def _organization_for(key: str, item: Mapping[str, Any], people: Any, users: Mapping[str, User]) -> tuple[Any, Any]:
    """The featured demo organizations take the offers marked so (their accounts see the results), the generated
    ones the rest."""
    from razem.grants.demo import build as grants_build
    from razem.grants.demo import offers as demo_offers
    from razem.organizations import demo as organizations_demo

    if item.get("featured"):
        if key == "culture" and (person := users.get(grants_build.PRESIDENT)) is not None:
            organization = organizations_demo.organization_for(organizations_demo.FEATURED[0])
            rows, rule, required = grants_build.POD_WAWELEM_BOARD
            demo_offers.record_board(person, organization, rows, rule, required)
            return person, organization
        if key == "summer" and (person := users.get(grants_build.REPRESENTATIVE)) is not None:
            organization = organizations_demo.organization_for(organizations_demo.FEATURED[1])
            rows, rule, required = grants_build.SPNH_BOARD
            demo_offers.record_board(person, organization, rows, rule, required)
            return person, organization
    areas = {"culture": ["16", "13"], "summer": ["15", "17"]}[key]
    person, organization = people.take(areas)
    demo_offers.record_president(person, organization)
    return person, organization


def _decided_call(key: str, officer: User, data: Mapping[str, Any], people: Any, users: Mapping[str, User]) -> Call:
    from razem.grants.demo import build as grants_build
    from razem.grants.demo import offers as demo_offers
    from razem.grants.services import results as services

    spec = data["calls"][key]
    dates = data["decisions"][key]
    call = grants_build.create_call(officer, spec, task_years=[YEAR], recruits=False)
    filed: list[tuple[Mapping[str, Any], Offer, User]] = []
    for raw in data["offers"][key]:
        item: Mapping[str, Any] = {"task_form": "wspieranie", "payment": "free", **raw}
        person, organization = _organization_for(key, item, people, users)
        offer = demo_offers.prepare(call=call, organization=organization, person=person, spec=item)
        filed.append((item, demo_offers.file(offer, person), person))
    deadline_at = _at(_date(dates["deadline"]), 15, 30)
    grants_build.move_back(call, call.submission_deadline - deadline_at)
    # The formal check and the commission's opinion, standing in for them: every offer admitted, scored, proposed.
    checked = deadline_at + datetime.timedelta(days=6)
    awards: dict[int, dict[int, Decimal]] = {}
    for item, offer, _person in filed:
        requested = offer.current_version.grant_requested  # type: ignore[union-attr]
        amount = {"full": requested, "none": None}.get(item["award"])
        if amount is None and item["award"] != "none":
            amount = Decimal(item["award"])
        Offer.objects.filter(pk=offer.pk).update(
            status=Offer.Status.ADMITTED,
            points=Decimal(item["points"]),
            proposed_grant=amount,
            checked_at=checked,
            checked_by=officer,
        )
        awards[offer.pk] = {YEAR: amount or Decimal("0")}
    made_on = _date(dates["made_on"])
    decision = services.decision_record(
        actor=officer,
        call=call,
        number=dates["number"].format(year=YEAR),
        made_on=made_on,
        awards=awards,
        title=dates["title"].format(year=YEAR),
    )
    published_on = _date(dates["published_on"])
    number = call.number.replace("/", "-")
    services.results_publish(
        actor=officer,
        call=call,
        publications=[
            {"channel": "bip", "published_on": published_on,
             "url": f"https://bip.krakow.example.org/ogloszenia/{number}-wyniki"},
            {"channel": "notice_board", "published_on": published_on, "note": "Tablica ogłoszeń, ul. Dekerta 24"},
        ],
    )  # fmt: skip
    # The update and the question (the culture call), while the update is still due by today's clock.
    if key == "culture":
        for item, offer, person in filed:
            if item["award"] not in ("full", "none"):
                _file_update(offer, person, data["update"])
            if item.get("asks"):
                _question(offer, person, officer, data["question"])
    _back_date(call, decision, made_on, published_on, data)
    call.refresh_from_db()
    return call


def _file_update(offer: Offer, person: User, spec: Mapping[str, Any]) -> None:
    """The updated schedule and budget of a partial award, through the editor's services and the reopening."""
    from razem.grants.demo import offers as demo_offers
    from razem.grants.services import offers as offer_services

    offer = Offer.objects.get(pk=offer.pk)
    award = Award.objects.get(offer=offer)
    activities = list(offer.activities.order_by("year", "position"))
    rows = [
        {"id": a.pk, "year": a.year, "name": a.name, "description": a.description, "target_group": a.target_group,
         "planned_period": a.planned_period, "subcontracted_scope": a.subcontracted_scope}
        for a in activities
    ]  # fmt: skip
    rows[0]["description"] = "Cotygodniowe warsztaty po 90 minut w jednej grupie (zakres dostosowany do dotacji)."
    offer_services.offer_replace_activities(actor=person, offer=offer, rows=rows)
    quantities = {int(n): Decimal(q) for n, q in spec["quantities"].items()}
    lines: list[dict[str, Any]] = []
    for number, line in enumerate(CostLine.objects.filter(offer=offer).order_by("position", "id"), start=1):
        lines.append(
            {
                "category": line.category,
                "activity": line.activity,
                "partner": line.partner,
                "name": line.name,
                "unit": line.unit,
                "unit_cost": line.unit_cost,
                "quantity": quantities.get(number, line.quantity),
                "year_amounts": {},
            }
        )
    cost = sum((row["unit_cost"] * row["quantity"] for row in lines), Decimal("0"))
    funding = Funding.objects.get(offer=offer, year=YEAR)
    own_financial = Decimal(spec["own_financial"])
    rows_funding = [
        {"year": YEAR, "grant": award.amount, "own_financial": own_financial, "own_personal": funding.own_personal,
         "own_material": cost - award.amount - own_financial - funding.own_personal, "recipient_fees": Decimal("0")}
    ]  # fmt: skip
    offer_services.offer_replace_budget(actor=person, offer=offer, lines=lines, funding=rows_funding)
    demo_offers.file(Offer.objects.get(pk=offer.pk), person)


def _question(offer: Offer, person: User, officer: User, spec: Mapping[str, Any]) -> None:
    from razem.grants.services import results as services

    question = services.question_ask(actor=person, offer=Offer.objects.get(pk=offer.pk), text=spec["text"])
    services.question_answer(actor=officer, question=question, answer=spec["answer"])
    Question.objects.filter(pk=question.pk).update(
        asked_at=_at(_date(spec["asked_on"]), 9, 40), answered_at=_at(_date(spec["answered_on"]), 13, 15)
    )


def _back_date(
    call: Call, decision: Decision, made_on: datetime.date, published_on: datetime.date, data: Mapping[str, Any]
) -> None:
    """The decision recorded the day after the order, the results published on their day, the update filed and due
    as if it had all happened then."""
    Decision.objects.filter(pk=decision.pk).update(
        recorded_at=_at(made_on + datetime.timedelta(days=1), 10), results_published_at=_at(published_on, 12)
    )
    Publication.objects.filter(call=call, subject=Publication.Subject.RESULTS).update(
        published_on=published_on, recorded_at=_at(published_on, 12)
    )
    due = deadline("award_update_days", published_on).date
    for award in Award.objects.filter(decision=decision).exclude(update=Award.Update.NOT_NEEDED):
        award.update_due = due
        award.save(update_fields=["update_due"])
        if award.updated_version_id:
            filed_at = _at(_date(data["update"]["filed_on"]), 11, 20)
            OfferVersion.objects.filter(pk=award.updated_version_id).update(filed_at=filed_at)
            Offer.objects.filter(pk=award.offer_id).update(filed_at=filed_at, updated_at=filed_at)
