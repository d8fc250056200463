"""The canonical content of a filed offer (grants.content): recomputable checksum, every field in it, and the diff."""

import hashlib
import json
from decimal import Decimal

import pytest

from razem.grants import content
from razem.grants.models import Activity, CostLine, ExpectedResult, Funding, Offer, OfferVersion
from razem.grants.services.filing import offer_file
from tests.grants.filing_factories import DECLARATIONS, add_partner, attach, complete_offer, multi_year_offer

pytestmark = pytest.mark.django_db


def filed(offer):
    return offer_file(actor=offer.filer, offer=offer, signatories=[offer.signatory], declarations=DECLARATIONS)


def test_the_checksum_recomputed_from_the_stored_version_equals_the_stored_checksum():
    offer = complete_offer()
    version = filed(offer)

    stored = OfferVersion.objects.get(pk=version.pk)  # read back from the database (jsonb on PostgreSQL)

    assert content.content_checksum(stored.content) == stored.checksum
    canonical = json.dumps(stored.content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == stored.checksum


def test_the_content_is_plain_json_with_decimal_strings_and_iso_dates():
    offer = multi_year_offer(years=2, lines=3)
    data = content.offer_content(offer, declarations=DECLARATIONS, signatories=[offer.signatory])

    assert json.loads(json.dumps(data)) == data
    assert data["task"]["start_date"] == offer.start_date.isoformat()
    line = data["costs"][0]
    assert line["unit_cost"] == "101.00" and line["quantity"] == "4.00" and line["value"] == "404.00"
    assert line["year_amounts"] == {str(y): "202.00" for y in offer.years}
    assert line["activity"] == f"{offer.years[0]}.1" and line["activity_name"].startswith("Warsztaty")
    assert sorted(data["activities"]) == [str(y) for y in offer.years]
    assert data["budget"]["years"] == offer.years and data["funding"][str(offer.years[0])]["grant"]
    assert data["call"] == {
        "number": offer.call.number,
        "title": offer.call.title,
        "organ": "Prezydent Miasta Krakowa",
        "task_kind": offer.call.task_kind,
        "areas": [],
    }
    assert data["attachments"][0]["name"] == "statut.pdf" and len(data["attachments"][0]["sha256"]) == 64


def test_the_same_offer_gives_the_same_checksum():
    offer = complete_offer()
    first = content.offer_content(offer, declarations=DECLARATIONS, signatories=[offer.signatory])
    second = content.offer_content(
        Offer.objects.get(pk=offer.pk), declarations=dict(DECLARATIONS), signatories=[offer.signatory]
    )

    assert content.content_checksum(first) == content.content_checksum(second)


CHANGES = {
    "title": lambda o: Offer.objects.filter(pk=o.pk).update(title="Inny tytuł"),
    "contact": lambda o: Offer.objects.filter(pk=o.pk).update(contact_phone="+48 111 222 333"),
    "description": lambda o: Offer.objects.filter(pk=o.pk).update(synthetic_description="Inny opis."),
    "dates": lambda o: Offer.objects.filter(pk=o.pk).update(start_date=o.start_date.replace(day=2)),
    "experience": lambda o: Offer.objects.filter(pk=o.pk).update(experience="Od 2010 r."),
    "payment": lambda o: Offer.objects.filter(pk=o.pk).update(payment=Offer.Payment.PAID),
    "other_info": lambda o: Offer.objects.filter(pk=o.pk).update(other_info="Wolontariusze."),
    "activity": lambda o: Activity.objects.filter(offer=o).update(target_group="Dzieci"),
    "activity added": lambda o: Activity.objects.create(offer=o, year=o.years[0], position=2, name="Piknik"),
    "result": lambda o: ExpectedResult.objects.filter(offer=o).update(target_value="70 osób"),
    "unit cost": lambda o: CostLine.objects.filter(offer=o).update(unit_cost=Decimal("150.01")),
    "unit": lambda o: CostLine.objects.filter(offer=o).update(unit="dzień"),
    "funding": lambda o: Funding.objects.filter(offer=o).update(grant=Decimal("7999.99")),
    "attachment": lambda o: attach(o, name="rekomendacja.pdf", data=b"inna"),
    "partner": lambda o: add_partner(o),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_changing_any_field_changes_the_checksum(change):
    offer = complete_offer()
    signatory = offer.signatory
    before = content.content_checksum(content.offer_content(offer, declarations=DECLARATIONS, signatories=[signatory]))

    CHANGES[change](offer)

    offer = Offer.objects.get(pk=offer.pk)
    after = content.offer_content(offer, declarations=DECLARATIONS, signatories=[signatory])
    assert content.content_checksum(after) != before


@pytest.mark.parametrize(
    "declarations",
    [
        {**DECLARATIONS, "taxes": "zalega"},
        {**DECLARATIONS, "social_insurance": "zalega"},
        {**DECLARATIONS, "register": "inna ewidencja"},
        {**DECLARATIONS, "confirmed": ""},
    ],
)
def test_the_declarations_and_the_signatories_are_part_of_the_content(declarations):
    offer = complete_offer()
    base = content.content_checksum(
        content.offer_content(offer, declarations=DECLARATIONS, signatories=[offer.signatory])
    )

    changed = content.offer_content(offer, declarations=declarations, signatories=[offer.signatory])
    unsigned = content.offer_content(offer, declarations=DECLARATIONS, signatories=[])

    assert content.content_checksum(changed) != base
    assert content.content_checksum(unsigned) != base


def test_the_diff_names_each_changed_field_with_its_old_and_new_value(english):
    offer = complete_offer()
    old = content.offer_content(offer, declarations=DECLARATIONS, signatories=[offer.signatory])
    Offer.objects.filter(pk=offer.pk).update(title="Seniorzy online", contact_name="")
    CostLine.objects.filter(offer=offer).update(
        unit_cost=Decimal("140.00"), year_amounts={str(offer.years[0]): "8400.00"}
    )
    Funding.objects.filter(offer=offer).update(grant=Decimal("7400.00"))
    ExpectedResult.objects.create(offer=offer, position=2, name="Poradnik", target_value="1", monitoring="Plik")
    new = content.offer_content(Offer.objects.get(pk=offer.pk), declarations={**DECLARATIONS, "taxes": "zalega"},
                                signatories=[offer.signatory])  # fmt: skip

    changes = {c.label: (c.old, c.new) for c in content.diff(old, new)}

    assert changes["II.2 Contact person: name"] == ("Jan Kontakt", "")
    assert changes["III.1 Title of the public task"] == ("Seniorzy w sieci", "Seniorzy online")
    assert changes["III.6 Results, row 2: added"] == ("", "Poradnik · 1 · Plik")
    assert changes["V.A Cost line, row 1: unit cost"] == ("150,00\xa0zł", "140,00\xa0zł")
    assert changes["V.A Cost line, row 1: value"] == ("9\xa0000,00\xa0zł", "8\xa0400,00\xa0zł")
    assert changes[f"V.A Cost line, row 1: {offer.years[0]}"] == ("9\xa0000,00\xa0zł", "8\xa0400,00\xa0zł")
    assert changes[f"V.B Funding in {offer.years[0]}: requested grant"] == ("8\xa0000,00\xa0zł", "7\xa0400,00\xa0zł")
    assert changes["V. Total cost of the task"] == ("9\xa0000,00\xa0zł", "8\xa0400,00\xa0zł")
    assert changes["V. Requested grant"] == ("8\xa0000,00\xa0zł", "7\xa0400,00\xa0zł")
    assert changes["VII. Statements: taxes (3)"] == ("nie zalega", "zalega")
    labels = [c.label for c in content.diff(old, new)]
    assert labels.index("II.2 Contact person: name") < labels.index("III.1 Title of the public task")  # form order


def test_the_diff_of_a_version_with_itself_is_empty_and_removed_rows_are_shown(english):
    offer = complete_offer()
    old = content.offer_content(offer, declarations=DECLARATIONS, signatories=[offer.signatory])
    assert content.diff(old, old) == []

    ExpectedResult.objects.filter(offer=offer).delete()
    new = content.offer_content(offer, declarations=DECLARATIONS, signatories=[])

    changes = content.diff(old, new)
    assert ("III.6 Results, row 1: removed", "Uczestnicy warsztatów · 60 osób · Listy obecności", "") in changes
    assert any(c.label == "VII. Signatories" and c.new == "" for c in changes)
