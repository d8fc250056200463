"""The office's list of bodies on the staff list kit (filter, sort, export) and a body's sittings read through the
reverse relation ``body.meetings``."""

import csv
import io

import pytest

from razem.bodies import selectors
from razem.bodies.models import Body
from razem.core.models import LogEntry

BASE = "/panel/ciala-dialogu/"


@pytest.fixture
def bodies(krdpp, forum, commission, seat, member, chair):
    Body.objects.filter(pk=commission.pk).update(is_active=False)
    return {"krdpp": krdpp, "forum": forum, "commission": commission}


def names_on(response) -> list[str]:
    return [body.name for body in response.context["page"].object_list]


def test_the_list_filters_by_kind_and_activity(officer_client, bodies):
    councils = officer_client.get(BASE, {"rodzaj": "council"})
    inactive = officer_client.get(BASE, {"stan": "nie"})

    assert names_on(councils) == [bodies["krdpp"].name]
    assert names_on(inactive) == [bodies["commission"].name]


def test_the_list_sorts_by_the_number_of_members(officer_client, bodies):
    most_first = officer_client.get(BASE, {"sortuj": "-members"})

    assert names_on(most_first)[0] == bodies["krdpp"].name
    assert 'aria-sort="descending"' in most_first.content.decode()


def test_the_list_is_exported_as_csv_with_the_filter_and_the_export_is_audited(officer_client, bodies):
    response = officer_client.get(BASE, {"rodzaj": "council", "eksport": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2 and rows[1][0] == bodies["krdpp"].name and rows[1][4] == "2"
    assert LogEntry.objects.filter(action="bodies.body.exported").exists()


def test_a_resident_cannot_export_the_list(resident_client, bodies):
    assert resident_client.get(BASE, {"eksport": "csv"}).status_code == 403


def test_the_sittings_of_a_body_are_its_announced_meetings_the_person_may_see(krdpp, make_meeting, officer, anonymous):
    shown = make_meeting(title="Posiedzenie jawne", kind="sitting", organizer_kind="body", body=krdpp)
    make_meeting(title="Szkic posiedzenia", kind="sitting", organizer_kind="body", body=krdpp, status="draft")

    assert selectors.sittings_of(body=krdpp, user=officer) == [shown]
    assert selectors.sittings_of(body=krdpp, user=anonymous) == [shown]
