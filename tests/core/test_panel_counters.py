"""Every counter of the office panel counts what its label says (issue 14, item 5), on the full Kraków demo.

The panel (``/panel/``, cards registered by the apps) is parsed as the officer reads it; each number is recomputed
from the database or from the list its link opens, and a card's parts add up to its total.
"""

import html
import re

import pytest
from django.urls import resolve

from razem.bodies.models import MembershipApplication
from razem.core.models import OutboxEmail
from razem.events.models import Meeting
from razem.grants.models import Call, Offer
from razem.organizations.models import Organization
from razem.reports.models import Report

pytestmark = pytest.mark.django_db


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _card(page: str, heading_id: str) -> str:
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}"[^>]*>(.*?)</section>', page, re.S)
    assert match, f"no card {heading_id} on the panel"
    return match.group(1)


def _big_number(card: str) -> int:
    """The card's headline figure (``fs-2``)."""
    match = re.search(r'<span class="fs-2 fw-bold">(\d+)</span>', card)
    assert match, card
    return int(match.group(1))


def _result_count(client, url: str) -> int:
    page = client.get(url).content.decode()
    match = re.search(r'id="result-count"[^>]*>(.*?)</', page, re.S)
    assert match, url
    return int(re.findall(r"\d+", _text(match.group(1)))[0])


@pytest.fixture
def panel(demo, client):
    officer = demo["urzednik@razem.demo"]
    client.force_login(officer)
    response = client.get("/panel/")
    assert response.status_code == 200
    return client, response.content.decode()


def test_organizations_waiting_for_verification(panel):
    client, page = panel
    card = _card(page, "panel-organizations")

    shown = _big_number(card)
    assert shown == Organization.objects.filter(status=Organization.Status.PENDING).count()
    queue = re.search(r'href="([^"]*do-weryfikacji/[^"]*)"', card)
    assert queue and _result_count(client, html.unescape(queue.group(1))) == shown


def test_ngo_events_awaiting_approval(panel):
    _client, page = panel
    shown = _big_number(_card(page, "panel-networking"))

    assert (
        shown
        == Meeting.objects.filter(
            organizer_kind=Meeting.Organizer.ORGANIZATION, status=Meeting.Status.SUBMITTED
        ).count()
    )


def test_dialogue_bodies_requests_and_applications(panel):
    _client, page = panel
    card = _card(page, "panel-bodies")

    assert (
        _big_number(card) == MembershipApplication.objects.filter(status=MembershipApplication.Status.PENDING).count()
    )
    alert = re.search(r'<div class="alert[^"]*">(.*?)</div>', card, re.S)
    if alert:  # "N requests for opinions are due": N is the number of requests listed under it
        said = int(re.findall(r"\d+", _text(re.search(r"<p[^>]*>(.*?)</p>", alert.group(1), re.S).group(1)))[0])
        assert said == len(re.findall(r"<li>", alert.group(1)))


def test_calls_count_the_offers_filed(panel):
    _client, page = panel
    card = _card(page, "panel-grants-calls")

    items = re.findall(r'<li><a href="([^"]+)">.*?</a>(.*?)</li>', card, re.S)
    assert items
    for href, rest in items:
        match = resolve(html.unescape(href))
        call = Call.objects.get(slug=next(iter(match.kwargs.values())) if match.kwargs else match.args[0])
        numbers = re.findall(r"\d+", _text(rest).split("·")[-1] if "·" in rest else _text(rest).split(",")[0])
        filed = Offer.objects.filter(call=call, status__in=Offer.FILED_STATES).count()
        assert int(numbers[0]) == filed, (call.title, rest)


def test_reports_overdue_and_awaiting_review_match_their_lists(panel):
    client, page = panel
    card = _card(page, "panel-reports")

    links = re.findall(r'<a href="([^"]*\?(?:overdue|status)=[^"]*)">(.*?)</a>', card, re.S)
    assert len(links) == 2
    for href, label in links:
        said = int(re.findall(r"\d+", _text(label))[0])
        assert said == _result_count(client, html.unescape(href)), label
    filed = int(re.findall(r"\d+", _text(links[1][1]))[0])
    assert filed == Report.objects.filter(status=Report.Status.FILED).count()
    overdue = int(re.findall(r"\d+", _text(links[0][1]))[0])
    listed = len(re.findall(r"<li>", card))
    assert listed == min(overdue, 8), "the overdue reports listed are the first of those counted"


def test_outgoing_email_adds_up_to_every_message(panel):
    _client, page = panel
    card = _card(page, "panel-outbox")

    parts = [int(n) for n in re.findall(r"<li>[^<]*?(\d+)</li>", card)]
    assert len(parts) == len(OutboxEmail.Status.choices)
    assert sum(parts) == OutboxEmail.objects.count()
    for (value, _label), shown in zip(
        [(OutboxEmail.Status.SENT, ""), (OutboxEmail.Status.PENDING, ""), (OutboxEmail.Status.FAILED, ""),
         (OutboxEmail.Status.GAVE_UP, "")],
        parts,
        strict=True,
    ):  # fmt: skip
        assert shown == OutboxEmail.objects.filter(status=value).count(), value
