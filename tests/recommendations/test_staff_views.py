"""The office's recommendation pages under /panel/rekomendacje/: who may open them, recording a recommendation and a
sub-recommendation, and the path through the pages (status with the answer, progress, notes) with the people told."""

import pytest
from conftest import make_person
from django.utils import timezone

from razem.core.models import LogEntry
from razem.recommendations.models import Recommendation
from tests.core.helpers import in_polish, text_of

S = Recommendation.Status
BASE = "/panel/rekomendacje/"


def create_data(body, **overrides) -> dict:
    data = {
        "title": "Centrum organizacji w każdej dzielnicy",
        "text": "Miasto tworzy centra obywatelskie.",
        "source_kind": "body",
        "body": body.pk if body else "",
        "policy_area": "premises",
        "department": "Wydział Skarbu Miasta",
        "department_email": "skarb@krakow.example",
        "submitted_on": timezone.localdate().isoformat(),
    }
    data.update(overrides)
    return data


def status(client, recommendation, new, response="", **extra):
    data = {"status-status": new, "status-response": response, "status-date": timezone.localdate().isoformat()}
    data.update({f"status-{k}": v for k, v in extra.items()})
    return client.post(f"{BASE}{recommendation.pk}/status/", data)


def progress(client, recommendation, percent, note="Zrobione."):
    data = {"progress-progress": percent, "progress-note": note, "progress-date": timezone.localdate().isoformat()}
    return client.post(f"{BASE}{recommendation.pk}/postep/", data)


# Who may open the pages


@pytest.fixture
def staff_urls(make_recommendation):
    recommendation = make_recommendation()
    return {
        "list": BASE,
        "create": BASE + "nowa/",
        "edit": f"{BASE}{recommendation.pk}/",
        "child": f"{BASE}{recommendation.pk}/podrekomendacja/",
    }


@pytest.fixture
def forum_chair(forum, seat):
    person = make_person("przewodniczaca.forum@example.org", full_name="Ewa Przewodnicząca")
    seat(forum, person, position="chair")
    return person


# The matrix: what each person gets on each page (302 = sent to the login page).
MATRIX = {
    "anonymous": {"list": 302, "create": 302, "edit": 302, "child": 302},
    "resident": {"list": 403, "create": 403, "edit": 403, "child": 403},
    "chair of another body": {"list": 403, "create": 200, "edit": 403, "child": 403},
    "chair of the source body": {"list": 403, "create": 200, "edit": 403, "child": 200},
    "officer": {"list": 200, "create": 200, "edit": 200, "child": 200},
}


@pytest.mark.parametrize("who", list(MATRIX))
@pytest.mark.parametrize("page", ["list", "create", "edit", "child"])
def test_the_permission_matrix(client, staff_urls, resident, chair, forum_chair, officer, who, page):
    people = {"resident": resident, "chair of another body": chair, "chair of the source body": forum_chair,
              "officer": officer}  # fmt: skip
    if who in people:
        client.force_login(people[who])

    response = client.get(staff_urls[page])

    assert response.status_code == MATRIX[who][page]
    if response.status_code == 302:
        assert response["Location"].startswith("/konto/logowanie/?next=")


@pytest.mark.parametrize("tail", ["status/", "postep/", "notatka/"])
def test_a_body_chair_cannot_record_the_citys_steps(client, make_recommendation, forum_chair, tail):
    recommendation = make_recommendation()
    client.force_login(forum_chair)

    assert client.post(f"{BASE}{recommendation.pk}/{tail}", {"status-status": "analysis"}).status_code == 403
    recommendation.refresh_from_db()
    assert recommendation.status == S.SUBMITTED


def test_the_panel_has_a_recommendations_tab(officer_client):
    assert f'href="{BASE}"' in officer_client.get("/panel/").content.decode()


# The list


def test_the_list_shows_every_recommendation_with_sub_recommendations_and_filters(officer_client, make_recommendation):
    parent = make_recommendation(status=S.REJECTED)
    make_recommendation(title="Inna", status=S.ANALYSIS)
    make_recommendation(parent=parent, title="Część odrzuconej")

    everything = text_of(officer_client.get(BASE))
    analysis = text_of(officer_client.get(BASE, {"status": "analysis"}))

    assert parent.title in everything and "Część odrzuconej" in everything and "Inna" in everything
    assert in_polish("New recommendation") in everything
    assert "Inna" in analysis and parent.title not in analysis


def test_the_list_costs_the_same_number_of_queries_for_thirty_recommendations(
    officer_client, make_recommendation, django_assert_max_num_queries
):
    for i in range(30):
        make_recommendation(title=f"Rekomendacja {i}")
    officer_client.get(BASE)

    with django_assert_max_num_queries(9):
        response = officer_client.get(BASE)

    assert response.content.decode().count(f'href="{BASE}') >= 30


# Recording


def test_an_officer_records_a_recommendation(officer_client, forum):
    response = officer_client.post(BASE + "nowa/", create_data(forum))

    recommendation = Recommendation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}{recommendation.pk}/"
    assert recommendation.number == f"R/{timezone.localdate().year}/1"
    assert (recommendation.body, recommendation.status) == (forum, S.SUBMITTED)
    assert LogEntry.objects.filter(action="recommendations.recommendation.created").exists()


def test_a_body_source_without_a_body_is_refused_next_to_the_body(officer_client, db):
    response = officer_client.post(BASE + "nowa/", create_data(None))

    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert in_polish("Choose the body the recommendation comes from.") in text_of(response)
    assert not Recommendation.objects.exists()


def test_a_chair_records_a_recommendation_of_their_body_only(client, forum_chair, forum, krdpp):
    client.force_login(forum_chair)

    other = client.post(BASE + "nowa/", create_data(krdpp))
    own = client.post(BASE + "nowa/", create_data(forum))

    assert other.status_code == 200 and "body" in other.context["form"].errors
    recommendation = Recommendation.objects.get()
    assert recommendation.body == forum
    assert own["Location"] == recommendation.get_absolute_url()


def test_an_officer_adds_a_sub_recommendation(officer_client, make_recommendation):
    parent = make_recommendation()

    response = officer_client.post(f"{BASE}{parent.pk}/podrekomendacja/", {
        "title": "Mapa lokali", "text": "Mapa w BIP.", "department": "Wydział Skarbu Miasta",
        "submitted_on": timezone.localdate().isoformat(),
    })  # fmt: skip

    child = Recommendation.objects.get(parent=parent)
    assert response.status_code == 302
    assert child.number == parent.number + ".1" and child.body == parent.body


def test_the_edit_form_corrects_the_texts(officer_client, make_recommendation):
    recommendation = make_recommendation()

    response = officer_client.post(f"{BASE}{recommendation.pk}/", {
        "edit-title": "Nowy tytuł", "edit-text": "Nowy tekst.", "edit-policy_area": "premises",
        "edit-department": "Wydział Mieszkalnictwa", "edit-due_on": "2030-06-30",
    })  # fmt: skip

    recommendation.refresh_from_db()
    assert response.status_code == 302
    assert (recommendation.title, recommendation.department, str(recommendation.due_on)) == (
        "Nowy tytuł", "Wydział Mieszkalnictwa", "2030-06-30")  # fmt: skip


# The path through the pages


def test_the_status_form_offers_only_the_next_statuses(officer_client, make_recommendation):
    recommendation = make_recommendation(status=S.ANALYSIS)

    html = officer_client.get(f"{BASE}{recommendation.pk}/").content.decode()

    assert 'value="accepted"' in html and 'value="rejected"' in html and 'value="implemented"' not in html


def test_the_workflow_through_the_pages(officer_client, make_recommendation, officer):
    parent = make_recommendation()
    child = make_recommendation(parent=parent)
    other = make_recommendation(parent=parent)

    skip = status(officer_client, child, "accepted", response="Tak.")
    assert skip.status_code == 200 and "status" in skip.context["status_form"].errors
    assert status(officer_client, child, "analysis").status_code == 302

    no_answer = status(officer_client, child, "accepted")
    assert "response" in no_answer.context["status_form"].errors
    assert in_polish("Record the department's written answer before deciding: it is published with it.") in text_of(
        no_answer
    )
    child.refresh_from_db()
    assert child.status == S.ANALYSIS

    assert status(officer_client, child, "accepted", response="Wydział przyjmuje.").status_code == 302
    early = progress(officer_client, other, 10)
    assert "progress" in early.context["progress_form"].errors
    for_parent = progress(officer_client, parent, 10)
    assert "progress" in for_parent.context["progress_form"].errors

    assert progress(officer_client, child, 40).status_code == 302
    parent.refresh_from_db()
    child.refresh_from_db()
    assert child.status == S.IMPLEMENTING and child.progress == 40 and parent.progress == 20

    status(officer_client, other, "analysis")
    status(officer_client, other, "rejected", response="Nie ma środków.")
    parent.refresh_from_db()
    assert parent.progress == 40  # the rejected one leaves the mean at once
    status(officer_client, child, "implemented")
    parent.refresh_from_db()
    child.refresh_from_db()
    assert child.progress == 100
    assert parent.progress == 100  # the mean of the children, the rejected one left out
    note = officer_client.post(f"{BASE}{parent.pk}/notatka/", {"note-text": "Raport w BIP.", "note-date": "2030-01-01"})
    assert note.status_code == 302 and parent.timeline.filter(kind="note", text="Raport w BIP.").exists()


def test_followers_and_the_source_bodys_members_are_told_of_a_step(
    officer_client, make_recommendation, resident, forum, seat, mailoutbox, django_capture_on_commit_callbacks
):
    recommendation = make_recommendation()
    member = make_person("czlonek.forum@example.org", full_name="Piotr Forumowy")
    seat(forum, member)
    from razem.recommendations import services

    services.follow(actor=resident, recommendation=recommendation)

    with django_capture_on_commit_callbacks(execute=True):
        status(officer_client, recommendation, "analysis", note="Analizujemy.")

    recipients = {address for message in mailoutbox for address in message.to}
    assert {resident.email, member.email} <= recipients
    assert "urszula.nowak@krakow.example" not in recipients
