"""The pages of the decision and the results: the office's decision page (prefilled from the commission's proposal,
the live sums, the refusals on their fields with everything typed kept), the publication of the results, the
questions and their answers, the public results page and the call page's section, the oferent's update, question
and resignation pages, and the parts the template tags add to the other pages of grants. Query counts pinned."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from razem.core import pagecache
from razem.core.money import pln
from razem.grants.models import Award, Call, CallFunds, Decision, Offer, Question
from razem.grants.services import results as services
from razem.grants.services.results import award_field
from tests.core.helpers import in_polish, text_of
from tests.grants.test_results_factories import (
    admit,
    awards,
    close,
    decide,
    decided,
    filed,
    multi_year_call,
    open_call,
    publish,
)

pytestmark = pytest.mark.django_db

D = Decimal


def closed_call_with(count: int, *, funds: str = "200000.00") -> tuple[Call, list[Offer]]:
    call = open_call()
    CallFunds.objects.filter(call=call).update(amount=D(funds))
    offers = [filed(call, D("8000.00") + n, title=f"Oferta {n}") for n in range(count)]
    close(call)
    for n, offer in enumerate(offers):
        admit(offer, points=f"{90 - n}.00", proposed=str(D("5000.00") + n))
    return call, offers


def decision_url(call) -> str:
    return reverse("grants_staff:decision", args=[call.slug])


# The office's decision page ---------------------------------------------------------------------------------------


def test_the_decision_page_lists_the_admitted_offers_prefilled_from_the_proposals(officer_client):
    call = multi_year_call()
    first, second = call.years
    offer = filed(call, {first: D("30000.00"), second: D("20000.00")}, title="Akademia")
    close(call)
    admit(offer, points="77.25", proposed="40000.00")

    response = officer_client.get(decision_url(call))

    assert response.status_code == 200
    form = response.context["form"]
    assert form[award_field(offer.pk, first)].initial == D("24000.00")
    assert form[award_field(offer.pk, second)].initial == D("16000.00")
    assert 'value="24000,00"' in response.content.decode()
    page = text_of(response)
    assert "77.25" in page or "77,25" in page
    assert pln(D("50000.00")) in page and pln(D("40000.00")) in page  # requested, proposed
    assert 'id="decision-sums"' in page and pln(D("24000.00")) in page


def test_the_office_records_the_decision_through_the_page(officer_client):
    call, (a, b) = closed_call_with(2)
    year = call.years[0]

    response = officer_client.post(
        decision_url(call),
        {"number": "77/2026", "made_on": timezone.localdate().isoformat(), "title": "", "note": "",
         award_field(a.pk, year): "8 000,00", award_field(b.pk, year): "0", "save": "1"},
    )  # fmt: skip

    assert response.status_code == 302 and response["Location"] == decision_url(call)
    assert Decision.objects.get(call=call).number == "77/2026"
    assert Offer.objects.get(pk=a.pk).status == Offer.Status.AWARDED
    page = officer_client.get(decision_url(call))
    assert page.status_code == 200 and "grants/staff/results/decision_recorded.html" in [t.name for t in page.templates]
    assert in_polish("not published yet") in text_of(page)


def test_awards_beyond_the_funds_are_refused_on_the_page_and_what_was_typed_stays(officer_client):
    call, (a, b) = closed_call_with(2, funds="10000.00")
    year = call.years[0]

    response = officer_client.post(
        decision_url(call),
        {"number": "77/2026", "made_on": timezone.localdate().isoformat(),
         award_field(a.pk, year): "8000", award_field(b.pk, year): "7000,50", "save": "1"},
    )  # fmt: skip

    assert response.status_code == 400
    page = text_of(response)
    expected = in_polish(
        "In %(year)s the grants awarded add up to %(awarded)s, more than the call's funds for that year, "
        "%(funds)s (by %(excess)s)."
    ) % {"year": year, "awarded": pln(D("15000.50")), "funds": pln(D("10000.00")), "excess": pln(D("5000.50"))}
    assert expected in page
    assert 'value="7000,50"' in response.content.decode() and 'value="77/2026"' in response.content.decode()
    assert not Decision.objects.exists() and Offer.objects.get(pk=a.pk).status == Offer.Status.ADMITTED


def test_more_than_requested_is_shown_next_to_the_offers_field(officer_client):
    call, (a,) = closed_call_with(1)
    field = award_field(a.pk, call.years[0])

    response = officer_client.post(
        decision_url(call),
        {"number": "1/2026", "made_on": timezone.localdate().isoformat(), field: "9000", "save": "1"},
    )

    assert response.status_code == 400
    message = in_polish(
        "%(amount)s is more than offer %(number)s requests for %(year)s, %(requested)s; a grant may be smaller than "
        "requested, never larger."
    ) % {"amount": pln(D("9000.00")), "number": a.number, "year": call.years[0], "requested": pln(D("8000.00"))}
    assert response.context["form"].errors[field][0] == message
    assert f'id="id_{field}_error"' in response.content.decode()


def test_recalculate_shows_the_sums_and_saves_nothing(officer_client):
    call, (a, b) = closed_call_with(2, funds="10000.00")
    year = call.years[0]

    response = officer_client.post(
        decision_url(call), {award_field(a.pk, year): "6000", award_field(b.pk, year): "6000", "recalculate": "1"}
    )

    assert response.status_code == 200
    sums = response.context["sums"]
    assert [(row.year, row.awarded, row.over) for row in sums] == [(year, D("12000.00"), True)]
    assert not Decision.objects.exists()


def test_the_live_sums_answer_htmx_with_the_sums_alone(officer_client):
    call, (a,) = closed_call_with(1, funds="10000.00")
    year = call.years[0]

    response = officer_client.post(
        decision_url(call) + "?sumy=1", {award_field(a.pk, year): "4 500,00"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "grants/staff/results/_decision_sums.html"
    assert pln(D("4500.00")) in text_of(response) and pln(D("5500.00")) in text_of(response)


def test_the_decision_page_says_what_it_waits_for(officer_client):
    call, (a, b) = closed_call_with(2)
    Offer.objects.filter(pk=b.pk).update(points=None)
    Offer.objects.filter(pk=a.pk).update(status=Offer.Status.CORRECTING)

    response = officer_client.get(decision_url(call))

    assert response.status_code == 200
    waiting = response.context["waiting"]
    assert [o.pk for o in waiting["unchecked"]] == [a.pk] and [o.pk for o in waiting["no_opinion"]] == [b.pk]


def _queries(get) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = get()
    assert response.status_code == 200
    return len(captured.captured_queries)


# The pages run the same queries for 3 and for 12 offers; the bound leaves room for the other apps' page sections
# (the commission, the contracts) on the call's office pages.
PAGE_QUERIES = 14


def test_the_decision_page_runs_a_constant_number_of_queries(officer_client):
    counts = []
    for count in (3, 12):
        call, _offers = closed_call_with(count, funds="500000.00")
        counts.append(_queries(lambda call=call: officer_client.get(decision_url(call))))
    assert counts[0] == counts[1] <= PAGE_QUERIES, counts


def test_the_recorded_decision_page_runs_a_constant_number_of_queries(officer, officer_client):
    counts = []
    for count in (3, 12):
        call, offers = closed_call_with(count, funds="500000.00")
        decide(officer, call, awards(*((o, "5000.00") for o in offers[::2])))
        counts.append(_queries(lambda call=call: officer_client.get(decision_url(call))))
    assert counts[0] == counts[1] <= PAGE_QUERIES + 2, counts


@pytest.mark.parametrize(("who", "expected"), [("anonymous", 302), ("resident", 403), ("oferent", 403)])
def test_only_the_office_opens_the_decision_pages(client, resident, who, expected):
    call, (a,) = closed_call_with(1)
    if who == "resident":
        client.force_login(resident)
    elif who == "oferent":
        client.force_login(a.person)
    for name, args in (("decision", [call.slug]), ("results_publish", [call.slug]), ("questions", [call.slug])):
        assert client.get(reverse(f"grants_staff:{name}", args=args)).status_code == expected


# The publication of the results --------------------------------------------------------------------------------


def test_the_office_publishes_the_results_through_the_page(officer, officer_client):
    case = decided(officer)
    call = case["call"]
    url = reverse("grants_staff:results_publish", args=[call.slug])
    today = timezone.localdate().isoformat()

    missing = officer_client.post(url, {"bip_published_on": today})
    assert missing.status_code == 400
    assert in_polish("Give the address of the results in the BIP.") in text_of(missing)

    response = officer_client.post(
        url,
        {"bip_published_on": today, "bip_url": "https://bip.krakow.example.org/wyniki",
         "notice_board_published_on": today, "notice_board_note": "ul. Dekerta 24"},
    )  # fmt: skip

    assert response.status_code == 302
    assert Decision.objects.get(call=call).results_published_at is not None
    page = officer_client.get(url)
    assert 'id="results-published"' in page.content.decode()


# The public results ---------------------------------------------------------------------------------------------


def test_the_results_are_public_only_once_published(client, officer):
    case = decided(officer)
    call = case["call"]
    url = reverse("grants:results", args=[call.slug])

    assert client.get(url).status_code == 404
    client.force_login(case["full"].person)
    assert client.get(url).status_code == 404
    client.force_login(officer)
    preview = client.get(url)
    assert preview.status_code == 200 and 'id="preview"' in preview.content.decode()

    publish(call, officer)
    client.logout()
    response = client.get(url)

    assert response.status_code == 200 and 'id="preview"' not in response.content.decode()
    results = response.context["results"]
    assert [row.title for row in results.funded] == ["Pełna", "Częściowa"]
    assert [row.title for row in results.not_funded] == ["Bez dotacji"]
    assert results.rejected == 1 and results.total == D("13000.00")
    page = text_of(response)
    assert case["full"].organization.name in page and pln(D("5000.00")) in page
    assert "1234/2026" in page and "bip.krakow.example.org" in response.content.decode()


def test_the_public_call_page_shows_the_results_once_published(client, officer):
    case = decided(officer)
    call = case["call"]
    assert 'id="wyniki"' not in client.get(call.get_absolute_url()).content.decode()

    publish(call, officer)
    response = client.get(call.get_absolute_url())

    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="wyniki"' in body and "Częściowa" in body and "Bez dotacji" in body
    assert reverse("grants:results", args=[call.slug]) in body


def test_multi_year_results_show_the_grant_per_year(client, officer):
    call = multi_year_call()
    first, second = call.years
    offer = filed(call, {first: D("30000.00"), second: D("20000.00")})
    close(call)
    admit(offer)
    decide(officer, call, {offer.pk: {first: D("24000.00"), second: D("16000.00")}})
    publish(call, officer)

    response = client.get(reverse("grants:results", args=[call.slug]))

    results = response.context["results"]
    assert results.years == [first, second] and results.funded[0].by_year == [D("24000.00"), D("16000.00")]
    assert results.totals == [D("24000.00"), D("16000.00")]


def test_the_public_results_page_runs_a_constant_number_of_queries(client, officer):
    counts = []
    for count in (3, 12):
        call, offers = closed_call_with(count, funds="500000.00")
        decide(officer, call, awards(*((o, "5000.00") for o in offers[::2])))
        publish(call, officer)
        url = reverse("grants:results", args=[call.slug])
        counts.append(_queries(lambda url=url: client.get(url)))
        # The page as rendered (a second anonymous visit would come from the page cache, without a context).
        with pagecache.bypassed():
            results = client.get(url).context["results"]
        assert len(results.funded) + len(results.not_funded) == count
    # The call (with its funds), the decision, the offers with their awards, the years awarded, the publications,
    # the count of offers rejected formally.
    assert counts[0] == counts[1] <= 7, counts


# Questions ------------------------------------------------------------------------------------------------------


def test_the_oferent_asks_and_reads_the_answer_on_its_offers_page(client, officer):
    case = decided(officer, publish_results=True)
    offer = case["none"]
    client.force_login(offer.person)
    url = reverse("grants:question_ask", args=[offer.pk])

    empty = client.post(url, {"text": " "})
    assert empty.status_code == 400 and in_polish("Write your question.") in text_of(empty)
    response = client.post(url, {"text": "Dlaczego 40 punktów?"})
    assert response.status_code == 302
    question = Question.objects.get(offer=offer)

    services.question_answer(actor=officer, question=question, answer="Tak oceniła komisja.")
    page = client.get(url)

    assert "Dlaczego 40 punktów?" in text_of(page) and "Tak oceniła komisja." in text_of(page)
    detail = client.get(offer.get_absolute_url())
    assert 'id="award-banner"' in detail.content.decode()


def test_a_question_before_the_results_is_refused_on_the_page(client, officer):
    case = decided(officer)
    offer = case["none"]
    client.force_login(offer.person)
    url = reverse("grants:question_ask", args=[offer.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert in_polish("You can ask about the decision once its results are published.") in text_of(page)
    response = client.post(url, {"text": "Kiedy?"})

    assert response.status_code == 403 and not Question.objects.exists()


def test_the_office_sees_how_long_questions_wait_and_answers(officer, officer_client):
    case = decided(officer, publish_results=True)
    call = case["call"]
    old = services.question_ask(actor=case["none"].person, offer=case["none"], text="Stare pytanie")
    Question.objects.filter(pk=old.pk).update(asked_at=timezone.now() - datetime.timedelta(days=20))
    services.question_ask(actor=case["full"].person, offer=case["full"], text="Nowe pytanie")

    response = officer_client.get(reverse("grants_staff:questions", args=[call.slug]))

    rows = response.context["rows"]
    assert [r.question.text for r in rows] == ["Stare pytanie", "Nowe pytanie"]
    assert rows[0].waiting == 20 and rows[0].late and not rows[1].late
    assert response.context["unanswered"] == 2
    url = reverse("grants_staff:question_answer", args=[call.slug, old.pk])
    assert officer_client.post(url, {"answer": ""}).status_code == 400
    assert officer_client.post(url, {"answer": "Odpowiedź urzędu"}).status_code == 302
    assert Question.objects.get(pk=old.pk).answer == "Odpowiedź urzędu"


# The update and the resignation ------------------------------------------------------------------------------


def test_the_update_page_explains_the_award_the_due_date_and_the_share(client, officer):
    case = decided(officer, publish_results=True)
    offer = case["partial"]
    award = Award.objects.get(offer=offer)
    client.force_login(offer.person)

    response = client.get(reverse("grants:offer_update", args=[offer.pk]))

    assert response.status_code == 200
    page = text_of(response)
    assert pln(D("5000.00")) in page and pln(D("8000.00")) in page and "90,00" in page
    assert response.context["can_update"] and response.context["awaited"]
    assert len(response.context["problems"]) == 1  # the grant is still the one requested
    body = response.content.decode()
    assert reverse("grants:offer_section", args=[offer.pk, "koszty"]) in body
    assert reverse("grants:offer_section", args=[offer.pk, "dzialania"]) in body
    assert reverse("grants:offer_file", args=[offer.pk]) in body
    assert award.update_due.strftime("%Y") in page
    assert client.get(reverse("grants:offer_update", args=[case["none"].pk])).status_code == 404


def test_the_lead_resigns_through_the_page_with_a_confirmation_and_not_twice(client, officer):
    case = decided(officer)
    offer = case["partial"]
    client.force_login(offer.person)
    url = reverse("grants:offer_resign", args=[offer.pk])

    unconfirmed = client.post(url, {"reason": "Za mało"})
    assert unconfirmed.status_code == 400 and in_polish("Tick the box to confirm the resignation.") in text_of(
        unconfirmed
    )
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.AWARDED

    assert client.post(url, {"reason": "Za mało", "confirm": "on"}).status_code == 302
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.RESIGNED

    again = client.post(url, {"reason": "Jeszcze raz", "confirm": "on"})
    assert again.status_code == 403
    assert in_polish("The oferent has already resigned from this grant.") in text_of(again)


# Parts of other pages ------------------------------------------------------------------------------------------


def test_the_offer_page_shows_the_award_and_the_update_awaited(client, officer):
    case = decided(officer, publish_results=True)
    offer = case["partial"]
    client.force_login(offer.person)

    body = client.get(offer.get_absolute_url()).content.decode()

    assert 'id="award-banner"' in body and reverse("grants:offer_update", args=[offer.pk]) in body
    assert reverse("grants:question_ask", args=[offer.pk]) in body
    assert reverse("grants:offer_resign", args=[offer.pk]) in body


def test_the_office_overview_and_tabs_show_the_decision(officer, officer_client):
    case = decided(officer)
    call = case["call"]

    body = officer_client.get(reverse("grants_staff:edit", args=[call.slug])).content.decode()

    assert 'id="decision-summary"' in body and "1234/2026" in body
    assert reverse("grants_staff:decision", args=[call.slug]) in body
    assert reverse("grants_staff:results_publish", args=[call.slug]) in body
    assert reverse("grants_staff:questions", args=[call.slug]) in body


def test_the_office_overview_invites_the_decision_once_offers_are_closed(officer_client):
    call, _offers = closed_call_with(1)

    body = officer_client.get(reverse("grants_staff:edit", args=[call.slug])).content.decode()

    assert 'id="decision-summary"' in body and reverse("grants_staff:decision", args=[call.slug]) in body
    assert reverse("grants_staff:results_publish", args=[call.slug]) not in body


def test_the_office_offer_page_shows_the_award_and_its_update(officer, officer_client):
    case = decided(officer)
    offer = case["partial"]

    response = officer_client.get(reverse("grants_staff:offer", args=[case["call"].slug, offer.pk]))

    assert response.status_code == 200
    body = text_of(response)
    assert 'id="award-panel"' in response.content.decode()
    assert pln(D("5000.00")) in body and "90,00" in body and award_state_text("awaited") in body


def award_state_text(state: str) -> str:
    return in_polish(state)
