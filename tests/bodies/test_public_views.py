"""The public pages of dialogue bodies as people use them: the list and who sees which body, a body's page with
its members, quorum, documents and sittings, the members' history, the documents with their downloads, the
members' workspace, an organization's application to join, "my bodies" with withdrawal, and the organization's
profile listing its seats."""

import datetime

import pytest
from conftest import make_person
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from razem.bodies.models import Act, Body, BodyMembership, MembershipApplication, OpinionRequest, Post
from razem.events.models import Meeting
from tests.core.helpers import in_polish, text_of
from tests.factories import add_membership, make_body, make_organization

TODAY = timezone.localdate


def in_polish_plural(singular: str, plural: str, number: int, **values: object) -> str:
    """What a Polish visitor sees for a counted message (the English source until the catalogue has it)."""
    with translation.override("pl"):
        return translation.ngettext(singular, plural, number) % {"counter": number, "days": number, **values}


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    return settings.PRIVATE_ROOT


@pytest.fixture
def transparent_body(db) -> Body:
    return make_body("Zespół ds. przejrzystości", "zespol-przejrzystosci", kind="team", visibility="transparent")


@pytest.fixture
def bodies(krdpp, transparent_body, private_team) -> dict[str, Body]:
    return {"public": krdpp, "transparent": transparent_body, "private": private_team}


@pytest.fixture
def team_member(private_team, transparent_body, seat):
    person = make_person("zespol@example.org", full_name="Zofia Zespołowa")
    seat(private_team, person)
    seat(transparent_body, person)
    return person


@pytest.fixture
def team_chair(private_team, transparent_body, seat):
    person = make_person("szefowa@example.org", full_name="Halina Szefowa")
    seat(private_team, person, position="chair")
    seat(transparent_body, person, position="chair")
    return person


def people(request, name):
    return None if name == "anonymous" else request.getfixturevalue(name)


# Visibility: the list, the page, the workspace

# who -> kind of body -> (in the list, the page's status, the workspace's status)
MATRIX = {
    "anonymous": {"public": (True, 200, 403), "transparent": (True, 200, 200), "private": (False, 404, 404)},
    "resident": {"public": (True, 200, 403), "transparent": (True, 200, 200), "private": (False, 404, 404)},
    "team_member": {"public": (True, 200, 403), "transparent": (True, 200, 200), "private": (True, 200, 200)},
    "team_chair": {"public": (True, 200, 403), "transparent": (True, 200, 200), "private": (True, 200, 200)},
    "officer": {"public": (True, 200, 200), "transparent": (True, 200, 200), "private": (True, 200, 200)},
}


@pytest.mark.parametrize("who", list(MATRIX))
@pytest.mark.parametrize("visibility", ["public", "transparent", "private"])
def test_who_sees_a_body_in_the_list_its_page_and_its_workspace(client, request, bodies, who, visibility):
    person = people(request, who)
    if person is not None:
        client.force_login(person)
    body = bodies[visibility]
    listed, page_status, workspace_status = MATRIX[who][visibility]

    listing = text_of(client.get("/ciala-dialogu/"))

    assert (body.name in listing) is listed
    assert client.get(f"/ciala-dialogu/{body.slug}/").status_code == page_status
    assert client.get(f"/ciala-dialogu/{body.slug}/przestrzen-robocza/").status_code == workspace_status


def test_a_member_of_the_public_council_reads_its_workspace_and_a_resident_is_refused(client, krdpp, member, resident):
    client.force_login(resident)
    assert client.get("/ciala-dialogu/krdpp/przestrzen-robocza/").status_code == 403

    client.force_login(member)
    response = client.get("/ciala-dialogu/krdpp/przestrzen-robocza/")

    assert response.status_code == 200
    assert "krdpp/przestrzen-robocza/" in text_of(client.get("/ciala-dialogu/krdpp/"))


def test_an_unknown_body_is_not_found(client, db):
    assert client.get("/ciala-dialogu/nie-ma/").status_code == 404


# The list


def test_the_list_groups_bodies_by_kind_with_theme_department_joining_and_member_count(
    client, krdpp, forum, commission, member, chair
):
    commission.theme = "Młodzież"
    commission.department = "Wydział Polityki Społecznej i Zdrowia"
    commission.save()

    page = text_of(client.get("/ciala-dialogu/"))

    for label in ("Council", "Civic dialogue commission", "Forum"):
        assert f">{in_polish(label)}</h2>" in page
    assert page.index(krdpp.name) < page.index(commission.name) < page.index(forum.name)
    assert "Młodzież" in page and "Wydział Polityki Społecznej i Zdrowia" in page
    assert in_polish("Open: any organization working in the theme may join") in page
    assert "2 / 16" in page  # two current members of sixteen seats


def test_the_kind_filter_shows_only_that_kind(client, krdpp, forum, commission):
    page = text_of(client.get("/ciala-dialogu/", {"rodzaj": "forum"}))

    assert forum.name in page
    assert krdpp.name not in page and commission.name not in page


def test_an_unknown_kind_says_so_and_lists_nothing(client, krdpp):
    page = text_of(client.get("/ciala-dialogu/", {"rodzaj": "nieznany"}))

    assert krdpp.name not in page
    assert in_polish("The filter has a value we do not know. Choose another kind or clear the filter.") in page


def test_the_list_costs_the_same_number_of_queries_for_three_or_fifteen_bodies(
    client, db, seat, django_assert_max_num_queries, resident
):
    client.force_login(resident)
    for number in range(15):
        body = make_body(f"Komisja {number:02}", f"komisja-{number}", kind="commission", joining="open")
        seat(body, make_person(f"osoba{number}@example.org"))

    with django_assert_max_num_queries(8):
        response = client.get("/ciala-dialogu/")

    assert response.status_code == 200
    assert text_of(response).count("/ciala-dialogu/komisja-") == 15


def test_the_navigation_links_to_the_bodies(client, db):
    page = text_of(client.get("/ciala-dialogu/"))

    assert 'href="/ciala-dialogu/" aria-current="page"' in page
    assert in_polish("Dialogue bodies") in page


# A body's page


def test_the_page_shows_the_current_members_with_position_representation_appointment_and_dates(
    client, krdpp, seat, verified_org, current_term
):
    krdpp.description = "Rada opiniuje projekty uchwał."
    krdpp.legal_basis = "Uchwała nr XLI/731/16 Rady Miasta Krakowa"
    krdpp.department = "Biuro Pełnomocnika ds. Organizacji Pozarządowych"
    krdpp.contact_email = "krdpp@krakow.example"
    krdpp.save()
    anna = make_person("anna@example.org", full_name="Anna Przedstawicielka")
    jan = make_person("jan@example.org", full_name="Jan Zastępca")
    principal = seat(
        krdpp, anna, organization=verified_org, position="vice_chair", appointment=BodyMembership.Appointment.ELECTED
    )
    seat(krdpp, jan, organization=verified_org, position="deputy", deputy_of=principal, appointment="elected")
    seat(krdpp, make_person("radna@example.org", full_name="Ewa Radna"), institution="Rada Miasta Krakowa",
         appointment=BodyMembership.Appointment.COUNCIL)  # fmt: skip

    page = text_of(client.get("/ciala-dialogu/krdpp/"))

    assert "<h1" in page and page.count("<h1") == 1
    assert "Rada opiniuje projekty uchwał." in page and "XLI/731/16" in page
    assert "Biuro Pełnomocnika" in page and "krdpp@krakow.example" in page
    assert current_term.name in page
    # Anna has not said how to address her: the neutral form of her position (razem.core.gender).
    assert "Anna Przedstawicielka" in page and in_polish("Vice-chair", "neutral") in page
    assert verified_org.get_absolute_url() in page
    assert "Rada Miasta Krakowa" in page and in_polish("Delegated by the City Council") in page
    assert in_polish("Elected by organizations") in page
    assert in_polish("stands in for %(name)s") % {"name": "Anna Przedstawicielka"} in page
    assert current_term.starts_on.strftime("%Y") in page
    assert '<th scope="col"' in page and "<caption" in page


def test_the_page_says_the_quorum_now_deputies_not_counted(client, krdpp, seat, chair, member):
    third = make_person("trzeci@example.org")
    principal = seat(krdpp, third)
    seat(krdpp, make_person("zastepca@example.org"), position="deputy", deputy_of=principal)

    page = text_of(client.get("/ciala-dialogu/krdpp/"))

    expected = in_polish_plural(
        "%(counter)s member, quorum %(required)s", "%(counter)s members, quorum %(required)s", 3, required=2
    )
    assert expected in page


def test_open_requests_with_days_left_are_shown_to_members_and_staff_only(client, krdpp, member, resident, officer):
    OpinionRequest.objects.create(
        body=krdpp, subject="Projekt programu współpracy 2027", received_on=TODAY(),
        due_on=TODAY() + datetime.timedelta(days=14),
    )  # fmt: skip

    assert "Projekt programu współpracy 2027" not in text_of(client.get("/ciala-dialogu/krdpp/"))
    client.force_login(resident)
    assert "Projekt programu współpracy 2027" not in text_of(client.get("/ciala-dialogu/krdpp/"))
    for person in (member, officer):
        client.force_login(person)
        page = text_of(client.get("/ciala-dialogu/krdpp/"))
        assert "Projekt programu współpracy 2027" in page
        assert in_polish_plural("%(days)s day left", "%(days)s days left", 14) in page


def test_recent_acts_upcoming_and_past_sittings_with_the_quorum_reached(
    client, krdpp, current_term, chair, member, make_meeting, register
):
    past = make_meeting(
        title="Posiedzenie KRDPP nr 7", kind=Meeting.Kind.SITTING, organizer_kind="body", body=krdpp,
        starts_at=timezone.now() - datetime.timedelta(days=10), status=Meeting.Status.FINISHED,
        registration_enabled=False,
    )  # fmt: skip
    make_meeting(title="Posiedzenie KRDPP nr 8", kind=Meeting.Kind.SITTING, organizer_kind="body", body=krdpp)
    from razem.events.models import Registration

    for person in (chair, member):
        Registration.objects.create(meeting=past, person=person, status="confirmed", checked_in_at=past.starts_at)
    Act.objects.create(
        body=krdpp, term=current_term, number=12, title="W sprawie programu współpracy",
        adopted_on=TODAY() - datetime.timedelta(days=10), sitting=past, votes_for=9, votes_against=1,
        votes_abstaining=2,
    )  # fmt: skip

    page = text_of(client.get("/ciala-dialogu/krdpp/"))

    assert f"12/{(TODAY() - datetime.timedelta(days=10)).year}" in page
    assert "W sprawie programu współpracy" in page
    assert "Posiedzenie KRDPP nr 7" in page and "Posiedzenie KRDPP nr 8" in page
    assert page.index("Posiedzenie KRDPP nr 8") < page.index("Posiedzenie KRDPP nr 7")
    assert in_polish("present %(present)s, quorum %(required)s") % {"present": 2, "required": 2} in page
    assert in_polish("quorum reached") in page
    assert past.get_absolute_url() in page


def test_a_body_taking_applications_offers_to_apply_and_links_to_its_recommendations(client, forum, krdpp, resident):
    anonymous_page = text_of(client.get("/ciala-dialogu/forum-lokalowe/"))
    client.force_login(resident)
    page = text_of(client.get("/ciala-dialogu/forum-lokalowe/"))

    assert "/ciala-dialogu/forum-lokalowe/dolacz/" not in anonymous_page
    assert "/konto/logowanie/" in anonymous_page
    assert "/ciala-dialogu/forum-lokalowe/dolacz/" in page
    assert f"/rekomendacje/?cialo={forum.pk}" in page
    assert "/ciala-dialogu/forum-lokalowe/czlonkowie/historia/" in page
    assert "/krdpp/dolacz/" not in text_of(client.get("/ciala-dialogu/krdpp/"))


def test_a_private_sub_team_is_listed_on_its_parents_page_only_for_those_who_see_it(
    client, krdpp, private_team, team_member
):
    assert private_team.name not in text_of(client.get("/ciala-dialogu/krdpp/"))
    client.force_login(team_member)
    assert private_team.name in text_of(client.get("/ciala-dialogu/krdpp/"))


# History


def test_the_history_lists_past_members_by_term_with_dates_and_end_reasons(client, krdpp, past_term, seat, member):
    seat(krdpp, make_person("dawny@example.org", full_name="Dawid Dawny"), term=past_term,
         start_date=past_term.starts_on, end_date=past_term.ends_on, end_reason="Koniec kadencji")  # fmt: skip
    seat(krdpp, make_person("odwolana@example.org", full_name="Olga Odwołana"), term=past_term,
         start_date=past_term.starts_on, end_date=past_term.starts_on + datetime.timedelta(days=100),
         end_reason="Rezygnacja")  # fmt: skip

    page = text_of(client.get("/ciala-dialogu/krdpp/czlonkowie/historia/"))

    assert past_term.name in page and "VI kadencja" in page
    assert "Dawid Dawny" in page and "Koniec kadencji" in page
    assert "Olga Odwołana" in page and "Rezygnacja" in page
    assert "Maria Członkini" not in page  # a current member
    assert str(past_term.starts_on.year) in page
    assert page.count("<h1") == 1


def test_the_history_of_a_private_body_is_not_found_for_outsiders(client, private_team, resident):
    client.force_login(resident)
    assert client.get("/ciala-dialogu/zespol-regulamin/czlonkowie/historia/").status_code == 404


# Acts and their documents


@pytest.fixture
def acts(krdpp, current_term, private_root):
    resolution = Act(
        body=krdpp, term=current_term, kind="resolution", number=12, title="W sprawie budżetu obywatelskiego",
        adopted_on=TODAY() - datetime.timedelta(days=5), concerns="Projekt uchwały RMK", votes_for=10,
        votes_against=2, votes_abstaining=1,
    )  # fmt: skip
    resolution.document.save("uchwala-12.pdf", ContentFile(b"%PDF-1.4 uchwala"), save=False)
    resolution.save()
    opinion = Act.objects.create(
        body=krdpp, term=current_term, kind="opinion", number=3, title="Opinia o programie współpracy",
        adopted_on=TODAY() - datetime.timedelta(days=3),
    )  # fmt: skip
    return {"resolution": resolution, "opinion": opinion}


def test_the_acts_page_lists_labels_titles_dates_and_votes(client, krdpp, acts):
    page = text_of(client.get("/ciala-dialogu/krdpp/dokumenty/"))
    year = acts["resolution"].adopted_on.year

    assert acts["resolution"].label in page and f"12/{year}" in page
    assert "W sprawie budżetu obywatelskiego" in page and "Projekt uchwały RMK" in page
    assert in_polish("for %(yes)s, against %(no)s, abstaining %(abstaining)s") % {
        "yes": 10, "no": 2, "abstaining": 1
    } in page  # fmt: skip
    assert in_polish("not recorded") in page  # the opinion has no vote
    assert f"/ciala-dialogu/krdpp/dokumenty/{acts['resolution'].pk}/plik/" in page
    assert f"/ciala-dialogu/krdpp/dokumenty/{acts['opinion'].pk}/plik/" not in page


def test_the_acts_kind_filter(client, krdpp, acts):
    page = text_of(client.get("/ciala-dialogu/krdpp/dokumenty/", {"rodzaj": "opinion"}))

    assert "Opinia o programie współpracy" in page
    assert "W sprawie budżetu obywatelskiego" not in page


def test_an_acts_document_downloads_as_an_attachment_for_anyone_who_sees_the_body(client, krdpp, acts):
    response = client.get(f"/ciala-dialogu/krdpp/dokumenty/{acts['resolution'].pk}/plik/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 uchwala"
    assert client.get(f"/ciala-dialogu/krdpp/dokumenty/{acts['opinion'].pk}/plik/").status_code == 404


def test_a_private_bodys_act_document_is_not_found_for_outsiders_and_downloads_for_members(
    client, private_team, team_member, resident, private_root
):
    term = private_team.terms.get()
    act = Act(body=private_team, term=term, number=1, title="Tajne", adopted_on=TODAY())
    act.document.save("tajne.pdf", ContentFile(b"%PDF-1.4 tajne"), save=False)
    act.save()
    url = f"/ciala-dialogu/zespol-regulamin/dokumenty/{act.pk}/plik/"

    assert client.get(url).status_code == 404
    client.force_login(resident)
    assert client.get(url).status_code == 404
    client.force_login(team_member)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_act_of_another_body_is_not_served_under_this_body(client, forum, acts):
    assert client.get(f"/ciala-dialogu/forum-lokalowe/dokumenty/{acts['resolution'].pk}/plik/").status_code == 404


# The workspace


@pytest.fixture
def workspace_items(krdpp, chair, private_root):
    Post.objects.create(body=krdpp, title="Zmiana terminu posiedzenia", text="Spotykamy się we wtorek.", author=chair)
    document = Post(body=krdpp, kind="document", title="Projekt regulaminu", author=chair)
    document.file.save("regulamin.pdf", ContentFile(b"%PDF-1.4 regulamin"), save=False)
    document.save()
    opinion = OpinionRequest(
        body=krdpp, subject="Projekt programu współpracy", received_on=TODAY(),
        due_on=TODAY() + datetime.timedelta(days=3),
    )  # fmt: skip
    opinion.document.save("program.pdf", ContentFile(b"%PDF-1.4 program"), save=False)
    opinion.save()
    return {"document": document, "request": opinion}


def test_a_member_reads_announcements_documents_and_open_requests_in_the_workspace(
    client, krdpp, member, workspace_items
):
    client.force_login(member)

    page = text_of(client.get("/ciala-dialogu/krdpp/przestrzen-robocza/"))

    assert "Zmiana terminu posiedzenia" in page and "Spotykamy się we wtorek." in page
    assert "Projekt regulaminu" in page and "Projekt programu współpracy" in page
    assert in_polish_plural("%(days)s day left", "%(days)s days left", 3) in page
    assert "/panel/ciala-dialogu/krdpp/ogloszenia/" not in page  # an ordinary member does not post
    assert in_polish("This body is transparent: the public can read this workspace.") not in page


def test_the_chair_sees_the_link_to_add_posts(client, krdpp, chair, workspace_items):
    client.force_login(chair)

    assert "/panel/ciala-dialogu/krdpp/ogloszenia/" in text_of(client.get("/ciala-dialogu/krdpp/przestrzen-robocza/"))


def test_workspace_files_download_for_members_and_are_refused_to_others(
    client, krdpp, member, resident, workspace_items
):
    post_url = f"/ciala-dialogu/krdpp/przestrzen-robocza/{workspace_items['document'].pk}/plik/"
    request_url = f"/ciala-dialogu/krdpp/prosby-o-opinie/{workspace_items['request'].pk}/plik/"

    assert client.get(post_url).status_code == 403
    client.force_login(resident)
    assert client.get(post_url).status_code == 403
    assert client.get(request_url).status_code == 403
    client.force_login(member)
    response = client.get(post_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 regulamin"
    assert client.get(request_url).status_code == 200


def test_a_transparent_bodys_workspace_says_the_public_can_read_it(client, transparent_body):
    page = text_of(client.get("/ciala-dialogu/zespol-przejrzystosci/przestrzen-robocza/"))

    assert in_polish("This body is transparent: the public can read this workspace.") in page


# Applying to join


def test_a_representative_applies_for_the_organization_with_a_representative_and_a_deputy(
    client, forum, verified_org, org_representative, org_member
):
    client.force_login(org_representative)

    form_page = text_of(client.get("/ciala-dialogu/forum-lokalowe/dolacz/"))
    response = client.post(
        "/ciala-dialogu/forum-lokalowe/dolacz/",
        {"organization": verified_org.pk, "representative": org_representative.pk, "deputy": org_member.pk,
         "motivation": "Prowadzimy świetlicę w lokalu miejskim."},
    )  # fmt: skip

    assert verified_org.name in form_page and "Celina Członkowska" in form_page
    assert response.status_code == 302 and response["Location"] == "/ciala-dialogu/moje/"
    application = MembershipApplication.objects.get()
    assert (application.organization, application.representative, application.deputy) == (
        verified_org, org_representative, org_member
    )  # fmt: skip
    assert application.motivation == "Prowadzimy świetlicę w lokalu miejskim."
    mine = text_of(client.get("/ciala-dialogu/moje/"))
    assert forum.name in mine and in_polish("Awaiting a decision") in mine


def test_with_several_organizations_the_person_chooses_one_first(client, commission, verified_org, org_representative):
    other = make_organization("Fundacja Druga", krs="0000100009")
    add_membership(other, org_representative, "representative")
    client.force_login(org_representative)

    first = text_of(client.get("/ciala-dialogu/kdo-mlodziezy/dolacz/"))
    second = text_of(client.get("/ciala-dialogu/kdo-mlodziezy/dolacz/", {"organizacja": other.pk}))

    assert 'name="organizacja"' in first and "Fundacja Druga" in first and 'name="representative"' not in first
    assert 'name="representative"' in second and f'name="organization" value="{other.pk}"' in second


def test_an_unverified_organization_cannot_apply_and_nothing_is_saved(client, forum, pending_org, org_representative):
    client.force_login(org_representative)

    response = client.post(
        "/ciala-dialogu/forum-lokalowe/dolacz/",
        {"organization": pending_org.pk, "representative": org_representative.pk},
    )

    assert response.status_code == 200
    assert in_polish("Only verified organizations can apply. The office verifies organizations in Razem.") in text_of(
        response
    )
    assert not MembershipApplication.objects.exists()


def test_a_second_pending_application_is_refused(client, forum, verified_org, org_representative, org_admin):
    client.force_login(org_representative)
    data = {"organization": verified_org.pk, "representative": org_representative.pk}
    client.post("/ciala-dialogu/forum-lokalowe/dolacz/", data)

    response = client.post("/ciala-dialogu/forum-lokalowe/dolacz/", {**data, "representative": org_admin.pk})

    assert response.status_code == 200
    assert in_polish("%(org)s has already applied to %(body)s; the application awaits a decision.") % {
        "org": verified_org.name, "body": forum
    } in text_of(response)  # fmt: skip
    assert MembershipApplication.objects.count() == 1


def test_the_deputy_cannot_be_the_representative_and_the_error_is_next_to_the_field(
    client, forum, verified_org, org_representative
):
    client.force_login(org_representative)

    response = client.post(
        "/ciala-dialogu/forum-lokalowe/dolacz/",
        {"organization": verified_org.pk, "representative": org_representative.pk,
         "deputy": org_representative.pk, "motivation": "Chcemy działać."},
    )  # fmt: skip

    page = text_of(response)
    message = in_polish("The deputy must be another person than the representative.")
    assert response.status_code == 200
    assert 'id="id_deputy_error"' in page
    assert page.index(message, page.index('id="id_deputy_error"') - 300) > page.index('id="id_deputy"')
    assert "Chcemy działać." in page  # the typed values are kept
    assert not MembershipApplication.objects.exists()


def test_applying_needs_a_signed_in_person_and_a_body_that_takes_applications(client, krdpp, forum, resident):
    response = client.get("/ciala-dialogu/forum-lokalowe/dolacz/")
    assert response.status_code == 302 and "/konto/logowanie/" in response["Location"]

    client.force_login(resident)
    assert client.get("/ciala-dialogu/krdpp/dolacz/").status_code == 403
    page = text_of(client.get("/ciala-dialogu/forum-lokalowe/dolacz/"))
    assert (
        in_polish(
            "You do not act for any verified organization in Razem. An organization's administrator or representative "
            "applies for it."
        )
        in page
    )


# My bodies and withdrawal


def test_my_bodies_lists_current_and_past_memberships(client, krdpp, past_term, seat, member, forum):
    seat(krdpp, member, term=past_term, start_date=past_term.starts_on, end_date=past_term.ends_on,
         end_reason="Koniec kadencji")  # fmt: skip
    client.force_login(member)

    page = text_of(client.get("/ciala-dialogu/moje/"))

    assert krdpp.name in page or str(krdpp) in page
    assert past_term.name in page and "Koniec kadencji" in page
    assert in_polish("My bodies") in page


def test_a_representative_withdraws_a_pending_application(client, forum, verified_org, org_representative):
    application = MembershipApplication.objects.create(
        body=forum, organization=verified_org, representative=org_representative, submitted_by=org_representative
    )
    client.force_login(org_representative)

    assert f"/ciala-dialogu/wnioski/{application.pk}/wycofaj/" in text_of(client.get("/ciala-dialogu/moje/"))
    response = client.post(f"/ciala-dialogu/wnioski/{application.pk}/wycofaj/")

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.WITHDRAWN
    page = text_of(client.get("/ciala-dialogu/moje/"))
    assert in_polish("Withdrawn", "application status") in page
    assert f"/ciala-dialogu/wnioski/{application.pk}/wycofaj/" not in page


def test_someone_else_cannot_withdraw_the_application(client, forum, verified_org, org_representative, resident):
    application = MembershipApplication.objects.create(
        body=forum, organization=verified_org, representative=org_representative
    )
    client.force_login(resident)

    assert client.post(f"/ciala-dialogu/wnioski/{application.pk}/wycofaj/").status_code == 404
    assert client.get(f"/ciala-dialogu/wnioski/{application.pk}/wycofaj/").status_code == 405
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.PENDING


# The organization's profile


def test_the_organization_profile_lists_its_people_in_public_bodies(
    client, krdpp, private_team, seat, verified_org, org_representative
):
    assert in_polish("In dialogue bodies") not in text_of(client.get(verified_org.get_absolute_url()))

    seat(krdpp, org_representative, organization=verified_org)
    seat(private_team, org_representative, organization=verified_org)
    page = text_of(client.get(verified_org.get_absolute_url()))

    assert in_polish("In dialogue bodies") in page
    assert krdpp.get_absolute_url() in page and "Piotr Reprezentant" in page
    assert private_team.name not in page
