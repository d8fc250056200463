"""The contract and the annex as PDFs (contracts.pdf): they render, carry the number, the parties, the amounts per
year, the annexed offer's version and checksum; a signed contract's PDF stays the document that was signed."""

import pytest
from django.utils import timezone

from razem.contracts import pdf, services
from razem.contracts.models import Contract
from tests.contracts.factories import YEAR, awarded, call, prepared, signed
from tests.grants.test_pdf import pdf_text

pytestmark = pytest.mark.django_db


def _text(snapshot) -> str:
    with snapshot.file.open("rb") as handle:
        return pdf_text(handle.read())


def test_the_contract_pdf_has_the_number_the_parties_and_the_amounts_per_year(officer, media_root):
    from decimal import Decimal as D

    years = [YEAR, YEAR + 1]
    offer = awarded(
        call_=call(years=years), grants={YEAR: D("30000.00"), YEAR + 1: D("20000.00")},
        own={YEAR: D("4000.00"), YEAR + 1: D("3000.00")}, partner=True, name="Fundacja Wiosna",
    )  # fmt: skip
    contract = signed(offer, officer, number=f"DOT/{YEAR}/042")
    text = _text(pdf.contract_pdf(contract=contract))
    compact = " ".join(text.split())
    for expected in (
        f"UMOWA NR DOT/{YEAR}/042",
        "O WSPARCIE REALIZACJI ZADANIA PUBLICZNEGO",
        "Gmina Miejska Kraków",
        "Jan Urzędnik",
        "Fundacja Wiosna",
        "Fundacja Partnerska",
        "Anna Prezes",
        "Piotr Partner",
        "50 000,00 zł",
        "30 000,00 zł",
        "20 000,00 zł",
        "61 1090 1014 0000 0712 1981 2874",
        "10,00 %",
        "§ 17",
        offer.number,
    ):
        assert expected.replace("\u00a0", " ") in compact.replace("\u00a0", " "), expected
    assert f"za rok {YEAR}" in compact  # the report of the first year of a multi-year task
    assert offer.current_version.checksum[:20] in compact.replace(" ", "")


def test_a_signed_contracts_pdf_stays_the_signed_document(officer, media_root):
    contract = signed(awarded(), officer)
    first = pdf.contract_pdf(contract=contract)
    Contract.objects.filter(pk=contract.pk).update(organ="Ktoś inny", title="Inny tytuł")
    contract.refresh_from_db()
    again = pdf.contract_pdf(contract=contract)
    assert again.pk == first.pk and "Inny tytuł" not in _text(again)


def test_a_draft_pdf_says_it_is_for_signing_and_leaves_the_day_blank(officer, media_root):
    contract = prepared(awarded(), officer)
    compact = " ".join(_text(pdf.contract_pdf(contract=contract)).split())
    assert "Projekt umowy przygotowany w Razem do podpisu" in compact and "zawarta w dniu …" in compact


def test_the_annex_pdf_states_the_reason_and_the_new_dates(officer, media_root):
    import datetime

    contract = signed(awarded(), officer)
    annex = services.annex_prepare(
        actor=officer, contract=contract, reason="Wcześniejsze zakończenie zajęć.",
        start_date=contract.start_date, end_date=contract.end_date - datetime.timedelta(days=30),
    )  # fmt: skip
    services.annex_sign(actor=officer, annex=annex, signed_on=timezone.localdate())
    annex.refresh_from_db()
    compact = " ".join(_text(pdf.annex_pdf(annex=annex)).split())
    assert f"ANEKS NR 1 do umowy nr {contract.number}" in compact
    assert "Wcześniejsze zakończenie zajęć." in compact
    assert (contract.end_date - datetime.timedelta(days=30)).strftime("%d.%m.%Y") in compact
