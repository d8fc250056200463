from razem.core.bulk import bulk_update_fields
from razem.core.models import District, Venue
from razem.core.reference import load_districts


def test_bulk_update_writes_the_given_fields_of_every_object_and_nothing_else(db):
    load_districts()
    podgorze = District.objects.get(number=13)
    venues = [
        Venue.objects.create(name=f"Sala {n}", address=f"ul. Długa {n}", description="bez zmian") for n in range(3)
    ]
    for n, venue in enumerate(venues):
        venue.name = f"Sala „Zażółć” {n}"
        venue.district_id = podgorze.pk
        venue.description = "to nie powinno się zapisać"

    assert bulk_update_fields(venues, ["name", "district_id"], batch_size=2) == 3

    stored = list(Venue.objects.order_by("address").values_list("name", "district__number", "description"))
    assert stored == [(f"Sala „Zażółć” {n}", 13, "bez zmian") for n in range(3)]


def test_bulk_update_of_nothing_does_nothing(db):
    assert bulk_update_fields([], ["name"]) == 0
