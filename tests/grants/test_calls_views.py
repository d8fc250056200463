"""The pages of calls for offers: the public list (filters, time left, constant queries, pages), a call's page with
everything of the announcement, the iCalendar entry and feed; the office's list (figures, export, constant queries),
the call form with its formsets (what was typed is kept on every error; nothing is saved), the publication,
correction and cancellation pages, and the panel card."""

import csv
import datetime
import io
from decimal import Decimal
from typing import Any

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from razem.core.models import PublicBenefitArea
from razem.core.money import pln
from razem.grants.models import Call, CallFunds, Correction, Criterion, Offer, Publication
from razem.grants.services.calls import drafts as call_drafts
from tests.core.helpers import in_polish, text_of
from tests.factories import CallFactory, OfferFactory

pytestmark = pytest.mark.django_db

D = Decimal
DAY = datetime.timedelta(days=1)


def days_left(n: int) -> str:
    with translation.override("pl"):
        return translation.ngettext("%(days)s day left", "%(days)s days left", n) % {"days": n}


@pytest.fixture
def area(reference_data) -> PublicBenefitArea:
    return PublicBenefitArea.objects.valid_on(timezone.localdate()).get(code="1")


@pytest.fixture
def other_area(reference_data) -> PublicBenefitArea:
    return PublicBenefitArea.objects.valid_on(timezone.localdate()).get(code="5")


# The public list ----------------------------------------------------------------------------------------------------


def test_the_public_list_shows_published_calls_with_the_deadline_and_time_left_but_not_drafts(client, area):
    open_call = CallFactory(
        title="Seniorzy w sieci", submission_deadline=timezone.now() + 5 * DAY + 3600 * datetime.timedelta(seconds=1)
    )
    open_call.areas.set([area])
    closed = CallFactory(title="Konkurs zamknięty", submission_deadline=timezone.now() - DAY)
    draft = CallFactory(title="Szkic konkursu", status=Call.Status.DRAFT, published_at=None)

    response = client.get("/konkursy/")

    page = text_of(response)
    assert response.status_code == 200
    assert "Seniorzy w sieci" in page and "Konkurs zamknięty" in page and draft.title not in page
    assert days_left(5) in page
    assert in_polish("past the deadline") in page
    titles = [row["call"].title for row in response.context["rows"]]
    assert titles.index("Seniorzy w sieci") < titles.index(closed.title)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"etap": "open"}, {"open-support"}),
        ({"etap": "closed"}, {"closed-commissioning"}),
        ({"etap": "cancelled"}, {"cancelled"}),
        ({"forma": "powierzenie"}, {"closed-commissioning"}),
        ({"wydzial": "Wydział Kultury"}, {"cancelled"}),
        ({"obszar": "AREA"}, {"open-support"}),
        ({"rok": "YEAR2"}, {"cancelled"}),
        ({"q": "sieci"}, {"open-support"}),
    ],
)
def test_the_public_list_filters_by_area_department_form_stage_year_and_words(client, officer, area, query, expected):
    year = timezone.localdate().year
    made = {
        "open-support": _call(officer, area, "Seniorzy w sieci", number="A/1"),
        "closed-commissioning": _call(officer, None, "Sport dzieci", number="A/2", form="powierzenie"),
        "cancelled": _call(officer, None, "Teatr", number="A/3", department="Wydział Kultury", start_year=year + 2),
    }
    Call.objects.filter(pk=made["closed-commissioning"].pk).update(submission_deadline=timezone.now() - DAY)
    Call.objects.filter(pk=made["cancelled"].pk).update(status=Call.Status.CANCELLED)
    query = {k: str(area.pk) if v == "AREA" else str(year + 2) if v == "YEAR2" else v for k, v in query.items()}

    response = client.get("/konkursy/", query)

    shown = {row["call"].pk for row in response.context["rows"]}
    assert shown == {made[key].pk for key in expected}


def _call(
    officer, area, title: str, *, number: str, form: str = "wspieranie", department: str = "", start_year: int = 0
) -> Call:
    year = start_year or timezone.localdate().year + 1
    call = CallFactory(
        title=title, number=number, form=form, department=department or "Wydział Polityki Społecznej i Zdrowia",
        realization_start=datetime.date(year, 2, 1), realization_end=datetime.date(year, 11, 30),
    )  # fmt: skip
    call.search_text = call_drafts._search_text(call, [])
    call.save()
    if area is not None:
        call.areas.set([area])
    return call


def test_the_public_list_costs_the_same_queries_for_many_calls_and_pages(client, area, django_assert_max_num_queries):
    for _ in range(25):
        CallFactory().areas.set([area])

    with django_assert_max_num_queries(8):
        response = client.get("/konkursy/")
    assert len(response.context["rows"]) == 20
    assert client.get("/konkursy/", {"strona": 2}).context["page"].number == 2

    for _ in range(25):
        CallFactory().areas.set([area])
    with django_assert_max_num_queries(8):
        client.get("/konkursy/")


def test_an_unknown_filter_value_shows_no_calls_and_says_so(client):
    CallFactory()

    response = client.get("/konkursy/", {"etap": "nieznany"})

    assert response.status_code == 200 and response.context["rows"] == []


# A call's page ------------------------------------------------------------------------------------------------------


@pytest.fixture
def rich_call(officer, area, venue):
    year = timezone.localdate().year + 1
    call = CallFactory(
        realization_start=datetime.date(year, 1, 1),
        realization_end=datetime.date(year + 1, 6, 30),
        funds={year: D("600000"), year + 1: D("300000")},
        venue=venue,
        place="Centrum Obywatelskie, sale 1w038 (70 m²)",
        same_kind_this_year=D("120000"),
        same_kind_last_year=D("100000"),
        grant_rules="Dotacja nie obejmuje zakupu środków trwałych.",
    )
    call.areas.set([area])
    Publication.objects.create(call=call, subject="call", channel="bip", published_on=timezone.localdate(),
                               url="https://www.bip.krakow.pl/?dok_id=42")  # fmt: skip
    Correction.objects.create(
        call=call, number=1, notice="Zmieniono termin składania ofert.",
        changes=[{"field": "submission_deadline", "label": "Termin", "old": "1 stycznia", "new": "8 stycznia"}],
    )  # fmt: skip
    return call


def test_the_call_page_shows_the_whole_announcement(client, rich_call):
    response = client.get(rich_call.get_absolute_url())

    page = text_of(response)
    assert response.status_code == 200
    for text in (
        "600\u00a0000,00\u00a0zł", "300\u00a0000,00\u00a0zł", "900\u00a0000,00\u00a0zł",  # funds per year and total
        "50\u00a0000,00\u00a0zł", "10,00\u00a0%",  # largest grant, own share
        "Dotacja nie obejmuje", "Centrum Obywatelskie", "120\u00a0000,00\u00a0zł",
        "Statut organizacji", "https://www.bip.krakow.pl/?dok_id=42",
        "Zmieniono termin składania ofert.", "8 stycznia",
    ):  # fmt: skip
        assert text in page, text
    assert str(rich_call.criteria.first().name) in page
    assert 'href="/konkursy/' + rich_call.slug + '/termin.ics"' in response.content.decode()


def test_the_start_button_shows_to_a_representative_and_the_reason_to_others(
    client, rich_call, verified_org, org_representative, org_member
):
    start = reverse("grants:offer_start", args=[rich_call.slug])
    anonymous = client.get(rich_call.get_absolute_url())
    assert start not in anonymous.content.decode()
    assert in_polish("Sign in to continue.") in text_of(anonymous)

    client.force_login(org_member)
    assert in_polish("Only a person who may act for a verified organization can do this.") in text_of(
        client.get(rich_call.get_absolute_url())
    )
    client.force_login(org_representative)
    page = client.get(rich_call.get_absolute_url()).content.decode()
    assert start in page and reverse("grants:nominate", args=[rich_call.slug]) in page


def test_a_cancelled_call_shows_its_ground_and_reason(client):
    call = CallFactory(
        status=Call.Status.CANCELLED,
        cancel_ground="no_offers",
        status_reason="Nie wpłynęła żadna oferta.",
        cancelled_at=timezone.now(),
        submission_deadline=timezone.now() - DAY,
    )

    page = text_of(client.get(call.get_absolute_url()))

    assert "Nie wpłynęła żadna oferta." in page
    assert str(Call.CancelGround.NO_OFFERS.label) in page or in_polish(str(Call.CancelGround.NO_OFFERS.label)) in page


def test_a_draft_is_not_found_by_the_public_but_seen_by_the_office(client, officer):
    draft = CallFactory(status=Call.Status.DRAFT, published_at=None)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("grants:call_ics", args=[draft.slug])).status_code == 404
    client.force_login(officer)
    assert client.get(draft.get_absolute_url()).status_code == 200


# iCalendar ----------------------------------------------------------------------------------------------------------


def test_the_deadline_as_an_icalendar_entry_with_its_sequence(client):
    call = CallFactory(sequence=2)

    response = client.get(reverse("grants:call_ics", args=[call.slug]))

    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert int(event["SEQUENCE"]) == 2
    assert event.decoded("DTSTART") == call.submission_deadline.replace(microsecond=0)
    assert "DTEND" not in event and str(event["STATUS"]) == "CONFIRMED"
    assert call.title in str(event["SUMMARY"])
    assert event.walk("VALARM")


def test_the_feed_has_open_calls_and_recent_cancellations_but_no_drafts(client):
    open_call = CallFactory(title="Otwarty")
    cancelled = CallFactory(
        title="Unieważniony", status=Call.Status.CANCELLED, submission_deadline=timezone.now() - DAY
    )
    CallFactory(title="Szkic", status=Call.Status.DRAFT)
    CallFactory(title="Dawny", submission_deadline=timezone.now() - 90 * DAY)

    response = client.get(reverse("grants:feed"))

    events = {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}
    summaries = " ".join(events)
    assert open_call.title in summaries and cancelled.title in summaries
    assert "Szkic" not in summaries and "Dawny" not in summaries
    assert [str(e["STATUS"]) for s, e in events.items() if cancelled.title in s] == ["CANCELLED"]


# The office's list --------------------------------------------------------------------------------------------------


def test_the_office_list_shows_offers_filed_and_the_requested_total_in_constant_queries(
    officer_client, django_assert_max_num_queries
):
    calls = [CallFactory() for _ in range(3)]
    OfferFactory(call=calls[0], status=Offer.Status.FILED)
    OfferFactory(call=calls[0])

    with django_assert_max_num_queries(14):
        response = officer_client.get("/panel/konkursy/")
    rows = {c.pk: c for c in response.context["page"].object_list}
    assert rows[calls[0].pk].filed_count == 1 and rows[calls[0].pk].draft_count == 1
    assert rows[calls[0].pk].funds_total == D("200000.00")

    for _ in range(10):
        OfferFactory(call=CallFactory(), status=Offer.Status.FILED)
    with django_assert_max_num_queries(14):
        officer_client.get("/panel/konkursy/")
    page = response.content.decode()
    for name in ("edit", "correct", "cancel", "nominations", "offers"):
        assert reverse(f"grants_staff:{name}", args=[calls[1].slug]) in page


def test_the_office_list_exports_the_calls_as_csv(officer_client):
    call = CallFactory(title="Eksportowany")

    response = officer_client.get("/panel/konkursy/", {"eksport": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert any(call.number in row and "Eksportowany" in row for row in rows)


def test_the_office_pages_are_closed_to_residents(client, resident):
    call = CallFactory()
    client.force_login(resident)
    for url in ("/panel/konkursy/", "/panel/konkursy/nowy/", f"/panel/konkursy/{call.slug}/",
                f"/panel/konkursy/{call.slug}/publikacja/", f"/panel/konkursy/{call.slug}/korekta/",
                f"/panel/konkursy/{call.slug}/uniewaznienie/"):  # fmt: skip
        assert client.get(url).status_code == 403, url


# The call form ------------------------------------------------------------------------------------------------------


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}  # fmt: skip


def form_data(area: PublicBenefitArea, **changes: Any) -> dict[str, Any]:
    year = timezone.localdate().year + 1
    deadline = timezone.localdate() + 30 * DAY
    data: dict[str, Any] = {
        "number": "WS/2027/07", "slug": "", "organ": "Prezydent Miasta Krakowa",
        "title": "Wsparcie seniorów", "task_kind": "Działalność na rzecz seniorów", "form": "wspieranie",
        "areas": [str(area.pk)], "department": "Wydział Polityki Społecznej", "department_email": "",
        "description": "", "min_grant": "5 000", "max_grant": "50 000,00", "own_share_min": "10",
        "own_financial_share_min": "0", "own_nonfinancial_share_min": "0", "admin_costs_max": "10",
        "grant_rules": "", "realization_start": f"{year}-02-01", "realization_end": f"{year}-11-30",
        "place": "", "venue": "", "conditions": "", "results_table_required": "on",
        "submission_deadline": f"{deadline.isoformat()}T15:30", "evaluation_mode": "",
        "choice_date": (deadline + 30 * DAY).isoformat(), "same_kind_this_year": "0", "same_kind_last_year": "0",
        "same_kind_note": "", "recruits_commission": "on", "nominations_close": "",
        **management("funds", 1), "funds-0-year": str(year), "funds-0-amount": "300 000",
        **management("criteria", 8),
        **management("attachments", 2), "attachments-0-name": "Statut", "attachments-0-mandatory": "on",
    }  # fmt: skip
    for index in range(6):
        data[f"criteria-{index}-statutory"] = f"art15_{index + 1}"
        data[f"criteria-{index}-max_points"] = "5"
    data.update(changes)
    return data


def test_the_new_call_form_preloads_the_six_statutory_criteria(officer_client):
    response = officer_client.get("/panel/konkursy/nowy/")

    assert response.status_code == 200
    codes = [f.code for f in response.context["bundle"].criteria.forms if f.code]
    assert codes == [f"art15_{n}" for n in range(1, 7)]


def test_an_officer_creates_a_draft_through_the_form(officer_client, area):
    response = officer_client.post(
        "/panel/konkursy/nowy/", form_data(area, **{"criteria-6-name": "Innowacyjność", "criteria-6-max_points": "2,5"})
    )

    assert response.status_code == 302, text_of(response)
    call = Call.objects.get()
    assert response["Location"] == reverse("grants_staff:edit", args=[call.slug])
    assert call.max_grant == D("50000") and call.min_grant == D("5000")
    assert call.criteria.count() == 7 and call.criteria.get(statutory="").max_points == D("2.5")
    assert call.funds.get().amount == D("300000")


def test_a_commissioning_call_leaves_the_4th_criterion_out(officer_client, area):
    response = officer_client.post("/panel/konkursy/nowy/", form_data(area, form="powierzenie"))

    assert response.status_code == 302
    assert not Criterion.objects.filter(statutory="art15_4").exists()


@pytest.mark.parametrize(
    ("changes", "message", "amounts"),
    [
        ({"max_grant": "dużo"}, "Enter an amount in złoty, e.g. 12 500,00.", {}),
        (
            {"min_grant": "60 000"},
            "The largest grant (%(max)s) cannot be smaller than the smallest grant (%(min)s).",
            {"max": D("50000"), "min": D("60000")},
        ),
        ({"own_share_min": "150"}, "A share is at most 100 %.", {}),
        ({"realization_end": "2000-01-01"}, "The task cannot end before it starts.", {}),
        ({"criteria-6-name": "Własne", "criteria-6-max_points": "-1"}, "Points cannot be negative.", {}),
        ({"funds-0-amount": "0"}, "The call must have public funds: enter the amount for at least one year.", {}),
        ({"areas": []}, "Choose at least one public-benefit area of the task (art. 4).", {}),
    ],
)
def test_a_bad_form_keeps_what_was_typed_and_saves_nothing(officer_client, area, changes, message, amounts):
    data = form_data(area, title="Wpisany tytuł do zachowania", **changes)
    expected = in_polish(message)
    if amounts:
        expected %= {key: pln(amount) for key, amount in amounts.items()}

    response = officer_client.post("/panel/konkursy/nowy/", data)

    assert response.status_code == 400
    page = text_of(response)
    assert expected in page
    assert 'value="Wpisany tytuł do zachowania"' in page
    assert 'value="Statut"' in page
    assert not Call.objects.exists() and not CallFunds.objects.exists()


def test_changing_the_window_asks_for_the_funds_of_its_years_keeping_the_amounts_typed(officer_client, area):
    year = timezone.localdate().year + 1
    data = form_data(area, realization_end=f"{year + 1}-06-30")

    response = officer_client.post("/panel/konkursy/nowy/", data)

    assert response.status_code == 400
    bundle = response.context["bundle"]
    assert [f.initial["year"] for f in bundle.funds.forms] == [year, year + 1]
    assert bundle.funds.forms[0].initial["amount"] == "300 000"
    assert not Call.objects.exists()

    refreshed = officer_client.post("/panel/konkursy/nowy/", {**data, "refresh_years": "1"})
    assert refreshed.status_code == 200 and "data-error-summary" not in refreshed.content.decode()
    assert [f.initial["year"] for f in refreshed.context["bundle"].funds.forms] == [year, year + 1]


def test_an_officer_edits_a_draft_and_a_published_call_shows_its_overview(officer_client, area, officer):
    draft = CallFactory(status=Call.Status.DRAFT, published_at=None)
    draft.areas.set([area])
    url = reverse("grants_staff:edit", args=[draft.slug])
    response = officer_client.get(url)
    assert response.status_code == 200 and response.context["bundle"].form.initial["title"] == draft.title

    data = form_data(area, number=draft.number, slug=draft.slug, title="Poprawiony szkic")
    response = officer_client.post(url, data)
    assert response.status_code == 302, text_of(response)
    draft.refresh_from_db()
    assert draft.title == "Poprawiony szkic"

    published = CallFactory()
    overview = officer_client.get(reverse("grants_staff:edit", args=[published.slug]))
    assert overview.status_code == 200 and "bundle" not in overview.context


# Publication, correction, cancellation pages ------------------------------------------------------------------------


def test_the_publish_page_refuses_a_short_deadline_keeping_what_was_typed(officer_client, area):
    call = CallFactory(status=Call.Status.DRAFT, published_at=None, submission_deadline=timezone.now() + 10 * DAY)
    call.areas.set([area])
    url = reverse("grants_staff:publish", args=[call.slug])
    typed = {"bip_published_on": timezone.localdate().isoformat(), "bip_url": "https://bip.example/ogloszenie-7",
             "notice_board_published_on": timezone.localdate().isoformat()}  # fmt: skip

    response = officer_client.post(url, typed)

    assert response.status_code == 400
    page = text_of(response)
    assert "art. 13 ust. 1" in page and 'value="https://bip.example/ogloszenie-7"' in page
    call.refresh_from_db()
    assert call.status == Call.Status.DRAFT and not Publication.objects.exists()

    call.submission_deadline = timezone.now() + 25 * DAY
    call.save()
    response = officer_client.post(url, typed)
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == Call.Status.ANNOUNCED


def test_the_publish_page_requires_the_bip_and_the_notice_board(officer_client):
    call = CallFactory(status=Call.Status.DRAFT, published_at=None)

    response = officer_client.post(reverse("grants_staff:publish", args=[call.slug]), {})

    assert response.status_code == 400
    assert in_polish("Give the date of the publication in the BIP (art. 13 ust. 3 pkt 1).") in text_of(response)


def test_the_correction_page_publishes_a_correction_and_refuses_after_the_deadline(officer_client, area):
    call = CallFactory()
    call.areas.set([area])
    url = reverse("grants_staff:correct", args=[call.slug])
    get = officer_client.get(url)
    assert get.status_code == 200
    bundle = get.context["bundle"]
    data = _as_post(bundle)
    data["max_grant"] = "60 000"

    missing = officer_client.post(url, data)
    assert missing.status_code == 400 and not Correction.objects.exists()
    assert 'value="60 000"' in missing.content.decode()

    data["notice"] = "Podwyższono maksymalną kwotę dotacji."
    response = officer_client.post(url, data)
    assert response.status_code == 302, text_of(response)
    correction = Correction.objects.get()
    assert correction.changes[0]["field"] == "max_grant"
    assert "Podwyższono" in text_of(officer_client.get(call.get_absolute_url()))

    late = CallFactory(submission_deadline=timezone.now() - DAY)
    assert officer_client.get(reverse("grants_staff:correct", args=[late.slug])).status_code == 403


def _as_post(bundle) -> dict[str, Any]:
    """What the browser would send back from the page as shown."""
    data: dict[str, Any] = {}
    for form in (bundle.form, *bundle.funds.forms, *bundle.criteria.forms, *bundle.attachments.forms):
        for field in form:
            value = field.value()
            if isinstance(value, bool):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(value, list):
                data[field.html_name] = [str(v) for v in value]
            elif value is not None:
                data[field.html_name] = (
                    field.field.prepare_value(value) if hasattr(field.field, "prepare_value") else value
                )
    for formset in (bundle.funds, bundle.criteria, bundle.attachments):
        for field in formset.management_form:
            data[field.html_name] = field.value()
    for key, value in list(data.items()):
        if isinstance(value, datetime.datetime):
            data[key] = (timezone.localtime(value) if timezone.is_aware(value) else value).strftime("%Y-%m-%dT%H:%M")
        elif isinstance(value, datetime.date):
            data[key] = value.isoformat()
    return data


def test_the_cancel_page_cancels_after_the_deadline_and_keeps_input_on_a_refusal(officer_client):
    call = CallFactory(submission_deadline=timezone.now() - DAY)
    url = reverse("grants_staff:cancel", args=[call.slug])

    response = officer_client.post(url, {"ground": "no_offers", "reason": ""})
    assert response.status_code == 400
    call.refresh_from_db()
    assert call.status == Call.Status.ANNOUNCED

    response = officer_client.post(url, {"ground": "no_offers", "reason": "Nie złożono żadnej oferty."})
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == Call.Status.CANCELLED and call.status_reason == "Nie złożono żadnej oferty."


def test_the_panel_card_lists_open_calls_and_calls_past_the_deadline(officer_client):
    open_call = CallFactory(title="Otwarty teraz")
    past = CallFactory(title="Po terminie", submission_deadline=timezone.now() - DAY)

    page = text_of(officer_client.get("/panel/"))

    assert open_call.title in page and past.title in page


def test_the_office_removes_its_own_criterion_and_an_attachment_but_a_statutory_one_has_no_remove_box(
    officer_client, area
):
    draft = CallFactory(status=Call.Status.DRAFT, published_at=None)
    draft.areas.set([area])
    Criterion.objects.create(call=draft, position=9, name="Innowacyjność", max_points=D("3"))
    url = reverse("grants_staff:edit", args=[draft.slug])
    bundle = officer_client.get(url).context["bundle"]
    own = next(i for i, f in enumerate(bundle.criteria.forms) if f.initial.get("name") == "Innowacyjność")
    assert all("DELETE" not in f.fields for f in bundle.criteria.forms if f.code)
    data = _as_post(bundle)
    data[f"criteria-{own}-DELETE"] = "on"
    data["attachments-0-DELETE"] = "on"

    response = officer_client.post(url, data)

    assert response.status_code == 302, text_of(response)
    assert not draft.criteria.filter(statutory="").exists()
    assert draft.criteria.count() == 6 and not draft.required_attachments.exists()
