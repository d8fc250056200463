"""The office's pages of the offers of a call in Chromium, signed in with a TOTP code: the list with the funds per
year (over-subscribed), the filter, the offer's filed version with its versions and attachments, and what changed
between two versions. axe finds nothing on any of them."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from razem.grants.models import Offer, OfferAttachment
from razem.grants.services import filing
from tests.e2e.support import check_accessibility, sign_in, visit
from tests.factories import CallFactory, OrganizationFactory
from tests.grants.test_staff_offers import file_offer

pytestmark = pytest.mark.browser

D = Decimal


def test_an_officer_reads_the_offers_of_a_call_and_what_changed(page, officer, media_root):
    call = CallFactory(
        max_grant=D("200000.00"), attachments=False,
        realization_start=datetime.date(2027, 2, 1), realization_end=datetime.date(2028, 11, 30),
        funds={2027: D("100000.00"), 2028: D("50000.00")},
    )  # fmt: skip
    partner = OrganizationFactory(name="Stowarzyszenie Przyjaciół Nowej Huty")
    joint, person = file_offer(
        call, {2027: D("45000.00"), 2028: D("30000.00")}, title="Nowohucka Akademia Pokoleń", partner=partner
    )
    file_offer(call, {2027: D("40000.00"), 2028: D("25000.00")}, title="Klub Aktywnego Seniora")
    withdrawn, other = file_offer(call, {2027: D("10000.00"), 2028: D("5000.00")}, title="Spacery po Kazimierzu")
    filing.offer_withdraw(actor=other, offer=withdrawn, reason="Zmiana planów")
    OfferAttachment.objects.create(
        offer=joint, name="umowa-partnerska.pdf", size=4, sha256="b" * 64, file=ContentFile(b"%PDF", name="u.pdf")
    )
    Offer.objects.filter(pk=joint.pk).update(title="Nowohucka Akademia Pokoleń 2027–2028")
    joint.refresh_from_db()
    filing.offer_file(
        actor=person, offer=joint, signatories=[r for o in filing.oferents(joint) for r in o.representatives.all()],
        declarations=filing.default_declarations(joint),
    )  # fmt: skip
    sign_in(page, officer.email, totp=True)

    base = f"/panel/konkursy/{call.slug}/oferty/"
    visit(page, base, "grants-staff-offers")
    expect(page.locator("main table").nth(1).locator("tbody tr")).to_have_count(3)
    expect(page.locator("#funds-title")).to_be_visible()
    expect(page.locator("main .alert-warning")).to_be_visible()  # 2028: 55 000 requested of 50 000

    page.locator("#id_q").fill("akademia")
    with page.expect_navigation():
        page.locator("form[aria-labelledby=filter-title] button[type=submit]").click()
    check_accessibility(page, "grants-staff-offers-filtered")
    expect(page.locator("main table").nth(1).locator("tbody tr")).to_have_count(1)

    with page.expect_navigation():
        page.get_by_role("link", name=joint.number).click()
    check_accessibility(page, "grants-staff-offer")
    expect(page.locator("main h1")).to_contain_text(joint.number)
    expect(page.locator("main")).to_contain_text("Stowarzyszenie Przyjaciół Nowej Huty")
    expect(page.locator("#versions-title + div tbody tr")).to_have_count(2)
    expect(page.locator("#attachments-title + ul a")).to_have_count(1)

    visit(page, f"{base}{joint.pk}/?wersja=1", "grants-staff-offer-version-1")
    visit(page, f"{base}{joint.pk}/zmiany/", "grants-staff-offer-changes")
    expect(page.locator("main tbody")).to_contain_text("Nowohucka Akademia Pokoleń 2027–2028")
