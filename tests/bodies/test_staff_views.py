"""The office's pages for dialogue bodies under /panel/ciala-dialogu/: who may open them (staff, and a body's chair
or secretary for its applications, acts and posts), the body form, terms, members and their refusals, decisions on
applications, numbered acts, requests for opinions with the statutory deadline, posts and the panel's warning."""

import datetime
import re

import pytest
from conftest import make_person
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from razem.bodies.models import Act, Body, BodyMembership, MembershipApplication, OpinionRequest, Post, Term
from razem.core.models import LogEntry
from tests.core.helpers import in_polish as pl
from tests.core.helpers import in_polish_plural, text_of

BASE = "/panel/ciala-dialogu/"
TODAY = timezone.localdate


def url(body: Body, tail: str = "") -> str:
    return f"{BASE}{body.slug}/{tail}"


def late_by(days: int) -> str:
    with translation.override("pl"):
        return translation.ngettext("Late by %(days)s day", "Late by %(days)s days", days) % {"days": days}


def iso(day: datetime.date) -> str:
    return day.isoformat()


@pytest.fixture
def application(forum, verified_org, org_representative, org_member):
    return MembershipApplication.objects.create(
        body=forum,
        organization=verified_org,
        representative=org_representative,
        deputy=org_member,
        motivation="Prowadzimy świetlicę w lokalu miejskim.",
        submitted_by=org_representative,
    )


@pytest.fixture
def forum_chair(forum, seat):
    person = make_person("przewodniczaca.forum@example.org", full_name="Anna Forumowa")
    seat(forum, person, position="chair")
    return person


@pytest.fixture
def staff_urls(krdpp, forum, application, member) -> dict[str, str]:
    term = krdpp.terms.get(number=6)
    membership = BodyMembership.objects.get(person=member)
    post = Post.objects.create(body=krdpp, title="Porządek obrad")
    return {
        "list": BASE,
        "create": BASE + "nowe/",
        "deadlines": BASE + "terminy-opinii/",
        "edit": url(krdpp),
        "terms": url(krdpp, "kadencje/"),
        "term_edit": url(krdpp, f"kadencje/{term.pk}/"),
        "members": url(krdpp, "czlonkowie/"),
        "member_end": url(krdpp, f"czlonkowie/{membership.pk}/zakoncz/"),
        "applications": url(forum, "zgloszenia/"),
        "application_decide": url(forum, f"zgloszenia/{application.pk}/"),
        "acts": url(krdpp, "uchwaly/"),
        "requests": url(krdpp, "prosby-o-opinie/"),
        "posts": url(krdpp, "ogloszenia/"),
        "post_delete": url(krdpp, f"ogloszenia/{post.pk}/usun/"),
    }


# What a chair of the body concerned may open: applications (chair of the forum), acts and posts (chair of KRDPP).
CHAIR_OF_FORUM = {"applications", "application_decide"}
CHAIR_OF_KRDPP = {"acts", "posts"}
GET_PAGES = [
    "list", "create", "deadlines", "edit", "terms", "term_edit", "members", "member_end", "applications",
    "application_decide", "acts", "requests", "posts",
]  # fmt: skip


@pytest.mark.parametrize("page", [*GET_PAGES, "post_delete"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, staff_urls, page):
    response = client.get(staff_urls[page])

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logowanie/?next=")


@pytest.mark.parametrize("page", GET_PAGES)
def test_a_resident_is_refused(resident_client, staff_urls, page):
    assert resident_client.get(staff_urls[page]).status_code == 403


@pytest.mark.parametrize("page", GET_PAGES)
def test_a_chair_opens_only_the_pages_of_their_own_body(client, staff_urls, chair, forum_chair, page):
    client.force_login(chair)  # chair of KRDPP, not of the forum
    assert client.get(staff_urls[page]).status_code == (200 if page in CHAIR_OF_KRDPP else 403)

    client.force_login(forum_chair)
    assert client.get(staff_urls[page]).status_code == (200 if page in CHAIR_OF_FORUM else 403)


def test_a_secretary_records_acts_but_does_not_decide_applications(client, forum, seat, staff_urls):
    secretary = make_person("sekretarz@example.org", full_name="Sebastian Sekretarz")
    seat(forum, secretary, position="secretary")
    client.force_login(secretary)

    assert client.get(url(forum, "uchwaly/")).status_code == 200
    assert client.get(url(forum, "ogloszenia/")).status_code == 200
    assert client.get(staff_urls["applications"]).status_code == 403


@pytest.mark.parametrize("role", ["officer", "administrator"])
@pytest.mark.parametrize("page", GET_PAGES)
def test_city_staff_open_every_page(client, personas, staff_urls, page, role):
    client.force_login(personas[role])

    response = client.get(staff_urls[page])

    assert response.status_code == 200
    assert len(re.findall(r"<h1[ >]", response.content.decode())) == 1


def test_a_resident_cannot_delete_a_post(resident_client, staff_urls):
    assert resident_client.post(staff_urls["post_delete"]).status_code == 403
    assert Post.objects.exists()


def test_a_private_body_is_managed_by_staff_only(client, private_team, officer, member):
    client.force_login(member)
    assert client.get(url(private_team)).status_code == 403
    client.force_login(officer)
    assert client.get(url(private_team)).status_code == 200


# The list and the panel


def test_the_list_shows_each_body_with_its_figures(officer_client, krdpp, forum, member, chair, application):
    OpinionRequest.objects.create(
        body=krdpp, subject="Program współpracy 2027", received_on=TODAY(), due_on=TODAY() + datetime.timedelta(14)
    )

    response = officer_client.get(BASE)

    text = text_of(response)
    assert "Krakowska Rada Działalności Pożytku Publicznego" in text and "Krakowskie Forum Lokalowe" in text
    assert pl("New body") in text
    rows = {row.split("</th>")[0]: row for row in response.content.decode().split("<tr>")[2:]}
    krdpp_row = next(r for k, r in rows.items() if "krdpp" in k)
    forum_row = next(r for k, r in rows.items() if "forum-lokalowe" in k)
    assert re.findall(r'class="text-end"><a [^>]*>(\d+)<', krdpp_row) == ["2", "1", "0"]
    assert re.findall(r'class="text-end"><a [^>]*>(\d+)<', forum_row) == ["0", "0", "1"]


def test_the_list_costs_the_same_number_of_queries_for_many_bodies(
    officer_client, krdpp, seat, django_assert_max_num_queries
):
    for i in range(20):
        body = Body.objects.create(name=f"Komisja {i}", slug=f"komisja-{i}", kind="commission", parent=krdpp)
        seat(body, make_person(f"osoba{i}@example.org"), start_date=TODAY())
    officer_client.get(BASE)  # warm the session

    with django_assert_max_num_queries(6):
        response = officer_client.get(BASE)

    assert response.content.decode().count('href="/panel/ciala-dialogu/komisja-') >= 20


def test_the_panel_has_a_bodies_tab_and_warns_of_opinion_deadlines(officer_client, krdpp, application):
    OpinionRequest.objects.create(
        body=krdpp, subject="Projekt strategii rozwoju", received_on=TODAY() - datetime.timedelta(20),
        due_on=TODAY() - datetime.timedelta(2),
    )  # fmt: skip
    OpinionRequest.objects.create(
        body=krdpp, subject="Daleki termin", received_on=TODAY(), due_on=TODAY() + datetime.timedelta(30)
    )

    response = officer_client.get("/panel/")

    text = text_of(response)
    assert f'href="{BASE}"' in response.content.decode()
    assert pl("Dialogue bodies") in text
    assert "Projekt strategii rozwoju" in text and pl("late") in text
    assert "Daleki termin" not in text
    assert re.search(r">1</span>\s*" + re.escape(pl("applications to bodies awaiting a decision")), text)


def test_the_panel_says_when_nothing_is_due(officer_client, krdpp):
    # The window is the office's practice value (opinion_warning_days, 7 days), no longer a number in the text.
    expected = in_polish_plural(
        "No request for an opinion is due within %(days)s day.",
        "No request for an opinion is due within %(days)s days.",
        7,
    ) % {"days": 7}
    assert expected in text_of(officer_client.get("/panel/"))


def test_the_deadlines_page_lists_requests_due_within_fourteen_days_across_bodies(officer_client, krdpp, forum):
    OpinionRequest.objects.create(
        body=krdpp, subject="Spóźniona opinia", received_on=TODAY() - datetime.timedelta(20),
        due_on=TODAY() - datetime.timedelta(3),
    )  # fmt: skip
    OpinionRequest.objects.create(
        body=forum, subject="Polityka lokalowa", received_on=TODAY(), due_on=TODAY() + datetime.timedelta(10)
    )
    OpinionRequest.objects.create(
        body=forum, subject="Za miesiąc", received_on=TODAY(), due_on=TODAY() + datetime.timedelta(30)
    )

    text = text_of(officer_client.get(BASE + "terminy-opinii/"))

    assert "Spóźniona opinia" in text and "Polityka lokalowa" in text and "Za miesiąc" not in text
    assert text.index("Spóźniona opinia") < text.index("Polityka lokalowa")
    assert late_by(3) in re.sub(r"\s+", " ", text)


# The body form


def body_data(**overrides) -> dict:
    data = {
        "name": "Komisja Dialogu Obywatelskiego ds. Kultury",
        "short_name": "KDO Kultura",
        "slug": "kdo-kultura",
        "kind": "commission",
        "visibility": "public",
        "joining": "open",
        "is_active": "on",
        "department": "Wydział Kultury i Dziedzictwa Narodowego",
    }
    data.update(overrides)
    return data


def test_an_officer_creates_a_body(officer_client, reference_data):
    response = officer_client.post(BASE + "nowe/", body_data())

    body = Body.objects.get(slug="kdo-kultura")
    assert response.status_code == 302 and response["Location"] == url(body, "kadencje/")
    assert body.kind == "commission" and body.joining == "open" and body.is_active
    assert LogEntry.objects.filter(action="bodies.body.created").exists()


def test_an_officer_edits_a_body_and_its_areas(officer_client, krdpp, reference_data):
    from razem.core.models import PublicBenefitArea

    area = PublicBenefitArea.objects.valid_on(TODAY()).first()
    data = body_data(name=krdpp.name, short_name="KRDPP", slug="krdpp", kind="council", joining="appointed",
                     seats="16", areas=[area.pk])  # fmt: skip

    response = officer_client.post(url(krdpp), data)

    assert response.status_code == 302
    krdpp.refresh_from_db()
    assert krdpp.department == "Wydział Kultury i Dziedzictwa Narodowego"
    assert list(krdpp.areas.all()) == [area]


def test_a_taken_address_is_refused_next_to_the_field(officer_client, krdpp):
    response = officer_client.post(BASE + "nowe/", body_data(slug="krdpp"))

    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert 'value="Komisja Dialogu Obywatelskiego ds. Kultury"' in response.content.decode()


# Terms


def test_an_overlapping_term_is_refused(officer_client, krdpp):
    data = {"number": "7", "name": "VII kadencja", "starts_on": iso(TODAY()), "ends_on": ""}

    response = officer_client.post(url(krdpp, "kadencje/"), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "starts_on" in errors and "VI kadencja" in errors["starts_on"][0]
    assert not krdpp.terms.filter(number=7).exists()
    assert 'value="VII kadencja"' in response.content.decode()


def test_an_officer_adds_and_edits_a_term(officer_client, krdpp, current_term):
    start = current_term.ends_on + datetime.timedelta(days=1)
    data = {"number": "7", "name": "VII kadencja", "starts_on": iso(start), "ends_on": ""}

    response = officer_client.post(url(krdpp, "kadencje/"), data)

    assert response.status_code == 302
    term = krdpp.terms.get(number=7)
    response = officer_client.post(
        url(krdpp, f"kadencje/{term.pk}/"),
        {"name": "VII kadencja 2028–2031", "starts_on": iso(start), "ends_on": iso(start + datetime.timedelta(1095))},
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.name == "VII kadencja 2028–2031" and term.ends_on == start + datetime.timedelta(1095)


# Members


def member_data(body: Body, **overrides) -> dict:
    data = {
        "term": body.terms.order_by("-starts_on").first().pk,
        "person": "nowa.czlonkini@example.org",
        "institution": "Rada Miasta Krakowa",
        "position": "member",
        "appointment": "council",
        "start_date": iso(TODAY()),
        "end_date": "",
    }
    data.update(overrides)
    return data


def test_an_officer_adds_a_member_who_is_told(officer_client, krdpp, mailoutbox, django_capture_on_commit_callbacks):
    person = make_person("nowa.czlonkini@example.org", full_name="Nowa Członkini")

    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(url(krdpp, "czlonkowie/"), member_data(krdpp))

    assert response.status_code == 302, response.context["form"].errors
    seat = BodyMembership.objects.get(person=person)
    assert seat.body == krdpp and seat.institution == "Rada Miasta Krakowa"
    assert [m.to for m in mailoutbox] == [[person.email]]
    assert "Nowa Członkini" in text_of(officer_client.get(url(krdpp, "czlonkowie/")))


def test_an_unknown_address_is_refused(officer_client, krdpp):
    response = officer_client.post(url(krdpp, "czlonkowie/"), member_data(krdpp, person="nikt@example.org"))

    assert response.status_code == 200
    assert pl("There is no account with this address. The person must first sign up in Razem.") in text_of(response)
    assert 'value="nikt@example.org"' in response.content.decode()


def test_a_second_seat_of_the_same_person_in_the_same_period_is_refused(officer_client, krdpp, member):
    response = officer_client.post(url(krdpp, "czlonkowie/"), member_data(krdpp, person=member.email))

    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    assert "Maria Członkini" in response.context["form"].errors["person"][0]
    assert f'value="{member.email}"' in response.content.decode()
    assert BodyMembership.objects.filter(person=member).count() == 1


def test_dates_outside_the_term_are_refused(officer_client, krdpp, current_term):
    make_person("nowa.czlonkini@example.org")
    too_early = current_term.starts_on - datetime.timedelta(days=5)

    response = officer_client.post(
        url(krdpp, "czlonkowie/"), member_data(krdpp, term=current_term.pk, start_date=iso(too_early))
    )

    assert response.status_code == 200
    assert "VI kadencja" in response.context["form"].errors["start_date"][0]
    assert f'value="{iso(too_early)}"' in response.content.decode()
    assert 'value="Rada Miasta Krakowa"' in response.content.decode()


def test_a_second_representative_of_the_same_organization_in_a_forum_is_refused(
    officer_client, forum, seat, verified_org, org_representative, org_member
):
    seat(forum, org_representative, organization=verified_org, start_date=TODAY())

    response = officer_client.post(
        url(forum, "czlonkowie/"),
        member_data(forum, person=org_member.email, organization=verified_org.pk, institution="", appointment="other"),
    )

    assert response.status_code == 200
    assert verified_org.name in response.context["form"].errors["organization"][0]
    assert not BodyMembership.objects.filter(person=org_member).exists()


def test_an_officer_ends_a_membership(officer_client, krdpp, member):
    membership = BodyMembership.objects.get(person=member)
    end_url = url(krdpp, f"czlonkowie/{membership.pk}/zakoncz/")

    refused = officer_client.post(end_url, {"end_date": iso(TODAY()), "reason": ""})
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors

    response = officer_client.post(end_url, {"end_date": iso(TODAY() - datetime.timedelta(1)), "reason": "Rezygnacja"})

    assert response.status_code == 302 and response["Location"] == url(krdpp, "czlonkowie/")
    membership.refresh_from_db()
    assert membership.end_reason == "Rezygnacja" and membership.end_date == TODAY() - datetime.timedelta(1)
    page = text_of(officer_client.get(url(krdpp, "czlonkowie/")))
    assert "Rezygnacja" in page


# Applications


def test_the_applications_page_lists_pending_before_decided(officer_client, forum, application, reference_data):
    from tests.factories import make_organization

    other = make_organization("Fundacja Zdecydowana", krs="0000100009")
    MembershipApplication.objects.create(
        body=forum, organization=other, representative=application.representative,
        status=MembershipApplication.Status.DECLINED, reason="Brak",
    )  # fmt: skip

    text = text_of(officer_client.get(url(forum, "zgloszenia/")))

    assert text.index("Stowarzyszenie Przyjaciół Plant") < text.index("Fundacja Zdecydowana")
    assert "Prowadzimy świetlicę" in text


def test_the_chair_accepts_an_application_and_the_seats_are_made(
    client, forum, forum_chair, application, org_representative, org_member, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    client.force_login(forum_chair)
    decide = url(forum, f"zgloszenia/{application.pk}/")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide, {"decision": "accept", "reason": ""})

    assert response.status_code == 302 and response["Location"] == decide
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.ACCEPTED and application.decided_by == forum_chair
    representative = BodyMembership.objects.get(body=forum, person=org_representative)
    deputy = BodyMembership.objects.get(body=forum, person=org_member)
    assert deputy.position == "deputy" and deputy.deputy_of == representative
    assert org_representative.email in {m.to[0] for m in mailoutbox}
    page = client.get(decide)
    text = text_of(page)
    assert pl("Seats given") in text and "Piotr Reprezentant" in text and "Celina Członkowska" in text
    assert 'value="accept"' not in page.content.decode()


def test_declining_needs_a_reason(officer_client, forum, application, mailoutbox, django_capture_on_commit_callbacks):
    decide = url(forum, f"zgloszenia/{application.pk}/")

    refused = officer_client.post(decide, {"decision": "decline", "reason": ""})

    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(decide, {"decision": "decline", "reason": "Organizacja nie działa w Krakowie."})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.DECLINED
    assert application.reason == "Organizacja nie działa w Krakowie."
    assert not BodyMembership.objects.filter(body=forum).exists()
    assert mailoutbox


def test_a_decided_application_cannot_be_decided_again(officer_client, forum, application):
    application.status = MembershipApplication.Status.DECLINED
    application.save()

    response = officer_client.post(url(forum, f"zgloszenia/{application.pk}/"), {"decision": "accept"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not BodyMembership.objects.filter(body=forum).exists()


# Acts


def act_data(**overrides) -> dict:
    data = {
        "kind": "resolution",
        "number": "",
        "title": "W sprawie opinii o programie współpracy",
        "adopted_on": iso(TODAY()),
        "votes_for": "12",
        "votes_against": "1",
        "votes_abstaining": "2",
    }
    data.update(overrides)
    return data


def test_acts_get_the_next_number_and_a_reused_number_is_refused(client, krdpp, chair, media_root):
    client.force_login(chair)
    acts_url = url(krdpp, "uchwaly/")

    first = client.post(acts_url, act_data(number="4"))
    second = client.post(acts_url, act_data(title="Druga uchwała"))

    assert first.status_code == 302 and second.status_code == 302
    assert list(Act.objects.order_by("number").values_list("number", flat=True)) == [4, 5]

    reused = client.post(acts_url, act_data(number="5", title="Powtórzony numer"))

    assert reused.status_code == 200
    message = pl("%(kind)s no. %(number)s already exists in the term %(term)s.") % {
        "kind": pl("Resolution"), "number": 5, "term": "VI kadencja"
    }  # fmt: skip
    assert reused.context["form"].errors["number"] == [message]
    assert 'value="Powtórzony numer"' in reused.content.decode()
    assert not Act.objects.filter(title="Powtórzony numer").exists()
    assert "12 / 1 / 2" in text_of(client.get(acts_url))


def test_an_act_answers_a_request_and_keeps_its_document(officer_client, krdpp, media_root):
    item = OpinionRequest.objects.create(
        body=krdpp, subject="Program współpracy", received_on=TODAY(), due_on=TODAY() + datetime.timedelta(14)
    )
    document = SimpleUploadedFile("uchwala.pdf", b"%PDF-1.4 uchwala", content_type="application/pdf")

    response = officer_client.post(
        url(krdpp, "uchwaly/"), {**act_data(kind="opinion", request=item.pk), "document": document}
    )

    assert response.status_code == 302
    act = Act.objects.get()
    assert act.request == item and act.document.name.endswith(".pdf")
    item.refresh_from_db()
    assert item.status == OpinionRequest.Status.ANSWERED


def test_an_act_with_a_disguised_file_is_refused(officer_client, krdpp, media_root):
    fake = SimpleUploadedFile("uchwala.pdf", b"MZ not a pdf", content_type="application/pdf")

    response = officer_client.post(url(krdpp, "uchwaly/"), {**act_data(), "document": fake})

    assert response.status_code == 200 and "document" in response.context["form"].errors
    assert not Act.objects.exists()


# Requests for opinions


def test_a_request_without_a_due_date_gets_the_statutory_fourteen_days(officer_client, krdpp, member, media_root):
    received = TODAY() - datetime.timedelta(days=2)

    response = officer_client.post(
        url(krdpp, "prosby-o-opinie/"),
        {"subject": "Projekt programu współpracy na 2027", "received_on": iso(received), "due_on": ""},
    )

    assert response.status_code == 302
    item = OpinionRequest.objects.get()
    assert item.due_on == received + datetime.timedelta(days=14)
    page = text_of(officer_client.get(url(krdpp, "prosby-o-opinie/")))
    assert "Projekt programu współpracy na 2027" in page
    assert "14" in officer_client.get(url(krdpp, "prosby-o-opinie/")).context["form"].fields["due_on"].help_text


def test_a_request_due_before_it_was_received_is_refused(officer_client, krdpp):
    response = officer_client.post(
        url(krdpp, "prosby-o-opinie/"),
        {"subject": "Odwrócone daty", "received_on": iso(TODAY()), "due_on": iso(TODAY() - datetime.timedelta(3))},
    )

    assert response.status_code == 200 and "due_on" in response.context["form"].errors
    assert 'value="Odwrócone daty"' in response.content.decode()


def test_a_late_request_is_marked_in_words(officer_client, krdpp):
    OpinionRequest.objects.create(
        body=krdpp, subject="Spóźniona", received_on=TODAY() - datetime.timedelta(20),
        due_on=TODAY() - datetime.timedelta(2),
    )  # fmt: skip

    response = officer_client.get(url(krdpp, "prosby-o-opinie/"))

    assert late_by(2) in re.sub(r"\s+", " ", text_of(response))


# Posts


def test_the_secretary_publishes_and_deletes_a_post(client, krdpp, seat, member, media_root):
    secretary = make_person("sekretarz@example.org", full_name="Sebastian Sekretarz")
    seat(krdpp, secretary, position="secretary")
    client.force_login(secretary)
    posts_url = url(krdpp, "ogloszenia/")

    refused = client.post(posts_url, {"kind": "document", "title": "Regulamin", "text": ""})
    assert refused.status_code == 200 and "file" in refused.context["form"].errors

    response = client.post(posts_url, {"kind": "announcement", "title": "Posiedzenie w czwartek", "text": "Sala 3"})

    assert response.status_code == 302
    post = Post.objects.get()
    assert post.author == secretary
    assert "Posiedzenie w czwartek" in text_of(client.get(posts_url))

    deleted = client.post(url(krdpp, f"ogloszenia/{post.pk}/usun/"))

    assert deleted.status_code == 302 and not Post.objects.exists()


def test_a_term_of_another_body_is_not_offered(officer_client, krdpp, forum):
    response = officer_client.get(url(krdpp, "czlonkowie/"))

    offered = set(response.context["form"].fields["term"].queryset)
    assert offered == set(Term.objects.filter(body=krdpp))


def test_the_office_attaches_the_regulations_and_anyone_who_sees_the_body_downloads_them(
    officer_client, krdpp, client, media_root
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from razem.bodies.forms.staff import BodyForm

    data = {k: ("" if v is None else v) for k, v in BodyForm(body=krdpp).initial.items() if k != "areas"}
    data["visibility"] = krdpp.visibility
    upload = SimpleUploadedFile("regulamin.pdf", b"%PDF-1.4 regulamin KRDPP", content_type="application/pdf")

    response = officer_client.post(f"/panel/ciala-dialogu/{krdpp.slug}/", {**data, "regulations": upload})

    assert response.status_code == 302
    krdpp.refresh_from_db()
    assert krdpp.regulations.name.endswith(".pdf")
    download = client.get(f"/ciala-dialogu/{krdpp.slug}/regulamin/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4 regulamin")


def test_a_renamed_file_is_refused_as_regulations_and_nothing_changes(officer_client, krdpp, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from razem.bodies.forms.staff import BodyForm
    from tests.core.helpers import in_polish

    data = {k: ("" if v is None else v) for k, v in BodyForm(body=krdpp).initial.items() if k != "areas"}
    upload = SimpleUploadedFile("regulamin.pdf", b"MZ not a pdf", content_type="application/pdf")

    response = officer_client.post(f"/panel/ciala-dialogu/{krdpp.slug}/", {**data, "regulations": upload})

    assert response.status_code == 200
    assert (
        in_polish("The file's content does not match its extension %(ext)s; it may be damaged or renamed.")
        % {"ext": ".pdf"}
        in response.content.decode()
    )
    krdpp.refresh_from_db()
    assert not krdpp.regulations
