"""Reference data: Kraków's districts and the public-benefit areas of art. 4, loaded idempotently."""

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from razem.core.models import District, PublicBenefitArea
from razem.core.reference import load_districts, load_public_benefit_areas


def test_loading_the_districts_twice_gives_the_eighteen_districts_of_krakow_once(db):
    assert load_districts() == 18
    assert load_districts() == 18

    assert District.objects.count() == 18
    first, last = District.objects.first(), District.objects.last()
    assert (first.number, first.numeral) == (1, "I")
    assert last.number == 18
    assert str(first) == f"I {first.name}"


def test_loading_the_public_benefit_areas_twice_does_not_duplicate_them(db):
    first = load_public_benefit_areas()
    count = PublicBenefitArea.objects.count()
    second = load_public_benefit_areas()

    assert first == second == count == 39
    assert PublicBenefitArea.objects.count() == count
    assert list(PublicBenefitArea.objects.values_list("code", flat=True)[:4]) == ["1", "1a", "1b", "1c"]


def test_reloading_corrects_an_edited_area_instead_of_adding_one(db):
    load_public_benefit_areas()
    PublicBenefitArea.objects.filter(code="1").update(name="edited by mistake")

    load_public_benefit_areas()

    assert PublicBenefitArea.objects.filter(code="1").count() == 1
    assert PublicBenefitArea.objects.get(code="1").name != "edited by mistake"


def test_the_load_reference_command_reports_what_it_loaded(db):
    out = io.StringIO()

    call_command("load_reference", stdout=out)
    call_command("load_reference", stdout=out)

    assert out.getvalue().count("Public-benefit areas: 39") == 2
    assert out.getvalue().count("Districts: 18") == 2
    assert District.objects.count() == 18


def _area(code: str, valid_from: str, valid_to: str | None) -> PublicBenefitArea:
    return PublicBenefitArea.objects.create(
        code=code,
        position=1,
        name=f"Area {code}",
        legal_ref="art. 4 ust. 1",
        valid_from=datetime.date.fromisoformat(valid_from),
        valid_to=datetime.date.fromisoformat(valid_to) if valid_to else None,
    )


def test_valid_on_returns_the_areas_in_force_on_that_day(db):
    old = _area("7", "2010-01-01", "2019-12-31")
    new = _area("7", "2020-01-01", None)
    withdrawn = _area("8", "2010-01-01", "2015-06-30")

    def valid(day: str) -> set[PublicBenefitArea]:
        return set(PublicBenefitArea.objects.valid_on(datetime.date.fromisoformat(day)))

    assert valid("2009-12-31") == set()
    assert valid("2010-01-01") == {old, withdrawn}
    assert valid("2015-06-30") == {old, withdrawn}
    assert valid("2015-07-01") == {old}
    assert valid("2019-12-31") == {old}
    assert valid("2020-01-01") == {new}
    assert valid("2099-01-01") == {new}


def test_the_loaded_areas_are_in_force_from_the_date_of_the_current_act(db):
    load_public_benefit_areas()

    assert PublicBenefitArea.objects.valid_on(datetime.date(2024, 10, 7)).count() == 0
    assert PublicBenefitArea.objects.valid_on(datetime.date(2024, 10, 8)).count() == 39


def test_a_new_version_of_the_list_is_loaded_alongside_the_old_one(db, tmp_path):
    data = {
        "source": "test",
        "versions": [
            {
                "valid_from": "2020-01-01",
                "valid_to": "2024-10-07",
                "areas": [{"code": "1", "name": "Old wording", "legal_ref": "art. 4 ust. 1 pkt 1"}],
            },
            {
                "valid_from": "2024-10-08",
                "valid_to": None,
                "areas": [
                    {"code": "1", "name": "New wording", "legal_ref": "art. 4 ust. 1 pkt 1"},
                    {"code": "1a", "name": "Added item", "legal_ref": "art. 4 ust. 1 pkt 1a"},
                ],
            },
        ],
    }
    path = tmp_path / "areas.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    load_public_benefit_areas(path=path)
    load_public_benefit_areas(path=path)

    assert PublicBenefitArea.objects.count() == 3
    in_2023 = PublicBenefitArea.objects.valid_on(datetime.date(2023, 5, 1))
    in_2025 = PublicBenefitArea.objects.valid_on(datetime.date(2025, 5, 1))
    assert [a.name for a in in_2023] == ["Old wording"]
    assert [a.name for a in in_2025] == ["New wording", "Added item"]


def test_an_area_cannot_end_before_it_starts(db):
    area = PublicBenefitArea(
        code="9",
        position=1,
        name="x",
        legal_ref="x",
        valid_from=datetime.date(2020, 1, 2),
        valid_to=datetime.date(2020, 1, 1),
    )

    with pytest.raises(ValidationError):
        area.full_clean()
