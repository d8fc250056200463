"""Dialogue bodies in Chromium: the list, a body's page, the members' history, the documents, the members'
workspace as a member, and an organization's application filled in with the keyboard alone. Every page passes axe
(WCAG 2.1 A and AA) and the Content-Security-Policy."""

import datetime

import pytest
from conftest import make_person
from django.core.files.base import ContentFile
from django.utils import timezone

from razem.bodies.models import Act, BodyMembership, MembershipApplication, OpinionRequest, Post
from razem.events.models import Meeting
from tests.e2e.support import check_accessibility, polish, screenshot, sign_in, tab_to, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def council(krdpp, current_term, past_term, seat, chair, member, verified_org, make_meeting, settings, tmp_path):  # noqa: F811
    settings.PRIVATE_ROOT = tmp_path / "private"
    today = timezone.localdate()
    krdpp.description = "Rada opiniuje projekty uchwał i programy współpracy."
    krdpp.department = "Biuro Pełnomocnika ds. Organizacji Pozarządowych"
    krdpp.contact_email = "krdpp@krakow.example"
    krdpp.save()
    anna = make_person("anna@example.org", full_name="Anna Przedstawicielka")
    principal = seat(krdpp, anna, organization=verified_org, appointment=BodyMembership.Appointment.ELECTED)
    seat(krdpp, make_person("jan@example.org", full_name="Jan Zastępca"), organization=verified_org,
         position="deputy", deputy_of=principal)  # fmt: skip
    seat(krdpp, make_person("dawny@example.org", full_name="Dawid Dawny"), term=past_term,
         start_date=past_term.starts_on, end_date=past_term.ends_on, end_reason="Koniec kadencji")  # fmt: skip
    sitting = make_meeting(
        title="Posiedzenie KRDPP", kind=Meeting.Kind.SITTING, organizer_kind="body", body=krdpp,
        starts_at=timezone.now() - datetime.timedelta(days=7), status=Meeting.Status.FINISHED,
        registration_enabled=False,
    )  # fmt: skip
    make_meeting(title="Następne posiedzenie KRDPP", kind=Meeting.Kind.SITTING, organizer_kind="body", body=krdpp)
    act = Act(
        body=krdpp, term=current_term, number=12, title="W sprawie programu współpracy",
        adopted_on=today - datetime.timedelta(days=7), sitting=sitting, votes_for=9, votes_against=1,
        votes_abstaining=2, concerns="Projekt programu współpracy na 2027",
    )  # fmt: skip
    act.document.save("uchwala-12.pdf", ContentFile(b"%PDF-1.4 uchwala"), save=False)
    act.save()
    Act.objects.create(body=krdpp, term=current_term, kind="opinion", number=3, title="Opinia o regulaminie",
                       adopted_on=today - datetime.timedelta(days=2))  # fmt: skip
    Post.objects.create(body=krdpp, title="Zmiana sali", text="Spotykamy się w sali 1w038.", author=chair)
    document = Post(body=krdpp, kind="document", title="Projekt regulaminu", author=chair)
    document.file.save("regulamin.pdf", ContentFile(b"%PDF-1.4 regulamin"), save=False)
    document.save()
    OpinionRequest.objects.create(body=krdpp, subject="Projekt uchwały o lokalach", received_on=today,
                                  due_on=today + datetime.timedelta(days=5))  # fmt: skip
    return krdpp


def test_the_list_a_body_its_history_and_its_documents_pass_axe(page, council, forum, commission):  # noqa: F811
    visit(page, "/ciala-dialogu/", "bodies-list")
    assert page.locator("main h1").inner_text() == polish("Dialogue bodies")
    assert page.locator("header nav .nav-link[aria-current=page]").inner_text() == polish("Dialogue bodies")
    assert page.locator("main table").count() == 3

    page.locator("#id_rodzaj").select_option("forum")
    with page.expect_navigation():
        page.locator("#bodies-filter button[type=submit]").click()
    check_accessibility(page, "bodies-list-filtered")
    assert page.locator("main table").count() == 1

    visit(page, "/ciala-dialogu/krdpp/", "bodies-detail")
    assert page.locator("main h1").inner_text() == council.name
    assert page.locator("#members-table tbody tr").count() == 4
    assert page.get_by_text("Anna Przedstawicielka").count() >= 1

    visit(page, "/ciala-dialogu/krdpp/czlonkowie/historia/", "bodies-history")
    assert page.get_by_text("Dawid Dawny").count() == 1
    assert page.get_by_text("Koniec kadencji").count() == 1

    visit(page, "/ciala-dialogu/krdpp/dokumenty/", "bodies-acts")
    assert page.locator("#acts-table tbody tr").count() == 2
    with page.expect_download() as download:
        page.locator("#acts-table a", has_text=polish("Download")).first.click()
    assert download.value.suggested_filename.startswith("uchwala-12")


def test_a_member_reads_the_workspace(page, council, member):  # noqa: F811
    sign_in(page, member.email)
    visit(page, "/ciala-dialogu/krdpp/przestrzen-robocza/", "bodies-workspace")
    assert page.get_by_text("Zmiana sali").count() == 1
    assert page.get_by_text("Projekt uchwały o lokalach").count() == 1
    visit(page, "/ciala-dialogu/moje/", "bodies-mine")


def test_a_representative_applies_to_the_forum_with_the_keyboard_alone(
    page,
    forum,  # noqa: F811
    verified_org,  # noqa: F811
    org_representative,  # noqa: F811
    org_member,  # noqa: F811
):
    sign_in(page, org_representative.email)
    visit(page, "/ciala-dialogu/forum-lokalowe/", "bodies-forum")
    visit(page, "/ciala-dialogu/forum-lokalowe/dolacz/", "bodies-apply")

    # Submitted empty first: the error summary and the error next to the field.
    tab_to(page, "#application-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_accessibility(page, "bodies-apply-errors")
    assert page.locator("#id_representative_error").count() == 1

    page.locator("body").focus()
    tab_to(page, "#id_representative")
    page.keyboard.press("ArrowDown")  # Celina Członkowska, the first person
    tab_to(page, "#id_deputy")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # Olga Adamska
    tab_to(page, "#id_motivation")
    page.keyboard.type("Prowadzimy świetlicę w lokalu miejskim.")
    tab_to(page, "#application-form button[type=submit]")
    screenshot(page, "keyboard-bodies-apply")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    check_accessibility(page, "bodies-mine-after-apply")
    assert page.url.endswith("/ciala-dialogu/moje/")
    application = MembershipApplication.objects.get()
    assert application.organization == verified_org
    assert application.representative.full_name == "Celina Członkowska"
    assert application.deputy.full_name == "Olga Adamska"
    assert page.get_by_text(polish("Awaiting a decision")).count() >= 1
