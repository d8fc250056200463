"""The services of calls for offers (grants.services.calls): the draft and every rule of it, the publication with
the statutory channels and the 21 days (a StatutoryValue, not a literal), the correction notice, the cancellation
of art. 18a, and who is told. Every refusal names its field and its figures, and changes nothing."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from conftest import make_person
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from razem.core.deadlines import deadline as statutory_deadline
from razem.core.models import LogEntry, Notification, PublicBenefitArea, StatutoryValue
from razem.core.schedule import when
from razem.grants.models import Call, CallFunds, Correction, Criterion, Offer, Publication, RequiredAttachment
from razem.grants.services.calls import changes as call_changes
from razem.grants.services.calls import drafts as call_drafts
from razem.grants.services.calls import publication as call_publication
from razem.grants.services.calls import rules as call_rules
from razem.organizations.models import Membership, Organization
from tests.core.helpers import in_polish
from tests.factories import CallFactory, OfferFactory, add_membership, make_organization

pytestmark = pytest.mark.django_db

D = Decimal
DAY = datetime.timedelta(days=1)


def next_year() -> int:
    return timezone.localdate().year + 1


def at(day: datetime.date, hour: int = 15, minute: int = 30) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def area(reference_data) -> PublicBenefitArea:
    return PublicBenefitArea.objects.valid_on(timezone.localdate()).get(code="1")


@pytest.fixture
def other_area(reference_data) -> PublicBenefitArea:
    return PublicBenefitArea.objects.valid_on(timezone.localdate()).get(code="5")


def data(area: PublicBenefitArea, **changes: Any) -> dict[str, Any]:
    year = next_year()
    base: dict[str, Any] = {
        "number": "SZ-OKO/2027/01",
        "title": "Aktywizacja seniorów w dzielnicach",
        "task_kind": "Działalność na rzecz osób w wieku emerytalnym",
        "form": Call.Form.SUPPORT,
        "department": "Wydział Polityki Społecznej i Zdrowia",
        "min_grant": D("5000.00"),
        "max_grant": D("50000.00"),
        "own_share_min": D("10"),
        "own_financial_share_min": D("0"),
        "own_nonfinancial_share_min": D("0"),
        "admin_costs_max": D("10"),
        "realization_start": datetime.date(year, 2, 1),
        "realization_end": datetime.date(year, 11, 30),
        "submission_deadline": at(timezone.localdate() + 30 * DAY),
        "choice_date": timezone.localdate() + 60 * DAY,
        "recruits_commission": True,
        "areas": [area],
    }
    base.update(changes)
    return base


def create(officer, area, *, funds=None, criteria=None, attachments=None, **changes: Any) -> Call:
    fields = data(area, **changes)
    return call_drafts.call_create(
        actor=officer,
        data=fields,
        funds=funds if funds is not None else {next_year(): D("300000.00")},
        criteria=criteria if criteria is not None else call_rules.default_criteria(fields["form"]),
        attachments=attachments
        if attachments is not None
        else [{"name": "Statut", "description": "", "mandatory": True}],
    )


def in_polish_plural(singular: str, plural: str, count: int) -> str:
    """What a Polish visitor sees for one of our plural source strings, for ``count``."""
    with translation.override("pl"):
        return translation.ngettext(singular, plural, count) % {"count": count}


def refused(field: str, function: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        function(*args, **kwargs)
    messages = caught.value.message_dict.get(field) if hasattr(caught.value, "error_dict") else caught.value.messages
    assert messages, f"no error on {field}: {caught.value}"
    return " ".join(messages)


PUBLICATIONS = [
    {"channel": "bip", "published_on": None, "url": "https://www.bip.krakow.pl/?dok_id=1"},
    {"channel": "notice_board", "published_on": None, "note": "Tablica UMK"},
]


def publications(day: datetime.date | None = None) -> list[dict[str, Any]]:
    day = day or timezone.localdate()
    return [{**row, "published_on": day} for row in PUBLICATIONS]


# The draft ----------------------------------------------------------------------------------------------------------


def test_an_officer_creates_a_draft_with_funds_the_statutory_criteria_and_attachments(officer, area):
    call = create(officer, area)

    assert call.status == Call.Status.DRAFT
    assert call.slug == "sz-oko-2027-01"
    assert list(call.areas.all()) == [area]
    assert {f.year: f.amount for f in call.funds.all()} == {next_year(): D("300000.00")}
    assert [c.statutory for c in call.criteria.order_by("position")] == [f"art15_{n}" for n in range(1, 7)]
    assert call.required_attachments.get().name == "Statut"
    assert LogEntry.objects.filter(action="grants.call.created", object_id=str(call.pk)).exists()


def test_a_call_for_commissioning_has_five_statutory_criteria_without_the_4th(officer, area):
    call = create(officer, area, form=Call.Form.COMMISSIONING)

    assert "art15_4" not in set(call.criteria.values_list("statutory", flat=True))
    assert call.criteria.count() == 5


def test_a_multi_year_call_has_funds_for_each_year_of_its_window(officer, area):
    year = next_year()
    call = create(
        officer,
        area,
        realization_start=datetime.date(year, 1, 1),
        realization_end=datetime.date(year + 2, 6, 30),
        funds={year: D("600000"), year + 1: D("600000"), year + 2: D("300000")},
    )

    assert call.is_multi_year
    assert list(call.funds.values_list("year", "amount")) == [
        (year, D("600000.00")),
        (year + 1, D("600000.00")),
        (year + 2, D("300000.00")),
    ]


def test_a_resident_cannot_create_a_call(resident, area):
    message = refused("__all__", create, resident, area)

    assert in_polish("Only the city office prepares calls for offers.") in message
    assert not Call.objects.exists()


def _year() -> int:
    return next_year()


BAD_DRAFTS = [
    ("max_grant", {"min_grant": D("60000"), "max_grant": D("50000")}, "60"),
    ("own_share_min", {"own_share_min": D("120")}, "100"),
    (
        "own_share_min",
        {"own_share_min": D("5"), "own_financial_share_min": D("3"), "own_nonfinancial_share_min": D("4")},
        "7,00",
    ),
    ("admin_costs_max", {"admin_costs_max": D("101")}, "100"),
    (
        "realization_end",
        {"realization_end": datetime.date(_year(), 1, 15)},
        in_polish("The task cannot end before it starts."),
    ),
    (
        "choice_date",
        {"choice_date": timezone.localdate() + 10 * DAY},
        in_polish("Offers can be chosen only after the deadline for offers."),
    ),
    (
        "nominations_close",
        {"nominations_close": at(timezone.localdate() + 40 * DAY)},
        in_polish("Nominations to the commission must close no later than the deadline for offers."),
    ),
    ("areas", {"areas": []}, in_polish("Choose at least one public-benefit area of the task (art. 4).")),
    ("title", {"title": ""}, ""),
    ("max_grant", {"max_grant": D("400000")}, "300"),
]


@pytest.mark.parametrize(
    ("field", "changes", "figure"), BAD_DRAFTS, ids=[f"{f}-{i}" for i, (f, _c, _g) in enumerate(BAD_DRAFTS)]
)
def test_a_bad_draft_is_refused_on_its_field_and_nothing_is_saved(officer, area, field, changes, figure):
    message = refused(field, create, officer, area, **changes)

    assert figure in message
    assert not Call.objects.exists() and not CallFunds.objects.exists() and not Criterion.objects.exists()


BAD_ROWS = [
    ("funds", {"funds": {_year() + 1: D("1000")}}, str(_year() + 1)),
    ("funds", {"funds": {}}, str(_year())),
    (
        "funds",
        {"funds": {_year(): D("-5")}},
        in_polish("The funds for %(year)s cannot be negative.") % {"year": _year()},
    ),
    (
        "funds",
        {"funds": {_year(): D("0")}},
        in_polish("The call must have public funds: enter the amount for at least one year."),
    ),
    (
        "criteria",
        {"criteria": [c for c in call_rules.default_criteria("wspieranie") if c["statutory"] != "art15_3"]},
        "pkt 3",
    ),
    ("criteria", {"form": "powierzenie", "criteria": call_rules.default_criteria("wspieranie")}, "pkt 4"),
    (
        "criteria",
        {"criteria": [*call_rules.default_criteria("wspieranie"), {"name": "", "max_points": 5, "statutory": ""}]},
        "7",
    ),
    (
        "criteria",
        {
            "criteria": [
                *call_rules.default_criteria("wspieranie"),
                {"name": "Innowacyjność", "max_points": 0, "statutory": ""},
            ]
        },
        "Innowacyjność",
    ),
    (
        "criteria",
        {
            "criteria": [
                *call_rules.default_criteria("wspieranie"),
                {"name": "Innowacyjność", "max_points": None, "statutory": ""},
            ]
        },
        "Innowacyjność",
    ),
    ("attachments", {"attachments": [{"name": " ", "description": "x", "mandatory": True}]}, "1"),
]


@pytest.mark.parametrize(
    ("field", "changes", "figure"), BAD_ROWS, ids=[f"{f}-{i}" for i, (f, _c, _g) in enumerate(BAD_ROWS)]
)
def test_bad_rows_of_a_draft_are_refused_and_nothing_is_saved(officer, area, field, changes, figure):
    message = refused(field, create, officer, area, **changes)

    assert figure in message
    assert not Call.objects.exists()


def test_the_office_adds_its_own_criteria_and_changes_the_points_of_statutory_ones(officer, area):
    criteria = call_rules.default_criteria("wspieranie", points=D("10"))
    criteria.append({"name": "Innowacyjność projektu", "max_points": D("2.5"), "statutory": ""})
    call = create(officer, area, criteria=criteria)

    own = call.criteria.get(statutory="")
    assert own.name == "Innowacyjność projektu" and own.max_points == D("2.5")
    assert set(call.criteria.filter(statutory__startswith="art").values_list("max_points", flat=True)) == {D("10")}


def test_a_draft_is_updated_in_place_keeping_the_rows_ids(officer, area):
    call = create(officer, area)
    statutory = {c.statutory: c.pk for c in call.criteria.all()}
    attachment = call.required_attachments.get()
    criteria = [{"id": pk, "statutory": code, "name": "", "max_points": D("7")} for code, pk in statutory.items()]
    call_drafts.call_update(
        actor=officer,
        call=call,
        data=data(area, title="Nowy tytuł"),
        funds={next_year(): D("350000")},
        criteria=criteria,
        attachments=[{"id": attachment.pk, "name": "Statut organizacji", "description": "", "mandatory": False}],
    )

    call.refresh_from_db()
    assert call.title == "Nowy tytuł"
    assert {c.statutory: c.pk for c in call.criteria.all()} == statutory
    assert set(call.criteria.values_list("max_points", flat=True)) == {D("7")}
    attachment.refresh_from_db()
    assert (attachment.name, attachment.mandatory) == ("Statut organizacji", False)
    assert call.funds.get().amount == D("350000.00")


def test_a_published_call_is_not_updated_as_a_draft(officer, area):
    call = CallFactory()
    message = refused(
        "__all__",
        call_drafts.call_update,
        actor=officer,
        call=call,
        data=data(area),
        funds={next_year(): D("1")},
        criteria=call_rules.default_criteria("wspieranie"),
        attachments=[],
    )

    assert (
        in_polish("This call is published: change it only through a correction notice, before its deadline.") in message
    )


# Publication --------------------------------------------------------------------------------------------------------


@pytest.fixture
def audiences(area, other_area):
    """People acting for: a verified organization in the call's area, one in another area, a pending one in it."""
    people = {}
    for key, status, areas in (
        ("in_area", Organization.Status.VERIFIED, [area]),
        ("elsewhere", Organization.Status.VERIFIED, [other_area]),
        ("pending", Organization.Status.PENDING, [area]),
    ):
        organization = make_organization(f"Stowarzyszenie {key}", status=status, areas=[*areas])
        person = make_person(f"{key}@example.org")
        add_membership(organization, person, Membership.Role.REPRESENTATIVE)
        people[key] = person
    return people


def test_publishing_records_the_three_channels_and_tells_the_organizations_of_the_areas(officer, area, audiences):
    call = create(officer, area)

    published = call_publication.call_publish(actor=officer, call=call, publications=publications())

    assert published.status == Call.Status.ANNOUNCED and published.published_at is not None
    rows = {p.channel: p for p in Publication.objects.filter(call=call, subject=Publication.Subject.CALL)}
    assert set(rows) == {"razem", "bip", "notice_board"}
    assert rows["razem"].published_on == timezone.localdate() and rows["razem"].url.endswith(f"/konkursy/{call.slug}/")
    assert rows["bip"].url == "https://www.bip.krakow.pl/?dok_id=1"
    told = set(Notification.objects.filter(kind="grants/call_opened").values_list("recipient__email", flat=True))
    assert told == {"in_area@example.org"}
    assert LogEntry.objects.filter(action="grants.call.published", object_id=str(call.pk)).exists()


@pytest.mark.parametrize(
    ("field", "rows", "words"),
    [
        ("bip_published_on", [PUBLICATIONS[1]], "art. 13 ust. 3"),
        ("notice_board_published_on", [PUBLICATIONS[0]], "art. 13 ust. 3"),
        ("bip_url", [{**PUBLICATIONS[0], "url": ""}, PUBLICATIONS[1]], "BIP"),
        ("bip_published_on", "future", None),
    ],
)
def test_publishing_without_a_statutory_channel_is_refused_and_changes_nothing(officer, area, field, rows, words):
    call = create(officer, area)
    if rows == "future":
        tomorrow = timezone.localdate() + DAY
        given = publications(tomorrow)
        words = in_polish("%(date)s is in the future: record a publication once it has appeared.") % {
            "date": when(tomorrow)
        }
    else:
        given = [{**row, "published_on": timezone.localdate()} for row in rows]

    message = refused(field, call_publication.call_publish, actor=officer, call=call, publications=given)

    assert words in message
    call.refresh_from_db()
    assert call.status == Call.Status.DRAFT and call.published_at is None
    assert not Publication.objects.exists() and not Notification.objects.exists()


def test_a_deadline_20_days_after_the_last_publication_is_refused_and_21_days_accepted(officer, area):
    today = timezone.localdate()
    early = create(officer, area, submission_deadline=at(today + 20 * DAY, 23, 59), choice_date=today + 50 * DAY)

    message = refused(
        "submission_deadline", call_publication.call_publish, actor=officer, call=early, publications=publications()
    )

    earliest = statutory_deadline("offer_submission_days", today)
    assert earliest.days == 21
    assert "art. 13 ust. 1" in message
    assert str(earliest.date.day) in message and str(earliest.date.year) in message
    early.refresh_from_db()
    assert early.status == Call.Status.DRAFT and not Publication.objects.exists()

    ok = create(officer, area, number="SZ-OKO/2027/02", submission_deadline=at(today + 21 * DAY, 0, 1))
    assert (
        call_publication.call_publish(actor=officer, call=ok, publications=publications()).status
        == Call.Status.ANNOUNCED
    )


def test_the_21_days_are_counted_from_the_latest_publication_of_any_channel(officer, area):
    today = timezone.localdate()
    call = create(officer, area, submission_deadline=at(today + 21 * DAY))
    older = publications(today - 3 * DAY)

    assert call_publication.call_publish(actor=officer, call=call, publications=older).status == Call.Status.ANNOUNCED


def test_the_number_of_days_is_the_statutory_value_valid_on_the_publication_day(officer, area):
    today = timezone.localdate()
    StatutoryValue.objects.create(
        code="offer_submission_days", value=30, unit="days", valid_from=today - DAY,
        legal_ref="art. 13 ust. 1 (zmiana)", description="test",
    )  # fmt: skip
    call = create(officer, area, submission_deadline=at(today + 25 * DAY))

    message = refused(
        "submission_deadline", call_publication.call_publish, actor=officer, call=call, publications=publications()
    )

    assert "30" in message and "zmiana" in message
    call.refresh_from_db()
    call.submission_deadline = at(today + 30 * DAY)
    call.save()
    assert (
        call_publication.call_publish(actor=officer, call=call, publications=publications()).status
        == Call.Status.ANNOUNCED
    )


def test_a_published_call_is_not_published_twice(officer, area):
    call = create(officer, area)
    call_publication.call_publish(actor=officer, call=call, publications=publications())

    message = refused("__all__", call_publication.call_publish, actor=officer, call=call, publications=publications())

    assert message == in_polish("This call is %(status)s; it has already been published.") % {
        "status": in_polish("Announced", "call status").lower()
    }
    assert Publication.objects.filter(channel="razem").count() == 1


def test_a_resident_cannot_publish(resident, officer, area):
    call = create(officer, area)

    refused("__all__", call_publication.call_publish, actor=resident, call=call, publications=publications())

    call.refresh_from_db()
    assert call.status == Call.Status.DRAFT


# Corrections --------------------------------------------------------------------------------------------------------


@pytest.fixture
def published(officer, area):
    call = create(officer, area)
    return call_publication.call_publish(actor=officer, call=call, publications=publications())


def correct(officer, call, area, *, notice="Zmiana kwoty dotacji.", funds=None, criteria=None, **changes):
    current = Call.objects.get(pk=call.pk)
    fields = {name: getattr(current, name) for name in call_rules.CORRECTABLE_FIELDS}
    fields["areas"] = list(current.areas.all())
    fields.update(changes)
    return call_changes.call_correct(
        actor=officer,
        call=current,
        data=fields,
        funds=funds if funds is not None else {f.year: f.amount for f in current.funds.all()},
        criteria=criteria
        if criteria is not None
        else [
            {"id": c.pk, "statutory": c.statutory, "name": c.name, "max_points": c.max_points}
            for c in current.criteria.all()
        ],
        attachments=[
            {"id": a.pk, "name": a.name, "description": a.description, "mandatory": a.mandatory}
            for a in current.required_attachments.all()
        ],
        notice=notice,
    )


def test_a_correction_records_what_changed_bumps_the_sequence_and_tells_organizations_with_offers(
    officer, area, published
):
    with_draft, with_filed, without = (make_organization(f"Org {n}") for n in range(3))
    people = {}
    for organization in (with_draft, with_filed, without):
        person = make_person(f"rep-{organization.pk}@example.org")
        add_membership(organization, person, Membership.Role.REPRESENTATIVE)
        people[organization.pk] = person.email
    OfferFactory(call=published, organization=with_draft)
    OfferFactory(call=published, organization=with_filed, status=Offer.Status.FILED)
    year = next_year()

    correction = correct(officer, published, area, max_grant=D("60000"), funds={year: D("320000")})

    assert correction.number == 1
    changes = {c["field"]: c for c in correction.changes}
    assert (
        changes["max_grant"]["old"] == "50\u00a0000,00\u00a0zł"
        and changes["max_grant"]["new"] == "60\u00a0000,00\u00a0zł"
    )
    assert changes[f"funds.{year}"]["new"] == "320\u00a0000,00\u00a0zł"
    published.refresh_from_db()
    assert published.sequence == 1 and published.max_grant == D("60000")
    told = set(Notification.objects.filter(kind="grants/call_corrected").values_list("recipient__email", flat=True))
    assert told == {people[with_draft.pk], people[with_filed.pk]}
    assert LogEntry.objects.filter(action="grants.call.corrected", object_id=str(published.pk)).exists()


def test_a_correction_without_a_notice_or_without_a_change_is_refused(officer, area, published):
    assert in_polish(
        "Write the correction notice: what changes and why. It is published on the call's page."
    ) in refused("notice", correct, officer, published, area, notice=" ", max_grant=D("60000"))
    assert in_polish("Nothing has changed: change something in the call, then publish the correction.") in refused(
        "__all__", correct, officer, published, area
    )
    published.refresh_from_db()
    assert published.sequence == 0 and not Correction.objects.exists()


def test_a_corrected_deadline_is_checked_against_the_21_days_from_the_last_publication(officer, area, published):
    today = timezone.localdate()

    message = refused(
        "submission_deadline", correct, officer, published, area, submission_deadline=at(today + 20 * DAY)
    )

    assert "art. 13 ust. 1" in message
    published.refresh_from_db()
    assert timezone.localtime(published.submission_deadline).date() == today + 30 * DAY
    correction = correct(
        officer, published, area, submission_deadline=at(today + 40 * DAY), choice_date=today + 70 * DAY
    )
    assert {c["field"] for c in correction.changes} == {"submission_deadline", "choice_date"}


def test_after_the_deadline_a_call_is_not_corrected(officer, area):
    call = CallFactory(submission_deadline=timezone.now() - datetime.timedelta(seconds=1))

    message = refused("__all__", correct, officer, call, area, max_grant=D("60000"))

    assert (
        in_polish("Offers were accepted until %(deadline)s; after the deadline the call can no longer be corrected.")
        % {"deadline": when(call.submission_deadline)}
        in message
    )
    call.refresh_from_db()
    assert call.max_grant == D("50000.00") and call.sequence == 0


def test_a_correction_that_breaks_a_rule_is_refused_and_saves_nothing(officer, area, published):
    refused("max_grant", correct, officer, published, area, min_grant=D("70000"))

    published.refresh_from_db()
    assert published.min_grant == D("5000.00") and not Correction.objects.exists()


# Cancellation -------------------------------------------------------------------------------------------------------


def test_a_call_is_cancelled_after_its_deadline_with_a_ground_a_reason_and_its_publications(officer):
    call = CallFactory(submission_deadline=timezone.now() - DAY)
    organization = make_organization("Fundacja z ofertą")
    person = make_person("z-oferta@example.org")
    add_membership(organization, person, Membership.Role.REPRESENTATIVE)
    OfferFactory(call=call, organization=organization, status=Offer.Status.FILED)

    cancelled = call_changes.call_cancel(
        actor=officer,
        call=call,
        ground=Call.CancelGround.NONE_MEETS,
        reason="Żadna oferta nie spełniła wymogów formalnych.",
        publications=[{"channel": "bip", "published_on": timezone.localdate(), "url": "https://bip.example/1"}],
    )

    assert cancelled.status == Call.Status.CANCELLED and cancelled.cancel_ground == "none_meets"
    assert cancelled.status_reason.startswith("Żadna") and cancelled.cancelled_at is not None
    assert cancelled.sequence == 1
    assert set(Publication.objects.filter(subject="cancellation").values_list("channel", flat=True)) == {"razem", "bip"}
    assert Notification.objects.filter(kind="grants/call_cancelled", recipient=person).exists()
    assert LogEntry.objects.filter(action="grants.call.cancelled").exists()


@pytest.mark.parametrize(
    ("field", "deadline_days", "ground", "reason", "filed", "words"),
    [
        ("__all__", 5, "no_offers", "Brak ofert.", False, "deadline"),
        ("reason", -1, "no_offers", " ", False, "reason"),
        ("ground", -1, "", "Brak ofert.", False, "ground"),
        ("ground", -1, "no_offers", "Brak ofert.", True, "1 offer"),
        ("ground", -1, "none_meets", "Żadna nie spełnia.", False, "pkt 1"),
    ],
)
def test_a_cancellation_that_breaks_art_18a_is_refused(officer, field, deadline_days, ground, reason, filed, words):
    call = CallFactory(submission_deadline=timezone.now() + deadline_days * DAY)
    if filed:
        OfferFactory(call=call, status=Offer.Status.FILED)
    expected = {
        "deadline": in_polish(
            "Offers are accepted until %(deadline)s. A call is cancelled under art. 18a only when no offer was "
            "filed or none meets its requirements, which is known after the deadline; until then, correct it."
        )
        % {"deadline": when(call.submission_deadline)},
        "reason": in_polish("Give the reason of the cancellation; it is published on the call's page."),
        "ground": in_polish("Choose the ground of the cancellation: one of the two of art. 18a ust. 1."),
        "1 offer": in_polish_plural(
            "%(count)s offer was filed in this call, so it cannot be cancelled for the lack of offers.",
            "%(count)s offers were filed in this call, so it cannot be cancelled for the lack of offers.",
            1,
        ),
        "pkt 1": in_polish("No offer was filed in this call: the ground is that no offer was filed (pkt 1)."),
    }[words]

    message = refused(field, call_changes.call_cancel, actor=officer, call=call, ground=ground, reason=reason)

    assert expected in message
    call.refresh_from_db()
    assert call.status == Call.Status.ANNOUNCED and not Publication.objects.exists()


def test_required_attachments_and_funds_are_kept_in_their_order(officer, area):
    attachments = [
        {"name": "Statut", "description": "", "mandatory": True},
        {"name": "Rekomendacje", "description": "Listy poparcia", "mandatory": False},
    ]
    call = create(officer, area, attachments=attachments)

    assert list(RequiredAttachment.objects.filter(call=call).values_list("name", "position", "mandatory")) == [
        ("Statut", 1, True),
        ("Rekomendacje", 2, False),
    ]
