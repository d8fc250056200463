"""The office's pages for dialogue bodies in Chromium, signed in with a TOTP code: the list, the body's settings,
its members, a decision on an application, the acts form with an error and then a success, the requests for
opinions and the deadlines across bodies. axe finds nothing on any of them."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from razem.bodies.models import Act, BodyMembership, MembershipApplication, OpinionRequest
from tests.core.helpers import in_polish
from tests.e2e.support import check_accessibility, sign_in, submit, visit

pytestmark = pytest.mark.browser

BASE = "/panel/ciala-dialogu/"


@pytest.fixture
def files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def application(forum, verified_org, org_representative, org_member):  # noqa: F811
    return MembershipApplication.objects.create(
        body=forum,
        organization=verified_org,
        representative=org_representative,
        deputy=org_member,
        motivation="Prowadzimy świetlicę w lokalu miejskim.",
        submitted_by=org_representative,
    )


def test_an_officer_manages_the_bodies(page, officer, krdpp, chair, member, application, files):  # noqa: F811
    today = timezone.localdate()
    OpinionRequest.objects.create(
        body=krdpp, subject="Projekt programu współpracy", received_on=today - datetime.timedelta(days=16),
        due_on=today - datetime.timedelta(days=2),
    )  # fmt: skip
    sign_in(page, officer.email, totp=True)

    visit(page, "/panel/", "panel-with-bodies")
    expect(page.locator("main")).to_contain_text("Projekt programu współpracy")

    visit(page, BASE, "bodies-staff-list")
    expect(page.locator("main tbody tr")).to_have_count(2)
    expect(page.get_by_role("link", name=in_polish("New body")).first).to_be_visible()

    visit(page, f"{BASE}krdpp/", "bodies-staff-edit")
    page.locator("#id_contact_email").fill("krdpp@um.krakow.pl")
    submit(page)
    expect(page.locator(".messages")).to_contain_text(in_polish("The changes have been saved."))
    krdpp.refresh_from_db()
    assert krdpp.contact_email == "krdpp@um.krakow.pl"

    visit(page, f"{BASE}krdpp/czlonkowie/", "bodies-staff-members")
    expect(page.locator("main")).to_contain_text("Bogdan Przewodniczący")
    page.locator("#id_person").fill(member.email)
    page.locator("#id_institution").fill("Rada Miasta Krakowa")
    submit(page)
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.locator("#id_person")).to_have_value(member.email)
    check_accessibility(page, "bodies-staff-members-error")

    visit(page, f"{BASE}forum-lokalowe/zgloszenia/", "bodies-staff-applications")
    page.get_by_role("link", name="Stowarzyszenie Przyjaciół Plant").click()
    page.wait_for_url(f"**{BASE}forum-lokalowe/zgloszenia/{application.pk}/")
    check_accessibility(page, "bodies-staff-application")
    with page.expect_navigation():
        page.get_by_role("button", name=in_polish("Accept")).click()
    expect(page.locator("#application-status")).to_have_text(in_polish("Accepted", "application status"))
    expect(page.locator("main")).to_contain_text("Celina Członkowska")
    check_accessibility(page, "bodies-staff-application-accepted")
    assert BodyMembership.objects.filter(body=application.body).count() == 2

    visit(page, f"{BASE}krdpp/prosby-o-opinie/", "bodies-staff-requests")
    expect(page.locator("main tbody")).to_contain_text("Projekt programu współpracy")

    visit(page, f"{BASE}terminy-opinii/", "bodies-staff-deadlines")
    expect(page.locator("main tbody tr")).to_have_count(1)


def test_the_chair_records_an_act_after_an_error(page, krdpp, chair, files):  # noqa: F811
    Act.objects.create(
        body=krdpp, term=krdpp.terms.get(number=6), number=1, title="Pierwsza uchwała", adopted_on=timezone.localdate()
    )
    sign_in(page, chair.email)

    visit(page, f"{BASE}krdpp/uchwaly/", "bodies-staff-acts")
    page.locator("#id_number").fill("1")
    page.locator("#id_title").fill("W sprawie programu współpracy")
    page.locator("#id_votes_for").fill("10")
    submit(page)
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("W sprawie programu współpracy")
    check_accessibility(page, "bodies-staff-acts-error")

    page.locator("#id_number").fill("")
    submit(page)
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("main tbody")).to_contain_text("W sprawie programu współpracy")
    assert Act.objects.get(title="W sprawie programu współpracy").number == 2
    check_accessibility(page, "bodies-staff-acts-done")
