"""The formal check (grants.services.checks, grants.workflows.checks): the call's checklist and its defaults, Razem's
own findings, the officer's findings, admitting, calling for corrections, rejecting formally, the lapse of a
correction; every refusal with its message (in Polish) and nothing changed."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from razem.core.models import LogEntry
from razem.core.schedule import when
from razem.grants import checks as defaults
from razem.grants.models import CheckItem, CheckResult, CorrectionRequest, Offer, RequiredAttachment
from razem.grants.reopening import reopening
from razem.grants.services import checks as services
from tests.core.helpers import in_polish
from tests.grants.checks_support import called_to_correct, filed_offer, findings, item

pytestmark = pytest.mark.django_db


def refusal(fn, *args, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        fn(*args, **kwargs)
    return caught.value.messages


def state(offer) -> tuple:
    fresh = Offer.objects.get(pk=offer.pk)
    return (
        fresh.status,
        fresh.checked_at,
        fresh.status_reason,
        list(CheckResult.objects.filter(offer=offer).values_list("item_id", "outcome", "note", "version_id")),
        list(CorrectionRequest.objects.filter(offer=offer).values_list("number", "status")),
    )


# The checklist -----------------------------------------------------------------------------------------------------


def test_the_default_checklist_is_created_once_in_polish(officer):
    offer = filed_offer()

    first = services.call_ensure_checklist(actor=officer, call=offer.call)
    again = services.call_ensure_checklist(actor=officer, call=offer.call)

    assert [i.code for i in first] == [d.code for d in defaults.DEFAULTS]
    assert [i.pk for i in again] == [i.pk for i in first]
    assert CheckItem.objects.filter(call=offer.call).count() == 7
    assert LogEntry.objects.filter(action="grants.check_item.defaults").count() == 1
    assert first[0].name == in_polish("Filed in time")
    assert not item(offer, "in_time").remediable and item(offer, "attachments").remediable


def test_only_the_office_prepares_the_checklist(resident):
    offer = filed_offer()
    assert refusal(services.call_ensure_checklist, actor=resident, call=offer.call) == [
        in_polish("Only the city office checks offers formally.")
    ]
    assert not CheckItem.objects.exists()


def test_the_office_adds_its_own_point_and_may_remove_it_but_not_one_with_findings(officer):
    offer = filed_offer()
    own = services.check_item_add(
        actor=officer, call=offer.call, name="Oświadczenie o rachunku bankowym", remediable=True
    )
    assert own.code == "" and own.position == 8
    assert refusal(
        services.check_item_add, actor=officer, call=offer.call, name="oświadczenie o rachunku BANKOWYM"
    ) == [in_polish("The checklist already has this requirement.")]
    assert refusal(services.check_item_add, actor=officer, call=offer.call, name="  ") == [
        in_polish("Name the requirement.")
    ]
    findings(offer, officer)
    assert refusal(services.check_item_remove, actor=officer, item=own) == [
        in_polish("Findings on “%(name)s” are recorded for %(n)s offer(s); it cannot be removed.")
        % {"name": own.name, "n": 1}
    ]
    assert CheckItem.objects.filter(pk=own.pk).exists()
    CheckResult.objects.filter(item=own).delete()
    services.check_item_remove(actor=officer, item=own)
    assert not CheckItem.objects.filter(pk=own.pk).exists()
    assert LogEntry.objects.filter(action="grants.check_item.removed").exists()


def test_the_last_point_cannot_be_removed(officer):
    offer = filed_offer()
    items = services.call_ensure_checklist(actor=officer, call=offer.call)
    for point in items[1:]:
        services.check_item_remove(actor=officer, item=point)
    assert refusal(services.check_item_remove, actor=officer, item=items[0]) == [
        in_polish("The checklist needs at least one requirement.")
    ]
    assert CheckItem.objects.filter(call=offer.call).count() == 1


def test_a_point_with_a_defect_found_cannot_become_not_correctable(officer):
    offer = filed_offer()
    findings(offer, officer, attachments=("defect", "Brak statutu."))
    point = item(offer, "attachments")
    messages = refusal(
        services.check_item_update,
        actor=officer,
        item=point,
        name=point.name,
        description=point.description,
        remediable=False,
    )
    assert messages == [
        in_polish(
            "%(n)s offer(s) have a defect in this requirement that can be corrected; record those findings again "
            "before saying it cannot be corrected."
        )
        % {"n": 1}
    ]
    assert CheckItem.objects.get(pk=point.pk).remediable


def test_the_checklist_is_fixed_once_an_offer_was_admitted_or_rejected(officer):
    offer = filed_offer()
    findings(offer, officer)
    services.offer_admit(actor=officer, offer=offer)
    fixed = in_polish(
        "The formal check of an offer of this call has ended, so its checklist can no longer change: every offer "
        "is checked against the same requirements."
    )
    assert refusal(services.check_item_add, actor=officer, call=offer.call, name="Nowy wymóg") == [fixed]
    assert refusal(services.check_item_remove, actor=officer, item=item(offer, "budget")) == [fixed]
    assert CheckItem.objects.filter(call=offer.call).count() == 7


# Razem's own findings --------------------------------------------------------------------------------------------


def _found(offer, officer, code):
    items = services.call_ensure_checklist(actor=officer, call=offer.call)
    offer = Offer.objects.select_related("call", "organization", "current_version").get(pk=offer.pk)
    return defaults.prefindings(offer, items)[item(offer, code).pk]


def test_filed_in_time_is_read_from_the_first_version(officer):
    offer = filed_offer()
    found = _found(offer, officer, "in_time")
    assert found.outcome == "met"
    version = offer.versions.get(number=1)
    assert found.facts == (
        in_polish("Version %(number)s was filed on %(when)s; the deadline was %(deadline)s.")
        % {"number": 1, "when": when(version.filed_at), "deadline": when(offer.call.submission_deadline)},
    )
    offer.versions.update(filed_at=offer.call.submission_deadline + datetime.timedelta(seconds=1))
    assert _found(offer, officer, "in_time").outcome == "failed"


def test_a_mandatory_attachment_missing_from_the_version_is_a_defect_in_the_attachments(officer):
    offer = filed_offer()
    assert _found(offer, officer, "attachments").outcome == "met"
    RequiredAttachment.objects.create(call=offer.call, position=2, name="Sprawozdanie finansowe", mandatory=True)
    found = _found(offer, officer, "attachments")
    assert found.outcome == "defect" and found.sections == ("zalaczniki",)
    assert found.facts == (in_polish("Missing: %(name)s.") % {"name": "Sprawozdanie finansowe"},)


def test_signatures_are_read_against_the_representation_rule(officer):
    offer = filed_offer(signs_alone=False)  # one signatory; the organization needed one signature when it filed
    assert _found(offer, officer, "signatures").outcome == "met"
    organization = offer.organization
    organization.signatures_required = 2
    organization.representation_rule = "Dwóch członków zarządu łącznie."
    organization.save()
    found = _found(offer, officer, "signatures")
    assert found.outcome == "defect" and found.sections == ("oswiadczenia",)
    assert "Dwóch członków zarządu łącznie." in found.facts[0] and "2" in found.facts[0]


def test_the_budget_of_the_version_is_checked_against_the_calls_rules(officer):
    offer = filed_offer()
    assert _found(offer, officer, "budget").outcome == "met"
    type(offer.call).objects.filter(pk=offer.call_id).update(max_grant="5000.00")
    found = _found(offer, officer, "budget")
    assert found.outcome == "defect" and found.sections == ("koszty",)
    assert "5" in found.facts[0]


def test_an_oferent_no_longer_verified_is_left_to_the_officer(officer):
    offer = filed_offer()
    assert _found(offer, officer, "eligible").outcome == "met"
    type(offer.organization).objects.filter(pk=offer.organization_id).update(status="suspended")
    assert _found(offer, officer, "eligible").outcome is None


def test_the_statutory_aims_hint_compares_the_areas(officer):
    from razem.core.models import PublicBenefitArea

    offer = filed_offer()
    area = PublicBenefitArea.objects.order_by("position").first() or PublicBenefitArea.objects.create(
        code="17", position=17, name="wspierania i upowszechniania kultury fizycznej", legal_ref="art. 4 ust. 1 pkt 17",
        valid_from=datetime.date(2004, 1, 1),
    )  # fmt: skip
    offer.call.areas.set([area])
    assert _found(offer, officer, "statutory_aims").outcome is None
    offer.organization.areas.set([area])
    assert _found(offer, officer, "statutory_aims").outcome == "met"


# The findings ------------------------------------------------------------------------------------------------------


def test_findings_are_recorded_on_the_current_version_and_audited(officer):
    offer = filed_offer()
    written = findings(offer, officer, budget=("defect", "Koszty administracyjne ponad limit."))
    assert len(written) == 7
    result = CheckResult.objects.get(offer=offer, item=item(offer, "budget"))
    assert result.outcome == "defect" and result.version == offer.current_version and result.checked_by == officer
    entry = LogEntry.objects.get(action="grants.offer.findings_recorded")
    assert entry.data["findings"]["budget"] == "defect" and entry.data["version"] == 1
    assert findings(offer, officer, budget=("defect", "Koszty administracyjne ponad limit.")) == []  # nothing new


@pytest.mark.parametrize(
    ("code", "finding", "field", "message"),
    [
        (
            "in_time",
            ("defect", "Złożona po terminie."),
            "outcome",
            "“%(name)s” cannot be corrected: a defect in it means it is not met.",
        ),
        ("budget", ("defect", ""), "note", "Say what is wrong with “%(name)s”; the oferent reads it."),
        ("budget", ("failed", " "), "note", "Say what is wrong with “%(name)s”; the oferent reads it."),
    ],
)
def test_a_wrong_finding_refuses_them_all_on_its_field(officer, code, finding, field, message):
    offer = filed_offer()
    items = services.call_ensure_checklist(actor=officer, call=offer.call)
    chosen = {i.pk: ("met", "") for i in items}
    point = item(offer, code)
    chosen[point.pk] = finding
    with pytest.raises(ValidationError) as caught:
        services.offer_record_findings(actor=officer, offer=offer, findings=chosen)
    assert caught.value.message_dict == {f"{field}_{point.pk}": [in_polish(message) % {"name": point.name}]}
    assert not CheckResult.objects.exists()


def test_findings_wait_for_the_deadline_of_the_call(officer):
    offer = filed_offer(closed=False)
    items = services.call_ensure_checklist(actor=officer, call=offer.call)
    messages = refusal(
        services.offer_record_findings, actor=officer, offer=offer, findings={i.pk: ("met", "") for i in items}
    )
    assert messages == [
        in_polish(
            "The formal check begins after the deadline for offers, %(deadline)s; until then the oferent may still "
            "correct or withdraw the offer."
        )
        % {"deadline": when(offer.call.submission_deadline)}
    ]
    assert not CheckResult.objects.exists()


def test_findings_are_not_recorded_while_the_offer_is_being_corrected(officer):
    offer = filed_offer()
    called_to_correct(offer, officer)
    before = state(offer)
    messages = refusal(findings, offer, officer)
    assert messages == [
        in_polish("Findings are recorded while the offer waits for its formal check; this one is %(status)s.")
        % {"status": in_polish("Called to correct", "offer status").lower()}
    ]
    assert state(offer) == before


# Admitting ---------------------------------------------------------------------------------------------------------


def test_an_offer_with_every_point_met_is_admitted_and_the_oferent_told(officer):
    offer = filed_offer()
    findings(offer, officer, attachments=("na", ""))
    mail.outbox.clear()

    admitted = services.offer_admit(actor=officer, offer=offer)

    assert admitted.status == Offer.Status.ADMITTED and admitted.checked_by == officer and admitted.checked_at
    assert LogEntry.objects.get(action="grants.offer.admit").data == {"from": "filed", "to": "admitted"}
    message = next(m for m in mail.outbox if m.to == [offer.filer.email])
    assert offer.number in message.subject and offer.number in message.body


def test_admitting_is_refused_naming_the_points_not_met(officer):
    offer = filed_offer()
    findings(offer, officer, budget=("defect", "Za wysoka dotacja."))
    CheckResult.objects.filter(item=item(offer, "eligible")).delete()
    before = state(offer)

    messages = refusal(services.offer_admit, actor=officer, offer=offer)

    budget, eligible = item(offer, "budget"), item(offer, "eligible")
    listed = "; ".join(
        [
            f"{eligible.name} ({in_polish('no finding')})",
            f"{budget.name} ({in_polish('Defect that can be corrected').lower()})",
        ]
    )
    assert messages == [
        in_polish(
            "An offer is admitted when every requirement is met or does not apply, as found on its current version "
            "(%(number)s). Not yet: %(items)s."
        )
        % {"number": 1, "items": listed}
    ]
    assert state(offer) == before


def test_admitting_before_the_deadline_is_refused(officer):
    offer = filed_offer(closed=False)
    before = state(offer)
    assert refusal(services.offer_admit, actor=officer, offer=offer) == [
        in_polish(
            "The formal check begins after the deadline for offers, %(deadline)s; until then the oferent may still "
            "correct or withdraw the offer."
        )
        % {"deadline": when(offer.call.submission_deadline)}
    ]
    assert state(offer) == before


def test_only_the_office_admits(officer):
    offer = filed_offer()
    findings(offer, officer)
    before = state(offer)
    assert refusal(services.offer_admit, actor=offer.filer, offer=offer) == [
        in_polish("Only the city office checks offers formally.")
    ]
    assert state(offer) == before


def test_an_admitted_offer_cannot_be_admitted_again(officer):
    offer = filed_offer()
    findings(offer, officer)
    services.offer_admit(actor=officer, offer=offer)
    assert refusal(services.offer_admit, actor=officer, offer=offer) == [
        in_polish("This offer is %(status)s; only a filed offer waiting for its formal check can be admitted.")
        % {"status": in_polish("Formally correct", "offer status").lower()}
    ]


# Calling for corrections -------------------------------------------------------------------------------------------


def test_a_call_for_corrections_reopens_the_named_sections_until_its_deadline(officer):
    offer = filed_offer()
    findings(offer, officer, attachments=("defect", "Statut nieaktualny."))
    mail.outbox.clear()

    request = services.offer_request_correction(
        actor=officer, offer=offer, sections=["zalaczniki", "zadanie"], message="Dołączcie aktualny statut."
    )

    today = timezone.localdate()
    assert request.number == 1 and request.status == CorrectionRequest.Status.OPEN
    assert request.fields == ["zadanie", "zalaczniki"] and request.message == "Dołączcie aktualny statut."
    assert request.due_date == today + datetime.timedelta(days=7)
    assert request.legal_ref == "practice of the office (formal check)" and request.requested_by == officer
    offer.refresh_from_db()
    assert offer.status == Offer.Status.CORRECTING and offer.status_reason == "Dołączcie aktualny statut."
    opened = reopening(offer)
    assert opened.kind == "correction" and opened.sections == {"zadanie", "zalaczniki"}
    assert opened.due == request.due_date and opened.target_status == "filed"
    message = next(m for m in mail.outbox if m.to == [offer.filer.email])
    assert date_format(request.due_date, "j E Y") in message.subject
    assert "Dołączcie aktualny statut." in message.body


@pytest.mark.parametrize(
    ("sections", "message", "field", "expected"),
    [
        ([], "Popraw.", "sections", "Choose at least one part of the offer the oferent may correct."),
        (["partnerzy"], "Popraw.", "sections", "These are not parts of the offer that can be corrected: %(names)s."),
        (["zalaczniki"], "  ", "reason", "Say what the oferent must correct; the organization reads it."),
    ],
)
def test_a_call_for_corrections_needs_its_sections_and_message(officer, sections, message, field, expected):
    offer = filed_offer()
    findings(offer, officer, attachments=("defect", "Statut nieaktualny."))
    before = state(offer)
    with pytest.raises(ValidationError) as caught:
        services.offer_request_correction(actor=officer, offer=offer, sections=sections, message=message)
    assert caught.value.message_dict == {field: [in_polish(expected) % {"names": "partnerzy"}]}
    assert state(offer) == before


def test_a_point_not_met_cannot_be_corrected(officer):
    offer = filed_offer()
    findings(offer, officer, statutory_aims=("failed", "Poza celami statutowymi."))
    before = state(offer)
    messages = refusal(
        services.offer_request_correction, actor=officer, offer=offer, sections=["zadanie"], message="Popraw."
    )
    point = item(offer, "statutory_aims")
    assert messages == [
        in_polish(
            "These requirements are not met and cannot be corrected: %(items)s. Reject the offer formally instead."
        )
        % {"items": f"{point.name} ({in_polish('Not met').lower()})"}
    ]
    assert state(offer) == before


def test_a_call_for_corrections_needs_a_defect_found_first(officer):
    offer = filed_offer()
    findings(offer, officer)
    before = state(offer)
    assert refusal(
        services.offer_request_correction, actor=officer, offer=offer, sections=["zadanie"], message="Popraw."
    ) == [in_polish("Record first which requirement has a defect that can be corrected; then call for its correction.")]
    assert state(offer) == before


def test_a_call_for_corrections_names_the_parts_changed_since_filing_and_never_filed(officer):
    from razem.grants.services.offers import drafts as offer_drafts
    from tests.grants.checks_support import close

    offer = filed_offer(closed=False)
    offer_drafts.offer_update_fields(actor=offer.filer, offer=offer, fields={"experience": "Od 2010 r."})
    close(offer.call)
    findings(offer, officer, attachments=("defect", "Statut nieaktualny."))
    before = state(offer)
    with pytest.raises(ValidationError) as caught:
        services.offer_request_correction(actor=officer, offer=offer, sections=["zalaczniki"], message="Popraw.")
    assert caught.value.message_dict == {
        "sections": [
            in_polish(
                "Since filing version %(number)s the oferent changed these parts without filing them: %(parts)s. A "
                "correction may change only the parts you name, so name these too, or the correction could not be "
                "filed."
            )
            % {"number": 1, "parts": "IV. " + in_polish("The oferent's characteristics")}
        ]
    }
    assert state(offer) == before
    request = services.offer_request_correction(
        actor=officer, offer=offer, sections=["zalaczniki", "charakterystyka"], message="Popraw."
    )
    assert request.fields == ["charakterystyka", "zalaczniki"]


# Rejecting ---------------------------------------------------------------------------------------------------------


def test_an_offer_failing_a_point_is_rejected_with_the_reasons_and_the_oferent_told(officer):
    offer = filed_offer()
    findings(offer, officer, statutory_aims=("failed", "Poza celami statutowymi."))
    mail.outbox.clear()

    rejected = services.offer_reject_formally(actor=officer, offer=offer, reason="Zadanie poza celami statutowymi.")

    assert rejected.status == Offer.Status.REJECTED and rejected.status_reason == "Zadanie poza celami statutowymi."
    assert rejected.checked_by == officer
    message = next(m for m in mail.outbox if m.to == [offer.filer.email])
    assert "Zadanie poza celami statutowymi." in message.body


def test_a_rejection_needs_its_reasons(officer):
    offer = filed_offer()
    findings(offer, officer, statutory_aims=("failed", "Poza celami."))
    before = state(offer)
    with pytest.raises(ValidationError) as caught:
        services.offer_reject_formally(actor=officer, offer=offer, reason=" ")
    assert caught.value.message_dict == {
        "reason": [in_polish("Give the reasons of the formal rejection; the organization reads them.")]
    }
    assert state(offer) == before


def test_a_filed_offer_is_rejected_only_for_a_point_not_met(officer):
    offer = filed_offer()
    findings(offer, officer, attachments=("defect", "Brak statutu."))
    before = state(offer)
    assert refusal(services.offer_reject_formally, actor=officer, offer=offer, reason="Brak statutu.") == [
        in_polish(
            "Record first which requirement the offer does not meet (a finding “Not met”); a defect that can be "
            "corrected is called for correction before an offer is rejected."
        )
    ]
    assert state(offer) == before


def test_rejecting_before_the_deadline_is_refused(officer):
    offer = filed_offer(closed=False)
    before = state(offer)
    messages = refusal(services.offer_reject_formally, actor=officer, offer=offer, reason="Po terminie.")
    assert messages == [
        in_polish(
            "The formal check begins after the deadline for offers, %(deadline)s; until then the oferent may still "
            "correct or withdraw the offer."
        )
        % {"deadline": when(offer.call.submission_deadline)}
    ]
    assert state(offer) == before


def test_an_offer_being_corrected_is_rejected_only_after_the_correction_deadline(officer):
    offer = filed_offer()
    request = called_to_correct(offer, officer)
    before = state(offer)
    assert refusal(services.offer_reject_formally, actor=officer, offer=offer, reason="Brak korekty.") == [
        in_polish(
            "The oferent may correct the offer until %(due)s; reject it only if the correction does not come by then."
        )
        % {"due": date_format(request.due_date, "j E Y")}
    ]
    assert state(offer) == before

    after = request.due_date + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=after):
        rejected = services.offer_reject_formally(actor=officer, offer=offer, reason="Korekta nie wpłynęła w terminie.")

    assert rejected.status == Offer.Status.REJECTED
    assert CorrectionRequest.objects.get(pk=request.pk).status == CorrectionRequest.Status.LAPSED


# The lapse of a correction (the daily job) -------------------------------------------------------------------------


def test_the_daily_job_marks_a_correction_not_filed_by_its_deadline_and_tells_the_officer(officer):
    late, on_time, answered = filed_offer(), filed_offer(), filed_offer()
    late_request = called_to_correct(late, officer)
    on_time_request = called_to_correct(on_time, officer)
    answered_request = called_to_correct(answered, officer)
    CorrectionRequest.objects.filter(pk=answered_request.pk).update(status=CorrectionRequest.Status.ANSWERED)
    today = timezone.localdate()
    CorrectionRequest.objects.filter(pk__in=[late_request.pk, answered_request.pk]).update(
        due_date=today - datetime.timedelta(days=1)
    )
    CorrectionRequest.objects.filter(pk=on_time_request.pk).update(due_date=today)  # due today: still open
    mail.outbox.clear()

    lapsed = services.corrections_lapse()

    assert [r.pk for r in lapsed] == [late_request.pk]
    statuses = dict(CorrectionRequest.objects.values_list("pk", "status"))
    assert statuses == {late_request.pk: "lapsed", on_time_request.pk: "open", answered_request.pk: "answered"}
    assert reopening(Offer.objects.get(pk=late.pk)) is None  # the editor closes
    assert reopening(Offer.objects.get(pk=on_time.pk)) is not None
    message = next(m for m in mail.outbox if m.to == [officer.email])
    assert late.number in message.subject
    assert LogEntry.objects.filter(action="grants.correction_request.lapsed").count() == 1
    assert services.corrections_lapse() == []  # run again: nothing more


def test_the_daily_job_is_registered():
    from razem.core import registry

    job = registry.daily_jobs.get("grants.lapse_corrections")
    assert "0" in job.run()
