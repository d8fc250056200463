"""The office's pages of the formal check (grants.views.staff_checks) and its parts on the other pages of grants: who
may open them, the list's queries, the findings form, the outcomes, the checklist's editing, each refusal shown
with everything typed kept."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format

from razem.grants.models import CheckItem, CheckResult, CorrectionRequest, Offer
from razem.grants.services import checks as services
from tests.core.helpers import in_polish, text_of
from tests.factories import CallFactory, MembershipFactory, UserFactory
from tests.grants.checks_support import called_to_correct, close, file_again, filed_offer, findings, item
from tests.grants.filing_factories import complete_offer

pytestmark = pytest.mark.django_db


def urls(offer) -> list[str]:
    slug = offer.call.slug
    return [
        reverse("grants_staff:checks", args=[slug]),
        reverse("grants_staff:check_items", args=[slug]),
        reverse("grants_staff:offer_check", args=[slug, offer.pk]),
    ]


def test_only_city_staff_open_the_formal_check(client, officer, resident):
    offer = filed_offer()
    for url in urls(offer):
        assert client.get(url).status_code == 302  # to the login page
    representative = offer.filer
    for person in (resident, representative):
        client.force_login(person)
        for url in urls(offer):
            assert client.get(url).status_code == 403, (person, url)
    client.force_login(officer)
    for url in urls(offer):
        assert client.get(url).status_code == 200, url


def test_a_draft_or_a_withdrawn_offer_is_not_checked(officer_client):
    draft = complete_offer()
    assert officer_client.get(reverse("grants_staff:offer_check", args=[draft.call.slug, draft.pk])).status_code == 404


def _call_with(count: int):
    call = CallFactory()
    for _ in range(count):
        offer = complete_offer(call=call)
        file_again(offer)
    close(call)
    return call


def test_the_list_runs_the_same_queries_for_2_and_6_offers(officer_client, officer):
    counts = []
    for count in (2, 6):
        call = _call_with(count)
        offers = list(Offer.objects.filter(call=call).order_by("number"))
        findings(offers[0], officer)
        called_to_correct(offers[1], officer)
        url = reverse("grants_staff:checks", args=[call.slug])
        officer_client.get(url)  # warm the session and the caches
        with CaptureQueriesContext(connection) as queries:
            response = officer_client.get(url)
        assert response.status_code == 200 and len(response.context["rows"]) == count
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_list_shows_the_progress_and_the_corrections(officer_client, officer):
    call = _call_with(3)
    first, second, third = Offer.objects.filter(call=call).order_by("number")
    findings(first, officer)
    services.offer_admit(actor=officer, offer=first)
    request = called_to_correct(second, officer)
    response = officer_client.get(reverse("grants_staff:checks", args=[call.slug]))
    html = text_of(response)
    rows = {row.offer.pk: row for row in response.context["rows"]}
    assert rows[first.pk].recorded == 7 and rows[first.pk].met == 7 and rows[first.pk].decided
    assert rows[second.pk].open_request.pk == request.pk and rows[second.pk].defects == 1
    assert rows[third.pk].recorded == 0 and not rows[third.pk].decided
    assert in_polish("Called to correct") in html or "Called to correct" in html
    assert date_format(request.due_date, "j E Y") in html


def test_the_officer_records_the_findings_with_razems_suggestions_preselected(officer_client, officer):
    offer = filed_offer()
    url = reverse("grants_staff:offer_check", args=[offer.call.slug, offer.pk])
    page = officer_client.get(url)
    form = page.context["findings_form"]
    assert page.status_code == 200
    in_time = item(offer, "in_time")
    assert form[f"outcome_{in_time.pk}"].initial == "met"
    assert f'id="prefinding-{in_time.pk}"' in page.content.decode()

    data = {"action": "findings"}
    for point in CheckItem.objects.filter(call=offer.call):
        data[f"outcome_{point.pk}"] = "met"
    budget = item(offer, "budget")
    data[f"outcome_{budget.pk}"] = "defect"
    data[f"note_{budget.pk}"] = ""
    refused = officer_client.post(url, data)
    assert refused.status_code == 400
    assert (in_polish("Say what is wrong with “%(name)s”; the oferent reads it.") % {"name": budget.name}) in text_of(
        refused
    )
    assert refused.context["findings_form"][f"outcome_{budget.pk}"].value() == "defect"  # kept
    assert not CheckResult.objects.exists()

    data[f"note_{budget.pk}"] = "Koszty administracyjne ponad limit."
    saved = officer_client.post(url, data)
    assert saved.status_code == 302 and saved["Location"].endswith("#findings")
    assert CheckResult.objects.get(item=budget).outcome == "defect"


def test_admitting_from_the_page_says_which_points_are_not_met(officer_client, officer):
    offer = filed_offer()
    findings(offer, officer, budget=("defect", "Za wysoka dotacja."))
    url = reverse("grants_staff:offer_check", args=[offer.call.slug, offer.pk])
    response = officer_client.post(url, {"action": "admit"})
    assert response.status_code == 400 and item(offer, "budget").name in text_of(response)
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.FILED


def test_the_call_for_corrections_from_the_page_suggests_the_parts_and_shows_the_deadline(officer_client, officer):
    offer = filed_offer()
    findings(offer, officer, attachments=("defect", "Statut nieaktualny."))
    url = reverse("grants_staff:offer_check", args=[offer.call.slug, offer.pk])
    page = officer_client.get(url)
    assert page.context["correction_form"]["sections"].initial == ["zalaczniki"]
    due = services.correction_deadline()
    assert date_format(due.date, "j E Y") in text_of(page) and due.legal_ref in text_of(page)

    missing = officer_client.post(
        url, {"action": "correct", "correction-sections": ["zalaczniki"], "correction-reason": ""}
    )
    assert missing.status_code == 400
    assert in_polish("Say what the oferent must correct; the organization reads it.") in text_of(missing)
    assert not CorrectionRequest.objects.exists()

    sent = officer_client.post(
        url, {"action": "correct", "correction-sections": ["zalaczniki"], "correction-reason": "Dołączcie statut."}
    )
    assert sent.status_code == 302
    request = CorrectionRequest.objects.get(offer=offer)
    assert request.fields == ["zalaczniki"] and request.message == "Dołączcie statut."
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.CORRECTING


def test_before_the_deadline_the_page_says_when_the_check_begins_and_refuses_a_rejection(officer_client):
    offer = filed_offer(closed=False)
    url = reverse("grants_staff:offer_check", args=[offer.call.slug, offer.pk])
    page = officer_client.get(url)
    assert 'id="check-refusal"' in page.content.decode() and 'id="findings-form"' not in page.content.decode()
    response = officer_client.post(url, {"action": "reject", "reject-reason": "Po terminie."})
    assert response.status_code == 400
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.FILED


def test_a_rejection_from_the_page_needs_its_reasons(officer_client, officer):
    offer = filed_offer()
    findings(offer, officer, statutory_aims=("failed", "Poza celami."))
    url = reverse("grants_staff:offer_check", args=[offer.call.slug, offer.pk])
    missing = officer_client.post(url, {"action": "reject", "reject-reason": ""})
    assert missing.status_code == 400
    assert in_polish("Give the reasons of the formal rejection; the organization reads them.") in text_of(missing)
    done = officer_client.post(url, {"action": "reject", "reject-reason": "Zadanie poza celami statutowymi."})
    assert done.status_code == 302
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.REJECTED


def test_the_checklist_page_adds_marks_and_removes_points(officer_client, officer):
    offer = filed_offer()
    url = reverse("grants_staff:check_items", args=[offer.call.slug])
    assert officer_client.get(url).status_code == 200
    assert CheckItem.objects.filter(call=offer.call).count() == 7

    added = officer_client.post(
        url, {"action": "add", "new-name": "Oświadczenie o rachunku", "new-description": "", "new-remediable": "on"}
    )
    assert added.status_code == 302
    own = CheckItem.objects.get(call=offer.call, name="Oświadczenie o rachunku")
    twice = officer_client.post(url, {"action": "add", "new-name": "oświadczenie o rachunku"})
    assert twice.status_code == 400 and in_polish("The checklist already has this requirement.") in text_of(twice)
    assert twice.context["form"]["name"].value() == "oświadczenie o rachunku"

    assert officer_client.post(url, {"action": "toggle", "item": own.pk}).status_code == 302
    assert not CheckItem.objects.get(pk=own.pk).remediable

    findings(offer, officer)
    refused = officer_client.post(url, {"action": "remove", "item": own.pk})
    assert refused.status_code == 400
    assert (
        in_polish("Findings on “%(name)s” are recorded for %(n)s offer(s); it cannot be removed.")
        % {"name": own.name, "n": 1}
    ) in text_of(refused)
    assert CheckItem.objects.filter(pk=own.pk).exists()


def test_the_office_offer_page_the_call_overview_and_the_tabs_show_the_check(officer_client, officer):
    offer = filed_offer()
    findings(offer, officer)
    overview = text_of(officer_client.get(reverse("grants_staff:edit", args=[offer.call.slug])))
    assert 'id="checks-summary"' in overview
    assert reverse("grants_staff:checks", args=[offer.call.slug]) in overview
    detail = officer_client.get(reverse("grants_staff:offer", args=[offer.call.slug, offer.pk])).content.decode()
    assert 'id="check-panel"' in detail
    assert reverse("grants_staff:offer_check", args=[offer.call.slug, offer.pk]) in detail


def test_the_oferent_reads_the_outcome_on_its_offer_page(client, officer):
    admitted, rejected = filed_offer(), filed_offer()
    findings(admitted, officer)
    services.offer_admit(actor=officer, offer=admitted)
    findings(rejected, officer, statutory_aims=("failed", "Statut nie obejmuje sportu."))
    services.offer_reject_formally(actor=officer, offer=rejected, reason="Zadanie poza celami statutowymi.")
    client.force_login(admitted.filer)
    assert 'id="correction-banner"' in client.get(admitted.get_absolute_url()).content.decode()
    client.force_login(rejected.filer)
    html = text_of(client.get(rejected.get_absolute_url()))
    assert "Zadanie poza celami statutowymi." in html and "Statut nie obejmuje sportu." in html


def test_a_member_without_the_right_to_act_sees_no_office_pages(client):
    offer = filed_offer()
    member = UserFactory()
    MembershipFactory(organization=offer.organization, user=member, member=True)
    client.force_login(member)
    assert client.get(reverse("grants_staff:checks", args=[offer.call.slug])).status_code == 403
