"""The reopening of a filed offer after the deadline (grants.reopening): only the named sections open in the editor
until the due date (inclusive), filing the change freezes a new version in which nothing else differs, and both a
correction (the transition ``file_correction``) and a reopening without a transition (as the update after a partial
award) go through it. The permission matrix of editing, filing and checking over the states of an offer."""

import dataclasses
import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from razem.core.models import LogEntry
from razem.core.permissions import why_not
from razem.grants import content
from razem.grants import reopening as reopening_module
from razem.grants.models import Activity, CorrectionRequest, Offer, OfferVersion
from razem.grants.reopening import Reopening, changed_sections, reopening
from razem.grants.services import attachments as attachment_services
from razem.grants.services.offers import drafts as offer_drafts
from razem.grants.services.offers import tables as offer_tables
from razem.grants.validation import Issue
from tests.core.helpers import in_polish
from tests.factories import MembershipFactory, UserFactory
from tests.grants.checks_support import called_to_correct, file_again, filed_offer, findings
from tests.grants.filing_factories import DECLARATIONS
from tests.grants.offer_support import budget_rows, upload

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HTMX = {"HTTP_HX_REQUEST": "true"}


def refusal(fn, *args, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        fn(*args, **kwargs)
    return caught.value.messages


def snapshot(offer) -> tuple:
    fresh = Offer.objects.get(pk=offer.pk)
    return (
        fresh.status,
        fresh.current_version_id,
        OfferVersion.objects.filter(offer=offer).count(),
        list(CorrectionRequest.objects.filter(offer=offer).values_list("number", "status", "answered_version_id")),
    )


def lapsed(due) -> str:
    return in_polish("The change could be filed until %(due)s; that deadline has passed.") % {
        "due": date_format(due, "j E Y")
    }


@pytest.fixture
def correcting(officer):
    """A filed offer of a closed call, called to correct its task (III.1–3) and its attachments."""
    offer = filed_offer()
    request = called_to_correct(offer, officer, sections=["zadanie", "zalaczniki"])
    offer.refresh_from_db()
    offer.request = request
    return offer


# What changed, by section ------------------------------------------------------------------------------------------


def test_changes_are_told_apart_by_section():
    offer = filed_offer()
    old = offer.current_version.content
    new = {**old, "task": {**old["task"], "title": "Nowy tytuł"}}
    assert list(changed_sections(old, new)) == ["zadanie"]
    assert [c.new for c in changed_sections(old, new)["zadanie"]] == ["Nowy tytuł"]

    renamed = {
        **old,
        "activities": {y: [{**a, "name": "Inne zajęcia"} for a in rows] for y, rows in old["activities"].items()},
    }
    renamed["costs"] = [{**c, "activity_name": "Inne zajęcia"} for c in old["costs"]]
    assert list(changed_sections(old, renamed)) == ["dzialania"]  # the cost table names the activity, not its own

    cheaper = {**old, "costs": [{**c, "unit_cost": "100.00"} for c in old["costs"]]}
    assert list(changed_sections(old, cheaper)) == ["koszty"]

    signed = {**old, "signatories": [], "declarations": {**old["declarations"], "taxes": "zalega"}}
    assert changed_sections(old, signed) == {}  # section VII is given again at every filing

    moved = {**old, "oferents": [{**old["oferents"][0], "address": "ul. Nowa 1, Kraków"}]}
    assert changed_sections(old, moved) == {}  # the registry's data, not the offer's

    attached = {**old, "attachments": [*old["attachments"], {"name": "x.pdf", "sha256": "ab", "size": 1}]}
    assert list(changed_sections(old, attached)) == ["zalaczniki"]


# Filing a correction -----------------------------------------------------------------------------------------------


def test_filing_the_correction_makes_a_new_version_answers_the_request_and_the_office_checks_again(correcting, officer):
    offer = correcting
    offer_drafts.offer_update_fields(actor=offer.filer, offer=offer, fields={"title": "Seniorzy w sieci 2.0"})
    offer.refresh_from_db()
    mail.outbox.clear()

    version = file_again(offer)

    offer.refresh_from_db()
    assert version.number == 2 and offer.current_version == version and offer.status == Offer.Status.FILED
    assert offer.status_reason == ""
    request = CorrectionRequest.objects.get(pk=correcting.request.pk)
    assert request.status == CorrectionRequest.Status.ANSWERED and request.answered_version == version
    assert request.answered_at is not None
    changes = content.diff(offer.versions.get(number=1).content, version.content)
    assert [(c.old, c.new) for c in changes] == [("Seniorzy w sieci", "Seniorzy w sieci 2.0")]
    assert LogEntry.objects.get(action="grants.offer.file_correction").data == {"from": "correcting", "to": "filed"}
    assert LogEntry.objects.filter(action="grants.correction_request.answered").exists()
    receipt = next(m for m in mail.outbox if m.to == [offer.filer.email])
    assert version.checksum in receipt.body
    office = next(m for m in mail.outbox if m.to == [officer.email])
    assert offer.number in office.subject
    assert reopening(offer) is None
    # The office checks it again: the findings of version 1 no longer admit it.
    with pytest.raises(ValidationError):
        from razem.grants.services.checks import offer_admit

        offer_admit(actor=officer, offer=offer)
    findings(offer, officer)
    from razem.grants.services.checks import offer_admit

    assert offer_admit(actor=officer, offer=offer).status == Offer.Status.ADMITTED


def test_a_correction_changing_a_section_not_named_is_refused_and_saves_nothing(correcting):
    offer = correcting
    activity = Activity.objects.filter(offer=offer).first()
    lines, funding = budget_rows(offer, grant="7000.00", own="2000.00", activity=activity)
    offer_tables.offer_replace_budget(actor=offer.filer, offer=offer, lines=lines, funding=funding)
    offer.refresh_from_db()
    before = snapshot(offer)

    messages = refusal(file_again, offer)

    assert len(messages) == 1
    assert messages[0].startswith(
        in_polish(
            "Only these parts may change now: %(allowed)s. These differ from the filed version %(number)s too: "
            "%(changed)s. Undo those changes, then file again."
        ).split("%(allowed)s")[0]
    )
    assert in_polish("Cost calculation") in messages[0] and "III.1–3" in messages[0]
    assert snapshot(offer) == before
    assert not LogEntry.objects.filter(action="grants.offer.file_correction").exists()


def test_a_correction_of_the_attachments_when_they_are_named(correcting):
    offer = correcting
    attachment_services.attachment_add(
        actor=offer.filer, offer=offer, upload=upload("statut-2024.pdf", b"%PDF-1.4 nowy statut")
    )
    version = file_again(offer)
    assert [a["name"] for a in version.content["attachments"]][-1] == "statut-2024.pdf"


def test_an_attachment_added_when_only_the_task_is_named_is_refused(officer):
    offer = filed_offer()
    called_to_correct(offer, officer, sections=["zadanie"])
    offer.refresh_from_db()
    count = offer.attachments.count()

    messages = refusal(
        attachment_services.attachment_add,
        actor=offer.filer,
        offer=offer,
        upload=upload("inny.pdf", b"%PDF-1.4 inny dokument"),
    )

    assert messages == [in_polish("The office did not ask to correct the attachments; they cannot change now.")]
    assert offer.attachments.count() == count
    assert not offer.filer.has_perm("grants.edit_attachments", offer)
    assert offer.filer.has_perm("grants.edit_offer", offer)


def test_filing_the_correction_is_allowed_on_its_due_day_and_refused_the_day_after(correcting):
    offer = correcting
    due = correcting.request.due_date
    offer_drafts.offer_update_fields(actor=offer.filer, offer=offer, fields={"title": "Poprawiony tytuł"})
    offer.refresh_from_db()
    before = snapshot(offer)

    with mock.patch("django.utils.timezone.localdate", return_value=due + DAY):
        assert refusal(file_again, offer) == [lapsed(due)]
        assert why_not(offer.filer, "grants.file_offer", Offer.objects.get(pk=offer.pk)) == lapsed(due)
    assert snapshot(offer) == before

    with mock.patch("django.utils.timezone.localdate", return_value=due):
        version = file_again(offer)
    assert version.number == 2


def test_a_correction_with_nothing_changed_files_nothing(correcting):
    offer = correcting
    before = snapshot(offer)
    messages = refusal(file_again, offer)
    assert messages[0].startswith(
        in_polish("Nothing changed since version %(number)s, filed on %(when)s; it stays the filed version.").split(
            "%(number)s"
        )[0]
    )
    assert snapshot(offer) == before


def test_only_the_lead_files_the_correction(correcting):
    offer = correcting
    stranger = UserFactory()
    before = snapshot(offer)
    assert refusal(file_again, offer, actor=stranger) == [
        in_polish("Only a person who may act for the leading oferent can file the offer.")
    ]
    assert snapshot(offer) == before


def test_the_statements_and_signatories_may_be_given_anew_with_a_correction(correcting):
    offer = correcting
    offer_drafts.offer_update_fields(actor=offer.filer, offer=offer, fields={"title": "Poprawiony"})
    offer.refresh_from_db()
    version = reopening_module.file_reopened(
        actor=offer.filer,
        offer=offer,
        signatories=[offer.signatory],
        declarations={**DECLARATIONS, "taxes": "zalega"},
    )
    assert version.content["declarations"]["taxes"] == "zalega"


# The editor -------------------------------------------------------------------------------------------------------


def _section(offer, slug):
    return reverse("grants:offer_section", args=[offer.pk, slug])


def test_the_editor_opens_only_the_named_sections(client, correcting):
    offer = correcting
    client.force_login(offer.filer)

    open_page = client.get(_section(offer, "zadanie"))
    html = open_page.content.decode()
    assert open_page.status_code == 200 and 'id="reopened-note"' in html and "data-autosave" in html

    closed = client.get(_section(offer, "koszty"))
    html = closed.content.decode()
    assert closed.status_code == 200 and 'id="readonly-note"' in html and "<fieldset disabled" in html
    assert "data-autosave" not in html and '<form method="post" action="' + _section(offer, "koszty") not in html
    assert in_polish("may change now") in html and in_polish("as filed, read-only") in html


def test_saving_a_section_not_named_is_refused_and_changes_nothing(client, correcting):
    offer = correcting
    client.force_login(offer.filer)
    revision = Offer.objects.get(pk=offer.pk).revision

    response = client.post(_section(offer, "inne"), {"revision": str(revision), "payment": "paid"})
    assert response.status_code == 403
    polish = in_polish(
        "Only these parts of the offer may change now, until %(due)s: %(sections)s. “%(section)s” stays as filed; "
        "it is shown read-only."
    )
    assert polish.split("%(sections)s")[1].split("%(section)s")[0] in response.content.decode()  # the quote before it
    assert "VI. " in response.content.decode()
    autosave = client.post(_section(offer, "inne"), {"revision": str(revision), "payment": "paid"}, **HTMX)
    assert 'data-state="refused"' in autosave.content.decode() or "refused" in autosave.content.decode()
    summary = client.post(reverse("grants:budget_summary", args=[offer.pk]), {})
    assert summary.status_code == 403
    fresh = Offer.objects.get(pk=offer.pk)
    assert fresh.payment == Offer.Payment.FREE and fresh.revision == revision

    saved = client.post(
        _section(offer, "zadanie"),
        {
            "revision": str(revision),
            "title": "Seniorzy w sieci – poprawione",
            "start_date": offer.start_date.isoformat(),
            "end_date": offer.end_date.isoformat(),
            "synthetic_description": offer.synthetic_description,
        },
    )
    assert saved.status_code == 302
    assert Offer.objects.get(pk=offer.pk).title == "Seniorzy w sieci – poprawione"


def test_the_filing_page_of_a_correction_shows_its_deadline_and_parts_and_files_it(client, correcting):
    offer = correcting
    offer_drafts.offer_update_fields(actor=offer.filer, offer=offer, fields={"title": "Poprawiony"})
    client.force_login(offer.filer)
    page = client.get(reverse("grants:offer_file", args=[offer.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="reopened-sections"' in html
    assert date_format(correcting.request.due_date, "l, j E Y") in html

    response = client.post(
        reverse("grants:offer_file", args=[offer.pk]),
        {f"signatories_{offer.organization_id}": [str(offer.signatory.pk)], **DECLARATIONS, "confirmed": "on"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("grants:receipt", args=[offer.pk, 2])


def test_the_oferents_page_shows_what_to_correct_and_by_when(client, correcting):
    offer = correcting
    client.force_login(offer.filer)
    html = client.get(offer.get_absolute_url()).content.decode()
    assert 'id="correction-banner"' in html and "Dołączcie aktualny statut." in html
    assert date_format(correcting.request.due_date, "l, j E Y") in html
    assert reverse("grants:offer_section", args=[offer.pk, "zadanie"]) in html
    assert reverse("grants:offer_file", args=[offer.pk]) in html


def test_a_partner_confirms_again_while_the_offer_is_reopened(officer):
    from tests.grants.filing_factories import add_partner

    offer = filed_offer(closed=False)
    partner = add_partner(offer)
    file_again(offer, signatories=[offer.signatory, partner.signatory])
    from tests.grants.checks_support import close

    close(offer.call)
    offer.refresh_from_db()
    assert not partner.person.has_perm("grants.decide_partnership", partner)
    called_to_correct(offer, officer, sections=["koszty"])
    partner.refresh_from_db()
    assert partner.person.has_perm("grants.decide_partnership", partner)


# A reopening without a transition (as the update after a partial award) ------------------------------------------


@pytest.fixture
def update_provider():
    """A provider like the update after a partial award: an admitted offer reopened for its budget, with its own
    check and after_file, and no transition."""
    state = {"issues": [], "filed": [], "due": timezone.localdate() + 3 * DAY}

    def provide(offer):
        if offer.status != Offer.Status.ADMITTED:
            return None
        return Reopening(
            kind="update",
            label="Zaktualizuj budżet",
            sections=frozenset({"koszty"}),
            due=state["due"],
            legal_ref="art. 16 ust. 1",
            check=lambda o: list(state["issues"]),
            after_file=lambda o, v, a: state["filed"].append((o.pk, v.number)),
            target_status=Offer.Status.ADMITTED,
        )

    reopening_module.provider(provide)
    yield state
    reopening_module._providers.remove(provide)


def test_a_reopening_without_a_transition_files_through_the_same_checks(officer, update_provider):
    offer = filed_offer()
    findings(offer, officer)
    from razem.grants.services.checks import offer_admit

    offer_admit(actor=officer, offer=offer)
    offer.refresh_from_db()
    assert reopening(offer).kind == "update"
    activity = Activity.objects.filter(offer=offer).first()
    lines, funding = budget_rows(offer, grant="7000.00", own="2000.00", activity=activity)
    offer_tables.offer_replace_budget(actor=offer.filer, offer=offer, lines=lines, funding=funding)
    offer.refresh_from_db()

    update_provider["issues"] = [Issue("koszty", "grant", "Dotacja musi wynosić 6000,00 zł.")]
    before = snapshot(offer)
    assert refusal(file_again, offer) == ["Dotacja musi wynosić 6000,00 zł."]
    assert snapshot(offer) == before and update_provider["filed"] == []

    update_provider["issues"] = []
    version = file_again(offer)

    offer.refresh_from_db()
    assert offer.status == Offer.Status.ADMITTED and version.number == 2
    assert version.grant_requested == Decimal("7000.00")
    assert update_provider["filed"] == [(offer.pk, 2)]
    assert LogEntry.objects.get(action="grants.offer.update_filed").data == {
        "from": "admitted",
        "to": "admitted",
        "version": 2,
    }


def test_a_reopening_without_a_transition_is_refused_after_its_due_date(officer, update_provider):
    offer = filed_offer()
    findings(offer, officer)
    from razem.grants.services.checks import offer_admit

    offer_admit(actor=officer, offer=offer)
    offer.refresh_from_db()
    update_provider["due"] = timezone.localdate() - DAY
    offer_title_before = offer.title
    assert refusal(offer_drafts.offer_update_fields, actor=offer.filer, offer=offer, fields={"title": "Inny"}) == [
        lapsed(update_provider["due"])
    ]
    assert Offer.objects.get(pk=offer.pk).title == offer_title_before


# The permission matrix ---------------------------------------------------------------------------------------------


def _filed_open(officer):
    return filed_offer(closed=False)


def _filed_closed(officer):
    return filed_offer()


def _correcting(officer):
    offer = filed_offer()
    called_to_correct(offer, officer, sections=["zadanie"])
    return offer


def _correcting_lapsed(officer):
    offer = _correcting(officer)
    CorrectionRequest.objects.filter(offer=offer).update(due_date=timezone.localdate() - DAY)
    return offer


def _admitted(officer):
    offer = filed_offer()
    findings(offer, officer)
    from razem.grants.services.checks import offer_admit

    offer_admit(actor=officer, offer=offer)
    return offer


def _rejected(officer):
    offer = filed_offer()
    findings(offer, officer, statutory_aims=("failed", "Poza celami."))
    from razem.grants.services.checks import offer_reject_formally

    offer_reject_formally(actor=officer, offer=offer, reason="Poza celami statutowymi.")
    return offer


STATES = {
    "filed before the deadline": _filed_open,
    "filed after the deadline": _filed_closed,
    "called to correct, due": _correcting,
    "called to correct, lapsed": _correcting_lapsed,
    "admitted": _admitted,
    "rejected": _rejected,
}
# (edit, file) for the oferent's representative; check for the office.
EXPECTED = {
    "filed before the deadline": (True, True, False),
    "filed after the deadline": (False, False, True),
    "called to correct, due": (True, True, True),
    "called to correct, lapsed": (False, False, True),
    "admitted": (False, False, True),
    "rejected": (False, False, True),
}


@pytest.mark.parametrize("state", list(STATES))
def test_the_permission_matrix(officer, state):
    offer = STATES[state](officer)
    offer = Offer.objects.select_related("call", "organization").get(pk=offer.pk)
    representative = offer.organization.memberships.filter(role="representative").first().user
    resident = UserFactory()
    ngo_member = UserFactory()
    MembershipFactory(organization=offer.organization, user=ngo_member, member=True)
    from django.contrib.auth.models import AnonymousUser

    edit, file, check = EXPECTED[state]
    fresh = lambda: Offer.objects.select_related("call", "organization").get(pk=offer.pk)  # noqa: E731
    assert representative.has_perm("grants.edit_offer", fresh()) is edit
    assert representative.has_perm("grants.file_offer", fresh()) is file
    assert representative.has_perm("grants.check_offer", fresh()) is False
    assert representative.has_perm("grants.view_checks") is False
    assert officer.has_perm("grants.check_offer", fresh()) is check
    assert officer.has_perm("grants.view_checks") is True
    assert officer.has_perm("grants.edit_offer", fresh()) is False
    assert officer.has_perm("grants.file_offer", fresh()) is False
    for nobody in (AnonymousUser(), resident, ngo_member):
        for perm in ("grants.edit_offer", "grants.file_offer", "grants.check_offer"):
            assert nobody.has_perm(perm, fresh()) is False, (nobody, perm)
    if not edit:
        reason = why_not(representative, "grants.edit_offer", fresh())
        if state == "called to correct, lapsed":
            due = CorrectionRequest.objects.get(offer=offer).due_date
            assert reason == lapsed(due)
        elif state in {"admitted", "rejected"}:
            assert reason == in_polish("This offer is %(status)s; it can no longer be changed.") % {
                "status": fresh().get_status_display().lower()
            }
        else:
            assert reason.startswith(
                in_polish("Offers could be filed until %(deadline)s; the deadline has passed.").split("%")[0]
            )


def test_the_reopening_dataclass_keeps_the_leads_api():
    fields = {f.name for f in dataclasses.fields(Reopening)}
    assert {"kind", "label", "sections", "due", "legal_ref", "check", "after_file", "target_status"} <= fields
