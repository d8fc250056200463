"""The grants demo, built on the first run (see ``razem.grants.demo``): the four calls, their nominations and offers."""

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone

from razem.accounts.models import User
from razem.core import demo as toolkit
from razem.core.models import PublicBenefitArea, Venue
from razem.grants.demo import offers as demo_offers
from razem.grants.models import (
    Call,
    CommissionNomination,
    Offer,
    OfferAttachment,
    OfferPartner,
    OfferVersion,
    Publication,
)
from razem.grants.services import calls as call_services
from razem.grants.services import nominations as nomination_services
from razem.organizations import demo as organizations_demo
from razem.organizations.demo_people import load_people
from razem.organizations.models import Organization

PACKAGE = "razem.grants.demo"
SEED = 2027
DAY = datetime.timedelta(days=1)
OFFICER = "urzednik@razem.demo"
PRESIDENT = "prezeska@razem.demo"
REPRESENTATIVE = "przedstawiciel@razem.demo"

# The demo NGO accounts' organizations: their boards, as their KRS entries would show them.
POD_WAWELEM_BOARD = (
    [
        {"full_name": "Katarzyna Wójcik", "function": "Prezeska Zarządu", "signs_alone": True},
        {"full_name": "Anna Mazur", "function": "Wiceprezeska Zarządu", "signs_alone": False},
        {"full_name": "Michał Dąbrowski", "function": "Członek Zarządu", "signs_alone": False},
    ],
    "Do składania oświadczeń woli w imieniu Fundacji uprawniona jest Prezeska Zarządu samodzielnie albo dwóch "
    "członków Zarządu działających łącznie.",
    2,
)
SPNH_BOARD = (
    [
        {"full_name": "Piotr Zieliński", "function": "Prezes Zarządu", "signs_alone": False},
        {"full_name": "Zofia Kamińska", "function": "Wiceprezeska Zarządu", "signs_alone": False},
        {"full_name": "Jan Nowicki", "function": "Skarbnik", "signs_alone": False},
    ],
    "Do reprezentowania Stowarzyszenia wymagane jest współdziałanie dwóch członków Zarządu, w tym Prezesa lub "
    "Wiceprezeski.",
    2,
)
NOMINEES = [
    ("Barbara Lis", "barbara.lis@ludzie.example.org", "+48 600 100 200",
     "Od 12 lat koordynuje kluby seniora w Podgórzu; członkini Krakowskiej Rady Seniorów w latach 2019–2023; "
     "oceniała oferty w konkursach dla seniorów w 2024 r.", True),
    ("Tadeusz Kowalczyk", "tadeusz.kowalczyk@ludzie.example.org", "",
     "Animator społeczny, współtwórca programu międzypokoleniowego w Nowej Hucie; szkoli wolontariuszy pracujących "
     "z osobami starszymi.", False),
]  # fmt: skip


def _at(day: datetime.date, hhmm: str) -> datetime.datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return toolkit.at(day, hour, minute)


def _fill(value: Any, names: Mapping[str, Any]) -> Any:
    return value.format(**names) if isinstance(value, str) else value


# Calls ----------------------------------------------------------------------------------------------------------


def create_call(officer: User, spec: Mapping[str, Any], *, task_years: Sequence[int], recruits: bool) -> Call:
    """A call made and published through the services: the deadline first ~3 weeks ahead (the least the law
    allows after today's publication); a closed or cancelled call is moved back later (``move_back``)."""
    today = timezone.localdate()
    names = {"year": task_years[0], "first": task_years[0], "last": task_years[-1], "deadline": ""}
    deadline_day = today + 22 * DAY
    data = {
        key: _fill(spec[key], names)
        for key in ("number", "slug", "title", "task_kind", "form", "department", "department_email", "description",
                    "grant_rules", "place", "conditions", "evaluation_mode", "same_kind_note")
    }  # fmt: skip
    for key in ("min_grant", "max_grant", "own_share_min", "own_financial_share_min", "own_nonfinancial_share_min",
                "admin_costs_max", "same_kind_this_year", "same_kind_last_year"):  # fmt: skip
        data[key] = Decimal(spec[key])
    data.update(
        realization_start=datetime.date.fromisoformat(_fill(spec["realization_start"], names)),
        realization_end=datetime.date.fromisoformat(_fill(spec["realization_end"], names)),
        recipient_fees_allowed=spec["recipient_fees_allowed"],
        results_table_required=spec["results_table_required"],
        submission_deadline=_at(deadline_day, spec["deadline_time"]),
        choice_date=deadline_day + max(spec["choice_days"], 20) * DAY,
        recruits_commission=recruits,
        nominations_close=_at(deadline_day - 7 * DAY, "23:59") if recruits else None,
        areas=list(PublicBenefitArea.objects.valid_on(today).filter(code__in=spec["areas"])),
    )
    venue = Venue.objects.filter(name=spec["venue"]).first() if spec.get("venue") else None
    if venue is not None:
        data["venue"] = venue
    years = list(range(data["realization_start"].year, data["realization_end"].year + 1))
    amounts = spec["funds"]
    funds = {year: Decimal(amount) for year, amount in zip(years, amounts, strict=False)}
    criteria = call_services.default_criteria(spec["form"])
    criteria += [
        {"name": name, "max_points": Decimal(points), "statutory": ""} for name, points in spec["criteria_extra"]
    ]
    attachments = [{"name": n, "description": d, "mandatory": m} for n, d, m in spec["attachments"]]
    call = call_services.call_create(actor=officer, data=data, funds=funds, criteria=criteria, attachments=attachments)
    number = call.number.replace("/", "-")
    publications = [
        {"channel": "bip", "published_on": today, "url": f"https://bip.krakow.example.org/ogloszenia/{number}"},
        {"channel": "notice_board", "published_on": today, "note": "Tablica ogłoszeń, ul. Dekerta 24"},
    ]
    return call_services.call_publish(actor=officer, call=call, publications=publications)


def move_back(call: Call, span: datetime.timedelta) -> None:
    """Move the call's process dates, and those of its offers, versions, partners, attachments and nominations, back
    by ``span`` (directly: the services refuse to file after the deadline, so closed calls are filed while open
    and moved into the past afterwards; the realization window stays)."""
    days = span.days
    call.published_at = call.published_at - span if call.published_at else None
    call.submission_deadline -= span
    call.nominations_close = call.nominations_close - span if call.nominations_close else None
    call.created_at -= span
    call.choice_date -= days * DAY
    call.save(update_fields=["published_at", "submission_deadline", "nominations_close", "created_at", "choice_date"])
    for publication in Publication.objects.filter(call=call):
        publication.published_on -= days * DAY
        publication.recorded_at -= span
        publication.save(update_fields=["published_on", "recorded_at"])
    offers = list(Offer.objects.filter(call=call))
    for offer in offers:
        offer.created_at -= span
        offer.updated_at -= span
        offer.filed_at = offer.filed_at - span if offer.filed_at else None
        offer.withdrawn_at = offer.withdrawn_at - span if offer.withdrawn_at else None
    Offer.objects.bulk_update(offers, ["created_at", "updated_at", "filed_at", "withdrawn_at"])
    versions = list(OfferVersion.objects.filter(offer__call=call))
    for version in versions:
        version.filed_at -= span
    OfferVersion.objects.bulk_update(versions, ["filed_at"])
    partners = list(OfferPartner.objects.filter(offer__call=call))
    for partner in partners:
        partner.invited_at -= span
        partner.decided_at = partner.decided_at - span if partner.decided_at else None
    OfferPartner.objects.bulk_update(partners, ["invited_at", "decided_at"])
    files = list(OfferAttachment.objects.filter(offer__call=call))
    for attachment in files:
        attachment.uploaded_at -= span
    OfferAttachment.objects.bulk_update(files, ["uploaded_at"])
    nominations = list(CommissionNomination.objects.filter(call=call))
    for nomination in nominations:
        nomination.created_at -= span
        nomination.consented_at = nomination.consented_at - span if nomination.consented_at else None
    CommissionNomination.objects.bulk_update(nominations, ["created_at", "consented_at"])
    call.refresh_from_db()


def deadline_ago(call: Call, days: int) -> None:
    """Move the call back so that its deadline was ``days`` days ago (at the same hour)."""
    target = _at(timezone.localdate() - days * DAY, timezone.localtime(call.submission_deadline).strftime("%H:%M"))
    move_back(call, call.submission_deadline - target)


# People and organizations ---------------------------------------------------------------------------------------


class People:
    """The demo NGO people (each the administrator of a verified generated organization), handed out in a fixed
    order, preferring organizations working in the given areas."""

    def __init__(self) -> None:
        pairs = [(person, org) for person, org in load_people() if org is not None]
        toolkit.rng(SEED).shuffle(pairs)
        self.pairs = pairs
        self.organizations = Organization.objects.in_bulk([org for _person, org in pairs])
        areas: dict[int, set[str]] = {}
        through = Organization.areas.through.objects.filter(organization_id__in=self.organizations)
        for org_id, code in through.values_list("organization_id", "publicbenefitarea__code"):
            areas.setdefault(org_id, set()).add(code)
        self.areas = areas
        self.used: set[int] = set()

    def take(self, codes: Sequence[str] = ()) -> tuple[User, Organization]:
        free = [(p, o) for p, o in self.pairs if o not in self.used]
        fitting = [(p, o) for p, o in free if self.areas.get(o, set()) & set(codes)]
        person, org_id = (fitting or free)[0]
        self.used.add(org_id)
        return person, self.organizations[org_id]


# The calls ------------------------------------------------------------------------------------------------------


def _seniors(
    officer: User, calls: Mapping[str, Any], texts: Mapping[str, Any], people: People, users: Mapping[str, User]
) -> Call:
    next_year = timezone.localdate().year + 1
    call = create_call(officer, calls["seniors"], task_years=[next_year], recruits=True)
    # Nominations of NGO members of the commission, by organizations that file no offer here.
    for full_name, email, phone, qualifications, consents in NOMINEES:
        person, organization = people.take()
        nomination = nomination_services.nomination_create(
            actor=person, call=call, organization=organization,
            data={"full_name": full_name, "email": email, "phone": phone, "qualifications": qualifications},
        )  # fmt: skip
        if consents:
            nomination_services.nomination_answer(token=nomination.token, accept=True)  # type: ignore[attr-defined]
    # The demo account's draft, complete: prezeska@ continues and files it.
    president = users.get(PRESIDENT)
    pod_wawelem = organizations_demo.organization_for(organizations_demo.FEATURED[0])
    if president is not None:
        rows, rule, required = POD_WAWELEM_BOARD
        demo_offers.record_board(president, pod_wawelem, rows, rule, required)
        demo_offers.prepare(call=call, organization=pod_wawelem, person=president, spec=texts["seniors_pod_wawelem"])
    # Two more drafts of other organizations: a bare one, and one with its budget but no results or attachments.
    person, organization = people.take(["10"])
    demo_offers.prepare(
        call=call, organization=organization, person=person, spec=texts["seniors_draft_partial"], with_attachments=False
    )
    person, organization = people.take(["10"])
    demo_offers.prepare(
        call=call, organization=organization, person=person, spec=texts["seniors_draft_budget"], with_attachments=False
    )
    # Two filed offers: one alone, one joint with Stowarzyszenie Przyjaciół Nowej Huty (przedstawiciel@).
    person, organization = people.take(["10", "13"])
    demo_offers.record_president(person, organization)
    alone = demo_offers.prepare(call=call, organization=organization, person=person, spec=texts["seniors_filed_alone"])
    demo_offers.file(alone, person)
    representative = users.get(REPRESENTATIVE)
    spnh = organizations_demo.organization_for(organizations_demo.FEATURED[1])
    person, organization = people.take(["13", "10"])
    demo_offers.record_president(person, organization)
    partner = None
    if representative is not None:
        rows, rule, required = SPNH_BOARD
        demo_offers.record_board(representative, spnh, rows, rule, required)
        partner = demo_offers.Partner(spnh, representative)
    joint = demo_offers.prepare(
        call=call, organization=organization, person=person, spec=texts["seniors_joint"], partner=partner
    )
    demo_offers.file(joint, person)
    # Published three days ago; the deadline stays three weeks ahead.
    three_days = 3 * DAY
    published = call.published_at or timezone.now()
    Call.objects.filter(pk=call.pk).update(published_at=published - three_days, created_at=call.created_at - 5 * DAY)
    for publication in Publication.objects.filter(call=call):
        publication.published_on -= three_days
        publication.recorded_at -= three_days
        publication.save(update_fields=["published_on", "recorded_at"])
    return call


def _civic_centre(officer: User, calls: Mapping[str, Any], texts: Mapping[str, Any], people: People) -> Call:
    first = timezone.localdate().year + 1
    spec = calls["civic_centre"]
    call = create_call(officer, spec, task_years=[first, first + 1, first + 2], recruits=False)
    for key in ("civic_centre_a", "civic_centre_b"):
        person, organization = people.take(["33", "13"])
        demo_offers.record_president(person, organization)
        offer = demo_offers.prepare(call=call, organization=organization, person=person, spec=texts[key])
        demo_offers.file(offer, person)
    deadline_ago(call, -spec["deadline_days"])
    return call


def _sport(officer: User, calls: Mapping[str, Any], texts: Mapping[str, Any], people: People) -> Call:
    spec = calls["sport"]
    call = create_call(officer, spec, task_years=[timezone.localdate().year + 1], recruits=False)
    for item in texts["sport"]:
        person, organization = people.take(["17", "15"])
        demo_offers.record_president(person, organization)
        offer = demo_offers.prepare(call=call, organization=organization, person=person, spec=sport_spec(item))
        demo_offers.file(offer, person)
    deadline_ago(call, -spec["deadline_days"])
    return call


def sport_spec(item: Mapping[str, Any]) -> dict[str, Any]:
    """An offer of the sport call from its short description: trainer, venue, equipment, insurance, competitions,
    volunteers and the accounting."""
    participants = int(item["participants"])
    hours = int(item["hours"])
    trainer = item["trainer"].replace("trenera", "trener").replace("instruktora", "instruktor")
    return {
        "title": item["title"],
        "task_form": "wspieranie",
        "start": "01-15",
        "end": "12-20",
        "synthetic_description": f"{item['description']} Miejsce zajęć: {item['place']}. Zajęcia są bezpłatne, "
        "prowadzone przez wykwalifikowaną kadrę; grupy liczą od 10 do 20 osób.",
        "results_description": f"{participants} uczestników regularnie trenuje przez cały rok; co najmniej 80% "
        "frekwencji; udział w co najmniej 6 zawodach. Uczestnicy poprawiają sprawność fizyczną (testy na początku "
        "i na końcu roku).",
        "experience": "Klub prowadzi zajęcia dla dzieci i młodzieży od ponad 10 lat, w tym od 2021 r. z dotacji "
        "Gminy Miejskiej Kraków (zadania rozliczone terminowo).",
        "resources": f"Kadra: wykwalifikowany szkoleniowiec ({trainer}), wolontariusze-rodzice; sprzęt klubu; obiekt "
        "udostępniany na podstawie umowy.",
        "payment": "free",
        "activities": [
            [
                "Treningi",
                f"Zajęcia sportowe, łącznie {hours} godzin w roku.",
                "Dzieci i młodzież 7–18 lat",
                "styczeń–grudzień",
                "",
            ],
            [
                "Udział w zawodach",
                "Udział grup w zawodach i turniejach miejskich.",
                "Uczestnicy zajęć",
                "marzec–listopad",
                "",
            ],
        ],  # fmt: skip
        "results": [
            ["Liczba uczestników regularnie trenujących", f"{participants} osób", "Listy obecności"],
            ["Liczba zawodów z udziałem grup", "6", "Komunikaty z zawodów"],
        ],
        "lines": [
            ["realization", 1, f"Wynagrodzenie {item['trainer']}", "godzina", item["rate"], str(hours)],
            ["realization", 1, "Wynajem obiektu sportowego", "godzina", item["venue"], str(hours // 2)],
            ["realization", 1, "Sprzęt sportowy (piłki, znaczniki, siatki)", "komplet", "2400.00", "1"],
            ["realization", 1, "Ubezpieczenie NNW uczestników", "uczestnik", "28.00", str(participants)],
            ["realization", 2, "Wpisowe i przejazdy na zawody", "wyjazd", "450.00", "6"],
            ["realization", 2, "Praca wolontariuszy-rodziców przy zawodach (wycena)", "godzina", "30.00", "40"],
            ["administration", None, "Obsługa księgowa zadania", "miesiąc", "200.00", "11"],
        ],
        "own_personal_lines": [6],
        "grant_share": "0.90",
    }


def _volunteering(officer: User, calls: Mapping[str, Any]) -> Call:
    spec = calls["volunteering"]
    call = create_call(officer, spec, task_years=[timezone.localdate().year + 1], recruits=False)
    deadline_ago(call, -spec["deadline_days"])
    deadline = timezone.localtime(call.submission_deadline)
    reason = spec["cancel_reason"].format(deadline=deadline.strftime("%d.%m.%Y, godz. %H:%M"))
    number = call.number.replace("/", "-")
    cancelled = call_services.call_cancel(
        actor=officer, call=call, ground=Call.CancelGround.NO_OFFERS, reason=reason,
        publications=[{"channel": "bip", "published_on": timezone.localdate(),
                       "url": f"https://bip.krakow.example.org/ogloszenia/{number}-uniewaznienie"}],
    )  # fmt: skip
    # Cancelled five days after the deadline, as the office would.
    cancelled_on = deadline.date() + 5 * DAY
    Call.objects.filter(pk=call.pk).update(cancelled_at=_at(cancelled_on, "12:00"))
    Publication.objects.filter(call=call, subject=Publication.Subject.CANCELLATION).update(published_on=cancelled_on)
    return cancelled


def build(users: Mapping[str, User]) -> bool:
    officer = users.get(OFFICER)
    if officer is None or not PublicBenefitArea.objects.exists():
        return False
    calls = toolkit.read_json(PACKAGE, "calls.json")
    texts = toolkit.read_json(PACKAGE, "offers.json")
    people = People()
    with toolkit.quietly():
        _seniors(officer, calls, texts, people, users)
        _civic_centre(officer, calls, texts, people)
        _sport(officer, calls, texts, people)
        _volunteering(officer, calls)
    return True
