"""The audit log page in the office panel: filters, pagination and a fixed number of queries."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from razem.core import audit
from razem.core.models import LogEntry, Notification
from tests.core.helpers import assert_translated_to_polish, in_polish, text_of

URL = "/panel/dziennik-zdarzen/"
WARSAW = ZoneInfo("Europe/Warsaw")

# Session, user, the staff second-factor check, unread notifications in the header, the entry count
# and one page of entries with their actors: the same for 5 entries or 500.
MAX_QUERIES = 6


def shown_actions(response) -> list[str]:
    return re.findall(r"<code>([\w.]+)</code>", response.content.decode())


def at(day: str, time: str = "12:00") -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=WARSAW)


def entry_at(when: datetime.datetime, action: str, actor=None, obj=None) -> LogEntry:
    entry = audit.record(actor=actor, action=action, obj=obj)
    LogEntry.objects.filter(pk=entry.pk).update(created_at=when)
    return entry


@pytest.fixture
def mixed_log(resident, officer):
    notification = Notification.objects.create(recipient=resident, kind="test", title="Hello")
    entry_at(at("2026-03-01"), "accounts.user.profile_changed", actor=resident, obj=resident)
    entry_at(at("2026-03-02"), "core.notification.read", actor=resident, obj=notification)
    entry_at(at("2026-03-03"), "accounts.user.role_changed", actor=officer, obj=resident)
    entry_at(at("2026-03-04"), "core.reference.districts_loaded")


def test_the_log_lists_every_entry_newest_first_with_who_and_what(officer_client, mixed_log):
    response = officer_client.get(URL)

    assert response.status_code == 200
    assert shown_actions(response) == [
        "core.reference.districts_loaded",
        "accounts.user.role_changed",
        "core.notification.read",
        "accounts.user.profile_changed",
    ]
    page = text_of(response)
    assert "Urszula Nowak <urszula.nowak@krakow.example>" in page
    assert "accounts.user #" in page


def test_the_log_can_be_filtered_by_person_name_or_email(officer_client, mixed_log):
    by_name = officer_client.get(URL, {"person": "kowalska"})
    by_email = officer_client.get(URL, {"person": "URSZULA.NOWAK@krakow.example"})

    assert shown_actions(by_name) == ["core.notification.read", "accounts.user.profile_changed"]
    assert shown_actions(by_email) == ["accounts.user.role_changed"]


def test_the_log_can_be_filtered_by_object_type(officer_client, mixed_log):
    response = officer_client.get(URL, {"object_type": "core.notification"})

    assert shown_actions(response) == ["core.notification.read"]


def test_the_log_can_be_filtered_by_the_beginning_of_the_action_code(officer_client, mixed_log):
    response = officer_client.get(URL, {"action": "accounts.user"})

    assert shown_actions(response) == ["accounts.user.role_changed", "accounts.user.profile_changed"]


def test_the_date_range_includes_whole_days_in_warsaw_time(officer_client, db):
    entry_at(at("2026-03-01", "23:59"), "core.test.before")
    entry_at(at("2026-03-02", "00:01"), "core.test.first_day")
    entry_at(at("2026-03-03", "23:59"), "core.test.last_day")
    entry_at(at("2026-03-04", "00:01"), "core.test.after")

    response = officer_client.get(URL, {"date_from": "2026-03-02", "date_to": "2026-03-03"})

    assert shown_actions(response) == ["core.test.last_day", "core.test.first_day"]


def test_a_range_ending_before_it_starts_shows_an_error_and_keeps_what_was_typed(officer_client, mixed_log):
    response = officer_client.get(
        URL, {"date_from": "2026-03-10", "date_to": "2026-03-01", "person": "kowalska", "action": "accounts"}
    )

    assert response.status_code == 200
    page = text_of(response)
    assert in_polish("The end date is before the start date.") in page
    assert in_polish("Correct the filter to see the entries.") in page
    assert 'value="2026-03-10"' in page
    assert 'value="2026-03-01"' in page
    assert 'value="kowalska"' in page
    assert 'value="accounts"' in page
    assert shown_actions(response) == []
    assert_translated_to_polish("The end date is before the start date.")


def test_a_date_that_is_not_a_date_shows_django_s_polish_error(officer_client, mixed_log):
    response = officer_client.get(URL, {"date_from": "31.02.2026"})

    page = text_of(response)
    assert "Wpisz poprawną datę." in page
    assert 'value="31.02.2026"' in page


def test_the_log_is_paginated_by_fifty_and_the_pages_keep_the_filter(officer_client, db):
    for number in range(60):
        audit.record(actor=None, action=f"core.test.e{number:03}")
    audit.record(actor=None, action="other.entry")

    first = officer_client.get(URL, {"action": "core.test"})
    second = officer_client.get(URL, {"action": "core.test", "strona": "2"})

    assert len(shown_actions(first)) == 50
    assert shown_actions(first)[0] == "core.test.e059"
    assert shown_actions(second) == [f"core.test.e{n:03}" for n in range(9, -1, -1)]
    assert "?action=core.test&amp;strona=2" in first.content.decode()
    with translation.override("pl"):
        total = translation.ngettext("%(counter)s entry", "%(counter)s entries", 60) % {"counter": 60}
    assert f">{total}</p>" in text_of(first)
    assert in_polish("Page %(n)s of %(total)s") % {"n": 2, "total": 2} in text_of(second)


def _log_with(count: int, people) -> None:
    LogEntry.objects.all().delete()
    for number in range(count):
        actor = people[number % len(people)]
        audit.record(actor=actor, action=f"core.test.e{number:03}", obj=actor)


def test_the_log_page_costs_the_same_number_of_queries_for_5_and_60_entries(
    officer_client, officer, resident, other_resident, administrator, django_assert_max_num_queries
):
    people = [officer, resident, other_resident, administrator]

    _log_with(5, people)
    with django_assert_max_num_queries(MAX_QUERIES) as few:
        small = officer_client.get(URL)
    _log_with(60, people)
    with django_assert_max_num_queries(MAX_QUERIES) as many:
        large = officer_client.get(URL)

    assert len(shown_actions(small)) == 5
    assert len(shown_actions(large)) == 50
    assert len(few) == len(many)


def test_an_entry_written_by_the_system_is_labelled_in_the_readers_language(client, officer):
    from razem.core import audit

    audit.record(actor=None, action="core.demo.loaded")
    client.force_login(officer)

    assert "System (automatycznie)" in client.get("/panel/dziennik-zdarzen/").text


def test_the_filtered_log_exports_through_the_formula_safe_writer_and_the_export_is_logged(officer_client, officer):
    import csv
    import io

    LogEntry.objects.create(action="core.test.formula", actor_label='=HYPERLINK("http://example.org")')
    audit.record(actor=None, action="core.test.plain", data={"count": 2})
    audit.record(actor=None, action="other.entry")

    response = officer_client.get(URL, {"action": "core.test", "eksport": "csv"})

    assert response.status_code == 200
    assert 'filename="dziennik-zdarzen-' in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert len(rows[0]) == 8
    assert [row[2] for row in rows[1:]] == ["core.test.plain", "core.test.formula"]
    assert rows[1][6] == '{"count": 2}'
    assert rows[2][1] == '\'=HYPERLINK("http://example.org")'
    exported = LogEntry.objects.get(action="core.logentry.exported")
    assert exported.actor == officer and exported.data == {"format": "csv", "query": {"action": "core.test"}}
