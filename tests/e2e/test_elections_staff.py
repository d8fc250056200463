"""The office's pages for elections in Chromium, signed in with a TOTP code: the list, the election's overview, the
candidacies and the verification of one, who voted, the paper ballot form (with an error, then a ballot recorded)
and the decision by lot. axe finds nothing on any of them."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from razem.elections import services
from razem.elections.models import Ballot, Candidacy, Elector, Support
from tests.core.helpers import in_polish
from tests.e2e.support import check_accessibility, sign_in, submit, visit

pytestmark = pytest.mark.browser

BASE = "/panel/wybory/"


def test_an_officer_verifies_a_candidacy(page, officer, make_election, voters):  # noqa: F811
    election = make_election("verification")
    supporters = [o for o, _p in voters(3)]
    [(organization, person)] = voters(1)
    candidacy = Candidacy.objects.create(
        election=election, organization=organization, person=person, statement="Chcę działać dla organizacji.",
        consent_at=timezone.now(), status=Candidacy.Status.SUBMITTED,
    )  # fmt: skip
    for supporter in supporters:
        Support.objects.create(candidacy=candidacy, organization=supporter)
    sign_in(page, officer.email, totp=True)

    visit(page, BASE, "elections-staff-list")
    expect(page.locator("main tbody tr")).to_have_count(1)
    page.get_by_role("link", name=election.title).click()
    page.wait_for_url(f"**{BASE}{election.slug}/")
    check_accessibility(page, "elections-staff-edit")
    expect(page.locator("h1")).to_have_text(election.title)

    visit(page, f"{BASE}{election.slug}/kandydatury/", "elections-staff-candidacies")
    expect(page.locator("main tbody")).to_contain_text(person.full_name)
    page.locator("main tbody a").first.click()
    page.wait_for_url(f"**/kandydatury/{candidacy.pk}/")
    check_accessibility(page, "elections-staff-candidacy-verify")

    with page.expect_navigation():
        page.get_by_role("button", name=in_polish("Reject")).click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    check_accessibility(page, "elections-staff-candidacy-verify-error")

    with page.expect_navigation():
        page.get_by_role("button", name=in_polish("Accept")).click()
    expect(page.locator(".messages")).to_be_visible()
    candidacy.refresh_from_db()
    assert candidacy.status == Candidacy.Status.ACCEPTED


def test_an_officer_records_a_paper_ballot_and_decides_a_tie(page, officer, make_election, ready):  # noqa: F811
    election = make_election("voting")
    candidates = ready(election)
    elector = Elector.objects.filter(election=election).select_related("organization").first()
    sign_in(page, officer.email, totp=True)

    visit(page, f"{BASE}{election.slug}/karty-papierowe/", "elections-staff-paper")
    page.locator("#id_organization").fill("Nie ma takiej organizacji")
    with page.expect_navigation():
        page.get_by_role("button", name=in_polish("Record the ballot")).click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    check_accessibility(page, "elections-staff-paper-error")
    page.locator("#id_search").fill(elector.organization.name)
    with page.expect_navigation():
        page.get_by_role("button", name=in_polish("Search")).click()
    with page.expect_navigation():
        page.locator("main tbody").get_by_role("link", name=elector.organization.name).click()
    expect(page.locator("#id_organization")).to_have_value(elector.organization.krs)
    page.get_by_label(candidates[0].person.full_name, exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name=in_polish("Record the ballot")).click()
    expect(page.locator(".messages")).to_contain_text(elector.organization.name)
    check_accessibility(page, "elections-staff-paper-recorded")
    assert Ballot.objects.filter(election=election, is_valid=True).count() == 1

    visit(page, f"{BASE}{election.slug}/glosujacy/?voted=yes", "elections-staff-voters")
    expect(page.locator("main tbody tr")).to_have_count(1)
    expect(page.locator("main tbody")).to_contain_text(in_polish("Paper ballot"))
    expect(page.locator("main")).not_to_contain_text(candidates[0].person.full_name)

    tied = make_election("counting", seats=1, max_marks=1)
    a, b, _c = ready(tied)
    Ballot.objects.create(election=tied, choices=[a.pk])
    Ballot.objects.create(election=tied, choices=[b.pk])
    services.election_count(actor=officer, election=tied)

    visit(page, f"{BASE}{tied.slug}/losowanie/", "elections-staff-tie")
    page.get_by_label(b.person.full_name, exact=False).check()
    page.locator("#id_note").fill("Losowanie w sali obrad, świadkowie: dwie osoby z organizacji.")
    submit(page)
    expect(page.locator(".messages")).to_be_visible()
    b.refresh_from_db()
    assert b.elected is True
