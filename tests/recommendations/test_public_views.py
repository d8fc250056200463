"""The public tracker as people use it: the list with its filters and counts, who sees a private body's
recommendations, a recommendation's page with its timeline and sub-recommendations, the CSV, and following."""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone

from razem.recommendations import services
from razem.recommendations.models import Follower, Recommendation
from tests.core.helpers import in_polish, text_of

S = Recommendation.Status
BASE = "/rekomendacje/"


@pytest.fixture
def three(make_recommendation, krdpp, a_year_ago):
    """Three recommendations differing in every filter."""
    return {
        "lokale": make_recommendation(title="Lokale dla organizacji", status=S.ANALYSIS),
        "ekonomia": make_recommendation(
            title="Klauzule społeczne w zamówieniach", body=krdpp, policy_area="social_economy",
            department="Wydział Polityki Społecznej", text="Zamówienia z klauzulami.", status=S.ACCEPTED,
        ),
        "stara": make_recommendation(title="Dawna rekomendacja", submitted_on=a_year_ago, department="Kancelaria"),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({}, {"lokale", "ekonomia", "stara"}),
        ({"status": "analysis"}, {"lokale"}),
        ({"obszar": "social_economy"}, {"ekonomia"}),
        ({"wydzial": "Kancelaria"}, {"stara"}),
        ({"q": "klauzulami"}, {"ekonomia"}),
        ({"rok": "past"}, {"stara"}),
        ({"cialo": "krdpp"}, {"ekonomia"}),
    ],
)
def test_the_tracker_filters_by_each_key(client, three, krdpp, a_year_ago, params, shown):
    if params.get("rok") == "past":
        params = {"rok": str(a_year_ago.year)}
    if params.get("cialo") == "krdpp":
        params = {"cialo": str(krdpp.pk)}

    text = text_of(client.get(BASE, params))

    for key, recommendation in three.items():
        assert (recommendation.title in text) == (key in shown), key


def test_an_unknown_filter_value_shows_nothing_and_says_so(client, three):
    response = client.get(BASE, {"status": "lost"})

    assert response.status_code == 200
    assert "Lokale dla organizacji" not in text_of(response)


def test_the_tracker_row_has_status_as_text_progress_bar_due_date_and_children(client, make_recommendation, officer):
    parent = make_recommendation(status=S.IMPLEMENTING, due_on=datetime.date(2030, 3, 1))
    make_recommendation(parent=parent)
    make_recommendation(parent=parent)
    Recommendation.objects.filter(pk=parent.pk).update(progress=42)

    response = client.get(BASE)

    html = response.content.decode()
    text = text_of(response)
    assert parent.number in text and f'href="{parent.get_absolute_url()}"' in html
    assert in_polish("Being implemented", "recommendation status") in text
    assert 'role="progressbar" aria-valuenow="42"' in html and "w-pct-40" in html and "42%" in text
    assert "2030-03-01" in html
    assert "Wydział Skarbu Miasta" in text and "Krakowskie Forum Lokalowe" in text
    assert "R/" in text and parent.number + ".1" not in text  # sub-recommendations are counted, not listed


def test_the_summary_counts_recommendations_per_status(client, make_recommendation):
    make_recommendation(status=S.ANALYSIS)
    make_recommendation(status=S.ANALYSIS)
    make_recommendation(status=S.REJECTED)

    text = " ".join(re.sub(r"<[^>]+>", "", text_of(client.get(BASE))).split())

    assert f"{in_polish('Under analysis', 'recommendation status')}: 2" in text
    assert f"{in_polish('Rejected', 'recommendation status')}: 1" in text


def test_the_tracker_costs_the_same_number_of_queries_for_thirty_recommendations(
    client, make_recommendation, member, django_assert_max_num_queries
):
    for i in range(30):
        recommendation = make_recommendation(title=f"Rekomendacja {i}")
        make_recommendation(parent=recommendation)
    client.force_login(member)
    client.get(BASE)

    with django_assert_max_num_queries(9):
        response = client.get(BASE, {"strona": "1"})

    assert response.content.decode().count('role="progressbar"') == 25


# Visibility


@pytest.fixture
def secret(make_recommendation, private_team):
    return make_recommendation(title="Poufna rekomendacja zespołu", body=private_team)


def test_a_private_bodys_recommendation_is_hidden_from_the_public(client, resident, secret):
    assert "Poufna" not in text_of(client.get(BASE))
    assert client.get(secret.get_absolute_url()).status_code == 404
    client.force_login(resident)
    assert "Poufna" not in text_of(client.get(BASE))
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert "Poufna" not in client.get(BASE + "eksport.csv").getvalue().decode()


def test_a_private_bodys_recommendation_is_shown_to_its_members_and_staff(
    client, seat, private_team, resident, officer, secret
):
    seat(private_team, resident)
    for person in (resident, officer):
        client.force_login(person)
        assert "Poufna" in text_of(client.get(BASE))
        assert client.get(secret.get_absolute_url()).status_code == 200


# A recommendation's page


def test_the_detail_shows_texts_source_answer_children_and_the_whole_timeline(client, make_recommendation, officer):
    parent = make_recommendation(justification="Bo tak trzeba.", status=S.ACCEPTED)
    child = make_recommendation(parent=parent, title="Lista wolnych lokali", status=S.ACCEPTED)
    services.recommendation_set_progress(actor=officer, recommendation=child, progress=60, note="Lista w BIP.")
    services.recommendation_note(actor=officer, recommendation=parent, text="Spotkanie z wydziałem.")

    response = client.get(parent.get_absolute_url())

    text = text_of(response)
    assert response.status_code == 200
    for fragment in (
        parent.number,
        parent.title,
        parent.text,
        "Bo tak trzeba.",
        "Wydział przyjmuje rekomendację.",
        "Lista wolnych lokali",
        child.number,
        "Spotkanie z wydziałem.",
        in_polish("Submitted to %(department)s.") % {"department": parent.department},
    ):
        assert fragment in text, fragment
    assert in_polish("Accepted", "recommendation status") in text
    assert "60%" in text  # the child's progress and the parent's roll-up
    assert f'href="{child.get_absolute_url()}"' in response.content.decode()
    child_page = text_of(client.get(child.get_absolute_url()))
    assert parent.number in child_page and "Lista w BIP." in child_page and "60%" in child_page


def test_staff_see_links_to_the_office_actions(client, make_recommendation, officer, resident):
    recommendation = make_recommendation()
    edit = f"/panel/rekomendacje/{recommendation.pk}/"

    assert edit not in client.get(recommendation.get_absolute_url()).content.decode()
    client.force_login(officer)
    assert edit in client.get(recommendation.get_absolute_url()).content.decode()


def test_an_unknown_number_is_not_found(client, db):
    assert client.get(BASE + "R/2020/99/").status_code == 404


# The CSV


def rows_of(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def test_the_csv_lists_every_recommendation_with_its_sub_recommendations(client, make_recommendation):
    parent = make_recommendation(status=S.ACCEPTED, due_on=datetime.date(2030, 1, 31))
    make_recommendation(parent=parent, title="=SUMA(A1)")

    response = client.get(BASE + "eksport.csv")

    assert response["Content-Type"].startswith("text/csv")
    assert "rekomendacje-" in response["Content-Disposition"]
    header, *rows = rows_of(response)
    assert len(header) == 13 and header[0] == in_polish("Number")
    by_number = {row[0]: row for row in rows}
    first = by_number[parent.number]
    assert first[1] == parent.title and first[2] == ""
    assert first[3] == "Krakowskie Forum Lokalowe" and first[6] == "Wydział Skarbu Miasta"
    assert first[7] == in_polish("Accepted", "recommendation status")
    assert first[9] == timezone.localdate().isoformat() and first[10] == timezone.localdate().isoformat()
    assert first[11] == "Wydział przyjmuje rekomendację." and first[12] == "2030-01-31"
    child = by_number[parent.number + ".1"]
    assert child[1] == "'=SUMA(A1)" and child[2] == parent.number


def test_the_csv_keeps_the_filters(client, three):
    rows = rows_of(client.get(BASE + "eksport.csv", {"status": "accepted"}))

    assert [row[1] for row in rows[1:]] == ["Klauzule społeczne w zamówieniach"]


def test_the_tracker_links_the_csv_with_the_same_filters(client, three):
    html = client.get(BASE, {"status": "accepted", "q": "klauzul"}).content.decode()

    assert 'href="/rekomendacje/eksport.csv?q=klauzul&amp;status=accepted"' in html


# Following


def test_a_signed_in_person_follows_and_unfollows(client, resident, make_recommendation):
    recommendation = make_recommendation()
    client.force_login(resident)
    url = recommendation.get_absolute_url() + "obserwuj/"

    assert in_polish("Follow this recommendation") in text_of(client.get(recommendation.get_absolute_url()))
    response = client.post(url, {"on": "1"})
    assert response.status_code == 302 and response["Location"] == recommendation.get_absolute_url()
    assert Follower.objects.filter(person=resident, recommendation=recommendation).exists()
    assert in_polish("Stop following") in text_of(client.get(recommendation.get_absolute_url()))

    client.post(url, {"on": "0"})
    assert not Follower.objects.exists()


def test_an_anonymous_visitor_is_asked_to_sign_in_to_follow(client, make_recommendation):
    recommendation = make_recommendation()

    html = client.get(recommendation.get_absolute_url()).content.decode()
    response = client.post(recommendation.get_absolute_url() + "obserwuj/", {"on": "1"})

    assert "/konto/logowanie/?next=" in html
    assert response.status_code == 302 and response["Location"].startswith("/konto/logowanie/")
    assert not Follower.objects.exists()


def test_nobody_follows_a_recommendation_they_may_not_see(client, resident, make_recommendation, private_team):
    secret = make_recommendation(body=private_team)
    client.force_login(resident)

    assert client.post(secret.get_absolute_url() + "obserwuj/", {"on": "1"}).status_code == 404
    assert not Follower.objects.exists()
