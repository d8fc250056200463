"""Preparing, editing, signing and terminating a contract (contracts.services.contracts): what it takes from the
offer and the decision, the arithmetic of the grant per year, and every refusal with its message and nothing
changed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from razem.contracts import content, plan, services
from razem.contracts.bank import clean_account, formatted
from razem.contracts.models import Contract
from razem.contracts.services.contracts import next_number
from razem.core.models import LogEntry, Notification
from razem.grants.models import Award, AwardYear, CostLine, Funding, Offer
from tests.contracts.factories import (
    ACCOUNT,
    BAD_ACCOUNT,
    COMPLETE,
    awarded,
    call,
    pdf_upload,
    prepared,
    signed,
    small_grant,
)
from tests.core.helpers import in_polish

pytestmark = pytest.mark.django_db

D = Decimal
TODAY = timezone.localdate


def _messages(error: ValidationError, field: str) -> list[str]:
    return error.message_dict.get(field, [])


# Preparing --------------------------------------------------------------------------------------------------------


def test_a_contract_takes_the_offer_the_decision_and_the_grant_per_year(officer):
    years = [TODAY().year, TODAY().year + 1]
    offer = awarded(
        call_=call(years=years), grants={years[0]: D("30000.00"), years[1]: D("20000.00")},
        own={years[0]: D("4000.00"), years[1]: D("3000.00")}, award={years[0]: D("30000.00"), years[1]: D("20000.00")},
    )  # fmt: skip
    contract = services.contract_prepare(actor=officer, offer=offer, terms=COMPLETE)
    assert contract.status == Contract.Status.DRAFT and contract.form == "wspieranie"
    assert contract.title == offer.title and contract.version == offer.current_version
    assert (contract.start_date, contract.end_date) == (offer.start_date, offer.end_date)
    assert contract.years == years
    assert [(t.year, t.amount, t.due_date) for t in contract.tranches.all()] == [
        (years[0], D("30000.00"), None),
        (years[1], D("20000.00"), None),
    ]
    assert contract.tolerance == offer.call.report_tolerance and contract.organ == offer.call.organ
    assert contract.oferent_signatories == [
        {"name": "Anna Prezes", "function": "Prezeska Zarządu", "organization": offer.organization.name}
    ]
    budget = plan.planned(contract)
    assert budget.years == tuple(years)
    assert budget.grant == D("50000.00") and budget.sources.own == D("7000.00") and budget.total_cost == D("57000.00")
    assert [budget.sources_in(y).grant for y in years] == [D("30000.00"), D("20000.00")]
    told = Notification.objects.filter(kind="contracts/prepared").values_list("recipient", flat=True)
    assert list(told) == [offer.filer.pk]
    assert LogEntry.objects.filter(action="contracts.contract.prepared", object_id=str(contract.pk)).exists()


def test_after_a_partial_award_the_contract_annexes_the_updated_version_and_its_dates(officer):
    offer = awarded(award={TODAY().year: D("6000.00")}, update=Award.Update.AWAITED)
    # The oferent files the update (grants' results service does it): a new version with the award as the grant.
    Offer.objects.filter(pk=offer.pk).update(end_date=datetime.date(TODAY().year, 10, 31), title="Seniorzy w sieci 2")
    CostLine.objects.filter(offer=offer).update(unit_cost=D("675.00"), year_amounts={str(TODAY().year): "6750.00"})
    Funding.objects.filter(offer=offer).update(grant=D("6000.00"), own_personal=D("750.00"))
    from razem.grants import content as grants_content
    from razem.grants.models import OfferVersion

    offer.refresh_from_db()
    filed = grants_content.offer_content(offer, declarations={}, signatories=[])
    version = OfferVersion.objects.create(
        offer=offer, number=2, content=filed, checksum=grants_content.content_checksum(filed),
        total_cost=D("6750.00"), grant_requested=D("6000.00"),
    )  # fmt: skip
    Award.objects.filter(offer=offer).update(update=Award.Update.FILED, updated_version=version)
    Offer.objects.filter(pk=offer.pk).update(current_version=version)
    offer.refresh_from_db()
    contract = services.contract_prepare(actor=officer, offer=offer, terms=COMPLETE)
    assert contract.version == version and contract.title == "Seniorzy w sieci 2"
    assert contract.end_date == datetime.date(TODAY().year, 10, 31)
    assert plan.planned(contract).grant == D("6000.00")
    assert [t.amount for t in contract.tranches.all()] == [D("6000.00")]
    assert content.contract_content(contract)["offer"]["version"] == 2


def test_a_small_grant_without_a_call_gets_a_contract_with_the_default_tolerance(officer):
    offer = small_grant()
    contract = services.contract_prepare(actor=officer, offer=offer, terms=COMPLETE)
    assert contract.tolerance == D("10.00") and contract.organ == "Prezydent Miasta Krakowa"
    said = content.contract_content(contract)
    assert said["small_grant"] and said["call"] is None and said["grant"]["total"] == "9000.00"


def test_the_next_number_is_suggested_per_year_and_a_duplicate_is_refused(officer):
    year = TODAY().year
    assert next_number() == f"DOT/{year}/001"
    first = prepared(awarded(), officer, number=f"DOT/{year}/017")
    assert next_number() == f"DOT/{year}/018"
    offer = awarded()
    with pytest.raises(ValidationError) as error:
        services.contract_prepare(actor=officer, offer=offer, terms={**COMPLETE, "number": f"DOT/{year}/017"})
    message = _messages(error.value, "number")[0]
    duplicate = (
        "The number %(number)s is already given to another contract (%(organization)s, “%(title)s”). "
        "Choose another; the next free one is %(next)s."
    )
    assert message.startswith(in_polish(duplicate).split("%")[0])
    assert first.offer.organization.name in message and f"DOT/{year}/018" in message
    assert not Contract.objects.filter(offer=offer).exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12 3456", "A Polish bank account number (NRB) has 26 digits; this one has %(count)s."),
        (BAD_ACCOUNT, "This bank account number is not valid: its check digits do not match. Check for a typo."),
        ("DE89370400440532013000", "Give a Polish bank account: 26 digits (NRB), or the same with PL in front (IBAN)."),
        ("61 1090 1014 ABCD", "A bank account number has digits only (spaces are allowed)."),
    ],
)
def test_a_bad_bank_account_is_refused_on_its_field_and_nothing_is_made(typed, message, officer):
    offer = awarded()
    with pytest.raises(ValidationError) as error:
        services.contract_prepare(actor=officer, offer=offer, terms={**COMPLETE, "bank_account": typed})
    assert _messages(error.value, "bank_account")[0].startswith(in_polish(message).split("%")[0])
    assert not Contract.objects.exists() and not Notification.objects.filter(kind__startswith="contracts").exists()


def test_a_polish_account_is_kept_as_26_digits_whether_typed_as_nrb_or_iban():
    assert clean_account("PL61 1090 1014 0000 0712 1981 2874") == ACCOUNT
    assert clean_account("61-1090-1014-0000-0712-1981-2874") == ACCOUNT
    assert formatted(ACCOUNT) == "61 1090 1014 0000 0712 1981 2874"
    assert clean_account("") == ""


def test_a_tranche_is_paid_within_its_own_year(officer):
    offer = awarded()
    year = offer.years[0]
    with pytest.raises(ValidationError) as error:
        services.contract_prepare(
            actor=officer, offer=offer, terms={**COMPLETE, "due_dates": {year: datetime.date(year + 1, 1, 15)}}
        )
    assert _messages(error.value, f"due_{year}") == [
        in_polish("The tranche of %(year)s is paid from that year's budget: give a day in %(year)s.") % {"year": year}
    ]


def test_every_oferent_needs_someone_to_sign(officer):
    offer = awarded(partner=True)
    with pytest.raises(ValidationError) as error:
        services.contract_prepare(
            actor=officer, offer=offer, terms={**COMPLETE, "signatories": [[{"name": "Anna Prezes"}], []]}
        )
    assert _messages(error.value, "signatories_2") == [
        in_polish("Name at least one person who signs for %(org)s.") % {"org": "Fundacja Partnerska"}
    ]


def test_editing_a_draft_changes_the_terms_and_the_audit_says_what(officer):
    contract = prepared(awarded(), officer, number="", bank_account="")
    services.contract_update(
        actor=officer, contract=contract, terms={"number": "DOT/2026/100", "bank_account": "PL" + ACCOUNT}
    )
    contract.refresh_from_db()
    assert contract.number == "DOT/2026/100" and contract.bank_account == ACCOUNT
    entry = LogEntry.objects.get(action="contracts.contract.updated")
    assert set(entry.data["changed"]) == {"number", "bank_account"}


def test_a_duplicate_number_on_edit_is_refused_and_nothing_changes(officer):
    prepared(awarded(), officer, number="DOT/2026/005")
    contract = prepared(awarded(), officer, number="DOT/2026/006")
    with pytest.raises(ValidationError) as error:
        services.contract_update(actor=officer, contract=contract, terms={"number": "DOT/2026/005", "organ": "Inny"})
    assert _messages(error.value, "number")
    contract.refresh_from_db()
    assert contract.number == "DOT/2026/006" and contract.organ == "Prezydent Miasta Krakowa"


# Signing ---------------------------------------------------------------------------------------------------------


def test_signing_freezes_the_content_and_tells_the_oferents(officer):
    offer = awarded(partner=True)
    contract = prepared(offer, officer)
    signed_contract = services.contract_sign(actor=officer, contract=contract, signed_on=TODAY(), scan=pdf_upload())
    assert signed_contract.status == Contract.Status.SIGNED and signed_contract.signed_on == TODAY()
    assert signed_contract.content["signed_on"] == TODAY().isoformat()
    assert signed_contract.content_sha256 == content.checksum(signed_contract.content)
    assert signed_contract.signed_scan_name == "umowa.pdf" and len(signed_contract.signed_scan_sha256) == 64
    told = set(Notification.objects.filter(kind="contracts/signed").values_list("recipient", flat=True))
    assert told == {offer.filer.pk, offer.partner_person.pk}


def test_signing_an_incomplete_contract_is_refused_with_what_is_missing(officer):
    contract = prepared(awarded(), officer, number="", bank_account="", due_dates={})
    with pytest.raises(ValidationError) as error:
        services.contract_sign(actor=officer, contract=contract, signed_on=TODAY())
    text = " ".join(error.value.messages)
    for missing in ("its number", "the bank account for the grant", "the payment day of the tranche of %(years)s"):
        assert in_polish(missing).split("%")[0] in text
    contract.refresh_from_db()
    assert contract.status == Contract.Status.DRAFT and not contract.content


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (lambda: TODAY() + datetime.timedelta(days=1), "The day of signing cannot be in the future."),
        (
            lambda: TODAY() - datetime.timedelta(days=30),
            "The contract cannot be signed before the decision of %(date)s.",
        ),
        (lambda: None, "Give the day the contract was signed."),
    ],
)
def test_an_impossible_day_of_signing_is_refused(day, message, officer):
    contract = prepared(awarded(), officer)
    with pytest.raises(ValidationError) as error:
        services.contract_sign(actor=officer, contract=contract, signed_on=day())
    assert _messages(error.value, "signed_on")[0].startswith(in_polish(message).split("%")[0])
    contract.refresh_from_db()
    assert contract.status == Contract.Status.DRAFT


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("umowa.docx", b"PK\x03\x04 word", "The scan must be a PDF, JPEG or PNG file; this one is %(ext)s."),
        (
            "umowa.pdf",
            b"GIF89a not a pdf",
            "The file's content does not match its extension %(ext)s; it may be damaged or renamed.",
        ),
    ],
)
def test_a_scan_of_a_wrong_type_is_refused_and_nothing_is_kept(name, data, message, officer, media_root):
    contract = signed(awarded(), officer)
    upload = SimpleUploadedFile(name, data)
    with pytest.raises(ValidationError) as error:
        services.contract_attach_scan(actor=officer, contract=contract, upload=upload)
    assert _messages(error.value, "scan")[0].startswith(in_polish(message).split("%")[0])
    contract.refresh_from_db()
    assert not contract.signed_scan and not contract.signed_scan_sha256


def test_a_scan_is_kept_with_its_checksum_and_a_later_one_replaces_it(officer, media_root):
    import hashlib

    contract = signed(awarded(), officer)
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")  # a real PNG: scans are decoded when uploaded
    png = buffer.getvalue()
    kept = services.contract_attach_scan(actor=officer, contract=contract, upload=SimpleUploadedFile("skan.png", png))
    assert kept.signed_scan_sha256 == hashlib.sha256(png).hexdigest() and kept.signed_scan_size == len(png)
    again = services.contract_attach_scan(actor=officer, contract=kept, upload=pdf_upload("skan-2.pdf"))
    assert again.signed_scan_name == "skan-2.pdf"
    entries = LogEntry.objects.filter(action="contracts.contract.scan_attached").order_by("id")
    assert entries.last().data["replaced"]["sha256"] == hashlib.sha256(png).hexdigest()


def test_a_scan_before_signing_is_refused(officer):
    contract = prepared(awarded(), officer)
    with pytest.raises(ValidationError) as error:
        services.contract_attach_scan(actor=officer, contract=contract, upload=pdf_upload())
    assert _messages(error.value, "scan") == [in_polish("Record the signing of the contract first.")]


def test_terminating_needs_a_reason_and_tells_the_oferent(officer):
    contract = signed(awarded(), officer)
    with pytest.raises(ValidationError) as error:
        services.contract_terminate(actor=officer, contract=contract, reason=" ")
    assert _messages(error.value, "reason") == [in_polish("Say why the contract is terminated; the oferent reads it.")]
    contract.refresh_from_db()
    assert contract.status == Contract.Status.SIGNED
    done = services.contract_terminate(actor=officer, contract=contract, reason="Porozumienie stron (§ 11).")
    assert done.status == Contract.Status.TERMINATED and done.status_reason == "Porozumienie stron (§ 11)."
    assert Notification.objects.filter(kind="contracts/terminated").count() == 1


def test_the_grant_per_year_falls_back_to_the_versions_funding_without_rows_per_year(officer):
    offer = awarded()
    AwardYear.objects.filter(award__offer=offer).delete()
    contract = prepared(offer, officer)
    assert [(t.year, t.amount) for t in contract.tranches.all()] == [(offer.years[0], D("8000.00"))]


def test_the_final_report_is_due_the_statutory_days_after_the_end(officer):
    from razem.core.deadlines import days_of

    contract = prepared(awarded(), officer)
    said = content.contract_content(contract)["reports"]
    assert said["final_days"] == days_of("grant_report_days")
    assert said["final_due"] == (contract.end_date + datetime.timedelta(days=said["final_days"])).isoformat()
    assert said["yearly"] == []
