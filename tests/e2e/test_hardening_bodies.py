"""Hardening of the bodies' pages in Chromium, with axe on every page visited.

Point 3: a visitor follows the link from a public body's documents to its closed sitting and reads its public record.
Point 9: an officer records a member's third unexcused absence on the sitting's attendance page, finds the member on
the body's list "Do odwołania" and records the dismissal."""

import datetime

import pytest
from conftest import make_person
from django.utils import timezone, translation
from playwright.sync_api import expect

from razem.bodies import services
from razem.bodies.models import Act
from razem.events.models import Meeting
from tests.core.helpers import in_polish
from tests.e2e.support import check_accessibility, sign_in, submit, visit

pytestmark = pytest.mark.browser

DAY = datetime.timedelta(days=1)


def _sitting(make_meeting, body, title: str, days_ago: int):
    starts = timezone.now() - days_ago * DAY
    return make_meeting(
        title=title,
        kind=Meeting.Kind.SITTING,
        organizer_kind=Meeting.Organizer.BODY,
        body=body,
        visibility=Meeting.Visibility.MEMBERS,
        registration_enabled=False,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        status=Meeting.Status.FINISHED,
        agenda="Opinia o projekcie programu współpracy\nWolne wnioski",
    )


def test_a_visitor_follows_a_public_bodys_documents_to_its_closed_sitting(page, krdpp, current_term, make_meeting):
    held = _sitting(make_meeting, krdpp, "Posiedzenie Rady nr 3/2026", 30)
    Act.objects.create(
        body=krdpp,
        term=current_term,
        number=7,
        title="Opinia o projekcie programu współpracy",
        adopted_on=timezone.localdate(held.starts_at),
        sitting=held,
    )

    visit(page, f"/ciala-dialogu/{krdpp.slug}/", "hardening-body-detail")
    expect(page.locator("#past-sittings")).to_contain_text(held.title)
    expect(page.locator("#past-sittings")).to_contain_text(in_polish("closed sitting"))

    visit(page, f"/ciala-dialogu/{krdpp.slug}/dokumenty/", "hardening-body-documents")
    with page.expect_navigation():
        page.locator("#acts-table a[href^='/kalendarz/']").first.click()
    expect(page.locator("h1")).to_have_text(held.title)
    expect(page.locator("#closed-sitting")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Opinia o projekcie programu współpracy")
    check_accessibility(page, "hardening-closed-sitting")


def test_an_officer_records_absences_and_the_dismissal(page, officer, krdpp, seat, make_meeting):
    anna = seat(krdpp, make_person("anna.nieobecna@example.org", full_name="Anna Nieobecna"))
    jan = seat(krdpp, make_person("jan.obecny@example.org", full_name="Jan Obecny"))
    for days_ago in (90, 60):
        services.sitting_attendance_record(
            actor=officer,
            sitting=_sitting(make_meeting, krdpp, f"Posiedzenie sprzed {days_ago} dni", days_ago),
            entries=[services.Entry(anna.pk, "unexcused"), services.Entry(jan.pk, "present")],
        )
    third = _sitting(make_meeting, krdpp, "Posiedzenie sprzed 30 dni", 30)
    sign_in(page, officer.email, totp=True)

    visit(page, f"/panel/spotkania/{third.pk}/obecnosc/czlonkowie/", "hardening-members-attendance")
    page.locator(f"#member-{anna.pk} input[value=unexcused]").check()
    page.locator(f"#member-{jan.pk} input[value=excused]").check()
    page.locator(f"#id_note_{jan.pk}").fill("Delegacja służbowa")
    submit(page)
    with translation.override("pl"):
        saved = translation.ngettext(
            "The attendance has been saved: %(count)s change.", "The attendance has been saved: %(count)s changes.", 2
        ) % {"count": 2}
    expect(page.locator(".messages")).to_contain_text(saved)
    expect(page.locator(f"#member-{anna.pk} input[value=unexcused]")).to_be_checked()
    check_accessibility(page, "hardening-members-attendance-saved")

    visit(page, f"/panel/ciala-dialogu/{krdpp.slug}/do-odwolania/", "hardening-dismissals")
    expect(page.locator("#dismissals tbody tr")).to_have_count(1)
    expect(page.locator("#dismissals")).to_contain_text("Anna Nieobecna")
    expect(page.locator("#dismissals")).to_contain_text(third.title)
    with page.expect_navigation():
        page.locator("#dismissals a.btn").click()
    expect(page.locator("#dismissal-reason")).to_contain_text("art. 41g ust. 2 pkt 5")
    check_accessibility(page, "hardening-dismiss")
    page.locator("#id_note").fill("Zarządzenie nr 1/2026")
    submit(page)
    expect(page.locator("#dismissals tbody tr")).to_have_count(1)  # the row saying nobody is listed
    expect(page.locator("#dismissals")).not_to_contain_text("Anna Nieobecna")
    check_accessibility(page, "hardening-dismissals-after")
    anna.refresh_from_db()
    assert anna.end_date == timezone.localdate()
    assert "Zarządzenie nr 1/2026" in anna.end_reason
