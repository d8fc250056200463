"""The pages: the office's composition (appointing, refusals kept on the form), the ranking (constant queries,
proposals), the sitting and the adoption with the PDFs; the members' home, declaration and offer pages (scoring
with the input kept on error, refusals with the reason); the call's public section, the office's tab and summary;
"my commissions"; the personal-data export."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from razem.accounts.export import personal_data
from razem.commissions.models import Declaration, Member, Opinion, Proposal, Score
from razem.commissions.selectors import ranking
from razem.grants.models import Criterion
from tests.commissions.factories import admitted_offer, closed_call, consented_nomination, give, seat, sign
from tests.core.helpers import in_polish
from tests.factories import UserFactory
from tests.grants.filing_factories import attach

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def call(db):
    return closed_call()


def _home(call):
    return reverse("commissions:home", args=[call.slug])


def _text(response):
    return " ".join(response.content.decode().split())


# The office --------------------------------------------------------------------------------------------------------


def test_the_office_page_shows_the_composition_and_appoints(call, officer_client, officer):
    colleague = UserFactory(officer=True, full_name="Marek Wiśniewski")
    seat(call, Member.Role.NGO, excluded=True)
    consented_nomination(call, account=False)
    url = reverse("commissions_staff:commission", args=[call.slug])

    page = officer_client.get(url)

    assert page.status_code == 200
    text = _text(page)
    assert in_polish("Excluded") in text and "Organizacja bierze udział w konkursie." in text
    assert 'id="without-ngo"' in text
    assert "bez.konta@example.org" in text
    response = officer_client.post(url, {"action": "mayor", "mayor-user": colleague.pk, "mayor-chair": "on"})
    assert response.status_code == 302
    assert Member.objects.get(user=colleague).chair


def test_an_appointment_refused_keeps_what_was_typed(call, officer_client):
    url = reverse("commissions_staff:commission", args=[call.slug])
    response = officer_client.post(url, {"action": "expert", "expert-email": "nikt@example.org"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'value="nikt@example.org"' in text
    message = in_polish("No account in Razem has the address %(email)s: ask the expert to create one first.") % {
        "email": "nikt@example.org"
    }
    assert message in " ".join(text.split())
    assert not Member.objects.exists()


def test_only_the_office_sees_the_office_pages(call, client):
    member = seat(call, Member.Role.NGO, signed=True)
    client.force_login(member.user)
    for name in ("commission", "ranking", "opinion"):
        assert client.get(reverse(f"commissions_staff:{name}", args=[call.slug])).status_code == 403


def _scored_call(offers: int):
    call = closed_call()
    members = [seat(call, signed=False) for _ in range(3)] + [seat(call, Member.Role.EXPERT)]
    made = [admitted_offer(call) for _ in range(offers)]
    for member in members:
        sign(member)
    for n, offer in enumerate(made):
        for member in members:
            give(member, offer, 1 + n % 4)
        Proposal.objects.create(offer=offer, amount=D("100.00"))
    return call


def test_the_ranking_page_takes_the_same_number_of_queries_for_3_and_30_offers(
    officer, officer_client, django_assert_num_queries, django_assert_max_num_queries
):
    small, large = _scored_call(3), _scored_call(30)
    officer_client.get(reverse("commissions_staff:ranking", args=[small.slug]))  # the session, warm

    # The ranking itself: criteria, members, conflicts, the scores summed per card and per criterion, offers,
    # proposals, funds, opinion, the viewer's seat.
    with django_assert_num_queries(10):
        assert len(ranking(large, viewer=officer).rows) == 30
    # The page: the ranking, the session and the user, the call, the permissions, and the call's head (its tabs
    # come from other apps too), the same for 3 offers as for 30.
    with django_assert_max_num_queries(20) as small_queries:
        response = officer_client.get(reverse("commissions_staff:ranking", args=[small.slug]))
    assert response.status_code == 200
    with django_assert_max_num_queries(20) as large_queries:
        response = officer_client.get(reverse("commissions_staff:ranking", args=[large.slug]))
    assert response.status_code == 200
    assert len(small_queries.captured_queries) == len(large_queries.captured_queries)
    assert response.content.decode().count('name="amount_') == 30


def test_the_office_saves_the_proposals_and_a_refusal_keeps_the_input(call, officer_client):
    first, second = admitted_offer(call, grant="8000.00"), admitted_offer(call, grant="5000.00")
    url = reverse("commissions_staff:ranking", args=[call.slug])

    response = officer_client.post(url, {f"amount_{first.pk}": "9000", f"amount_{second.pk}": "4 000,00"})

    assert response.status_code == 200
    text = response.content.decode()
    assert 'value="9000"' in text and 'value="4 000,00"' in text
    assert not Proposal.objects.exists()
    response = officer_client.post(url, {f"amount_{first.pk}": "8000", f"amount_{second.pk}": "4 000,00"})
    assert response.status_code == 302
    assert {p.offer_id: p.amount for p in Proposal.objects.all()} == {first.pk: D("8000"), second.pk: D("4000")}


def test_the_sitting_is_recorded_and_the_opinion_adopted_with_its_pdfs(call, officer_client, media_root):
    offer = admitted_offer(call)
    member = seat(call, signed=True)
    give(member, offer, 4)
    url = reverse("commissions_staff:opinion", args=[call.slug])

    response = officer_client.post(url, {"action": "adopt"})
    assert response.status_code == 200
    assert in_polish("Record the sitting first: its date and the members present.") in _text(response)

    day = timezone.localdate().isoformat()
    response = officer_client.post(
        url, {"action": "save", "sat_on": day, "place": "Sala P1", "present": [member.pk], "text": "Opinia."}
    )
    assert response.status_code == 302
    Proposal.objects.create(offer=offer, amount=D("5000"))
    assert officer_client.post(url, {"action": "adopt"}).status_code == 302
    assert Opinion.objects.get(call=call).adopted_at is not None
    for name in ("protocol_pdf", "opinion_pdf"):
        pdf = officer_client.get(reverse(f"commissions_staff:{name}", args=[call.slug]))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_the_call_shows_the_commission_tab_and_summary_in_the_office(call, officer_client):
    seat(call, signed=True)
    page = officer_client.get(reverse("grants_staff:edit", args=[call.slug]))
    text = _text(page)
    assert reverse("commissions_staff:commission", args=[call.slug]) in text
    assert 'id="commission-summary"' in text


# The public ----------------------------------------------------------------------------------------------------------


def test_the_public_call_page_shows_the_composition_the_excluded_count_and_the_opinion(call, client):
    chair = seat(call)
    chair.chair = True
    chair.save()
    seat(call, Member.Role.NGO, excluded=True)
    Opinion.objects.create(call=call, sat_on=timezone.localdate(), adopted_at=timezone.now())

    text = _text(client.get(call.get_absolute_url()))

    assert chair.full_name in text
    assert 'id="excluded-nominees"' in text and 'id="without-ngo"' in text
    assert 'id="opinion-date"' in text
    assert "Organizacja bierze udział" not in text  # the reason names an offer: only its ground is public


def test_a_member_finds_the_way_in_from_the_call_and_from_my_commissions(call, client):
    member = seat(call, Member.Role.NGO)
    client.force_login(member.user)
    assert _home(call) in _text(client.get(call.get_absolute_url()))
    mine = client.get(reverse("commissions:home", args=["komisje"]))
    assert mine.status_code == 200 and call.title in _text(mine)


# The members ---------------------------------------------------------------------------------------------------------


def test_a_member_signs_the_declaration_seeing_only_oferents_and_titles(call, client):
    offer = admitted_offer(call)
    member = seat(call, Member.Role.NGO)
    client.force_login(member.user)
    home = _text(client.get(_home(call)))
    assert reverse("commissions:declaration", args=[call.slug]) in home

    url = reverse("commissions:declaration", args=[call.slug])
    page = _text(client.get(url))
    assert offer.organization.name in page and offer.number in page
    assert offer.synthetic_description not in page

    response = client.post(url, {f"conflict_{offer.pk}": "on", f"nature_{offer.pk}": "", "confirm": "on"})
    assert response.status_code == 200
    assert in_polish("Describe the nature of the conflict with offer %(number)s.") % {"number": offer.number} in _text(
        response
    )
    assert not Declaration.objects.exists()

    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert set(Declaration.objects.get(member=member).offers.all()) == {offer}
    home = _text(client.get(_home(call)))
    assert reverse("commissions:offer", args=[call.slug, offer.pk]) in home


def test_an_offer_is_refused_before_the_declaration_with_the_reason(call, client):
    offer = admitted_offer(call)
    member = seat(call)
    client.force_login(member.user)
    response = client.get(reverse("commissions:offer", args=[call.slug, offer.pk]))
    assert response.status_code == 403
    assert in_polish(
        "Sign the declaration of impartiality for this call first: until then you cannot see the offers."
    ) in _text(response)


def test_a_member_scores_an_offer_and_a_bad_input_is_kept(call, client):
    offer = admitted_offer(call)
    member = seat(call, Member.Role.NGO, signed=True)
    criteria = list(Criterion.objects.filter(call=call).order_by("position"))
    client.force_login(member.user)
    url = reverse("commissions:offer", args=[call.slug, offer.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert offer.synthetic_description in _text(page)

    data = {f"points_{c.pk}": "4,5" for c in criteria} | {
        f"justification_{c.pk}": f"Uzasadnienie {c.pk}" for c in criteria
    }
    data[f"points_{criteria[0].pk}"] = "7"
    data[f"justification_{criteria[1].pk}"] = ""
    response = client.post(url, data)
    assert response.status_code == 200
    text = _text(response)
    assert (
        in_polish("At most %(max)s points for this criterion; you gave %(given)s.") % {"max": "5", "given": "7"} in text
    )
    assert in_polish("Justify the points you give for this criterion.") in text
    assert f"Uzasadnienie {criteria[2].pk}" in text and 'value="7"' in text
    assert not Score.objects.exists()

    data[f"points_{criteria[0].pk}"] = "5"
    data[f"justification_{criteria[1].pk}"] = "Rzetelny kosztorys."
    response = client.post(url, data)
    assert response.status_code == 302
    assert Score.objects.filter(member=member, offer=offer).count() == 6
    page = _text(client.get(url))
    assert 'id="commission-scores"' in page and 'id="scored-note"' in page


def test_a_conflicted_member_cannot_open_the_offer(call, client):
    offer = admitted_offer(call)
    member = seat(call, signed=True, conflicts=[offer])
    client.force_login(member.user)
    response = client.get(reverse("commissions:offer", args=[call.slug, offer.pk]))
    assert response.status_code == 403
    assert "art. 24 KPA" in _text(response)
    response = client.post(reverse("commissions:offer", args=[call.slug, offer.pk]), {})
    assert response.status_code == 403 and not Score.objects.exists()


def test_an_excluded_nominee_reads_why_and_nothing_more(call, client):
    offer = admitted_offer(call)
    member = seat(call, Member.Role.NGO, excluded=True, signed=True)
    client.force_login(member.user)
    home = _text(client.get(_home(call)))
    assert 'id="excluded"' in home and member.exclusion_reason in home
    assert reverse("commissions:offer", args=[call.slug, offer.pk]) not in home
    assert client.get(reverse("commissions:offer", args=[call.slug, offer.pk])).status_code == 403
    assert client.get(reverse("commissions:declaration", args=[call.slug])).status_code == 403


def test_someone_not_on_the_commission_is_refused(call, client):
    client.force_login(UserFactory())
    response = client.get(_home(call))
    assert response.status_code == 403
    assert in_polish("You are not a member of the competition commission of this call.") in _text(response)


def test_the_personal_data_export_holds_the_seats_declarations_conflicts_and_scores(call):
    offer, other = admitted_offer(call), admitted_offer(call)
    member = seat(call, Member.Role.NGO, signed=True, conflicts=[other])
    give(member, offer, 4)

    data = json.loads(json.dumps(personal_data(member.user), default=str))

    (row,) = data["commissions"]["competition_commission_seats"]
    assert row["role"] == "ngo" and row["declaration"]["signed_at"]
    assert row["conflicts"][0]["offer"] == other.number
    assert len(row["scores"]) == 6 and row["scores"][0]["offer"] == offer.number


def test_the_office_panel_lists_the_commissions_at_work_and_the_officers_seats(call, officer, officer_client):
    seat(call, user=officer, signed=True)
    seat(call, Member.Role.NGO)
    text = _text(officer_client.get("/panel/"))
    assert 'id="panel-commissions"' in text
    assert reverse("commissions_staff:commission", args=[call.slug]) in text
    assert _home(call) in text


def test_the_office_removes_a_member_chooses_the_chair_and_looks_at_the_exclusions(call, officer_client):
    first, second = seat(call), seat(call, signed=True)
    give(second, admitted_offer(call), 3)

    page = officer_client.get(reverse("commissions_staff:remove", args=[call.slug, second.pk]))
    assert page.status_code == 200 and second.full_name in _text(page)
    assert officer_client.post(reverse("commissions_staff:remove", args=[call.slug, second.pk])).status_code == 302
    assert list(Member.objects.all()) == [first]

    assert officer_client.post(reverse("commissions_staff:chair", args=[call.slug, first.pk])).status_code == 302
    first.refresh_from_db()
    assert first.chair
    assert officer_client.post(reverse("commissions_staff:reevaluate", args=[call.slug])).status_code == 302
    assert officer_client.get(reverse("commissions_staff:chair", args=[call.slug, first.pk])).status_code == 405


def test_a_member_downloads_an_attachment_of_the_filed_version(call, client, media_root):
    offer = admitted_offer(call)
    stored = attach(offer, name="statut.pdf")
    version = offer.current_version
    version.content["attachments"] = [{"name": "statut.pdf", "size": stored.size, "sha256": stored.sha256}]
    version.save()
    member = seat(call, signed=True)
    client.force_login(member.user)

    page = client.get(reverse("commissions:offer", args=[call.slug, offer.pk]))
    url = reverse("commissions:attachment", args=[call.slug, offer.pk, stored.pk])
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")

    client.force_login(seat(call, Member.Role.NGO, signed=True, conflicts=[offer]).user)
    assert client.get(url).status_code == 403
