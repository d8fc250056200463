"""Rate limits on forms that send e-mail or write for an anonymous or new account (razem.core.throttle)."""

import datetime
import logging
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse, HttpResponseRedirect
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from razem.accounts.models import User
from razem.core import throttle
from razem.core.throttle import Rate, parse_rates, throttled
from razem.events.models import Meeting
from tests.core.helpers import in_polish, text_of

WAIT = "To protect the site and the people who use it, this form can be sent only a limited number of times in a while."
NOT_SAVED = (
    "What you sent this time has not been saved. Go back in your browser: the form usually keeps what you typed, "
    "and you can send it again once the time has passed."
)


def assert_refused(response: HttpResponse) -> None:
    """What a person who sent too much sees: 429, when to come back, in Polish, in the site's layout."""
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    page = text_of(response)
    assert in_polish(WAIT) in page
    assert in_polish(NOT_SAVED) in page
    assert in_polish("Contact the office") in page  # the site's error layout, not a bare page


@pytest.fixture
def event_data(verified_org, venue):
    day = timezone.localdate() + datetime.timedelta(days=14)
    return {
        "organization": verified_org.pk,
        "title": "Sprzątanie Plant",
        "kind": Meeting.Kind.CIVIC,
        "place_kind": Meeting.Place.VENUE,
        "venue": venue.pk,
        "starts_at": f"{day:%Y-%m-%d}T10:00",
        "ends_at": f"{day:%Y-%m-%d}T13:00",
        "summary": "Sprzątamy Planty razem.",
        "description": "Zbiórka przy Barbakanie.",
        "contact_email": "kontakt@planty.example.org",
    }


def limit(settings, **rates: str) -> None:
    settings.RAZEM_THROTTLE_RATES = {**settings.RAZEM_THROTTLE_RATES, **rates}


# The mechanism


def test_rates_are_read_as_amount_per_period():
    assert parse_rates("5/h, 20/10m,1/d,3/30s") == [Rate(5, 3600), Rate(20, 600), Rate(1, 86400), Rate(3, 30)]
    with pytest.raises(ImproperlyConfigured):
        parse_rates("5 per hour")


def test_a_scope_without_a_rate_is_refused_when_the_view_is_declared():
    with pytest.raises(ImproperlyConfigured):
        throttled("nowhere.configured")


def _view(status: int = 302):
    def view(request):
        return HttpResponseRedirect("/") if status == 302 else HttpResponse("form with errors", status=status)

    return view


def test_only_requests_that_went_through_are_counted_by_default(settings):
    limit(settings, **{"test.form": "2/h"})
    saved = throttled("test.form")(_view(302))
    invalid = throttled("test.form")(_view(200))
    factory = RequestFactory()

    for _ in range(5):
        assert invalid(factory.post("/")).status_code == 200  # correcting a form is not counted
    assert saved(factory.post("/")).status_code == 302
    assert saved(factory.post("/")).status_code == 302
    assert saved(factory.post("/")).status_code == 429
    assert invalid(factory.get("/")).status_code == 200  # reading the form is never limited


def test_counting_every_request_and_per_address(settings):
    limit(settings, **{"test.token": "2/h"})
    view = throttled("test.token", counts="all")(_view(404))
    factory = RequestFactory()

    assert view(factory.post("/", REMOTE_ADDR="192.0.2.1")).status_code == 404
    assert view(factory.post("/", REMOTE_ADDR="192.0.2.1")).status_code == 404
    assert view(factory.post("/", REMOTE_ADDR="192.0.2.1")).status_code == 429
    assert view(factory.post("/", REMOTE_ADDR="192.0.2.2")).status_code == 404


def test_an_ipv6_visitor_is_counted_by_the_network(settings):
    limit(settings, **{"test.v6": "1/h"})
    view = throttled("test.v6")(_view(302))
    factory = RequestFactory()

    assert view(factory.post("/", REMOTE_ADDR="2001:db8:1:2::1")).status_code == 302
    assert view(factory.post("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")).status_code == 429


def test_the_keys_are_bounded_and_hold_no_address_or_user():
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.77")
    counter = throttle.throttle_for(request, "test.keys", rate="1/h")
    counter.hit()

    keys = [key for _rate, key, _left in counter._windows(0)]
    assert all(len(key) < 120 and "198.51.100.77" not in key for key in keys)


def test_the_forms_work_and_a_warning_is_logged_when_the_cache_is_down(settings, caplog):
    limit(settings, **{"test.down": "1/h"})
    view = throttled("test.down")(_view(302))
    broken = mock.Mock(side_effect=ConnectionError("cache down"))

    with (
        mock.patch.object(cache, "get_many", broken),
        mock.patch.object(cache, "add", broken),
        caplog.at_level(logging.WARNING, logger="razem.core.throttle"),
    ):
        for _ in range(3):
            assert view(RequestFactory().post("/")).status_code == 302

    assert "cache is unavailable" in caplog.text


# The protected views


def test_sign_up_is_limited_per_address(client, db, settings):
    limit(settings, **{"accounts.signup": "2/h"})
    for number in range(2):
        response = client.post(
            "/konto/rejestracja/",
            {
                "full_name": f"Osoba {number}",
                "email": f"osoba{number}@example.org",
                "password1": "Wisla-Krakow-1906",
                "password2": "Wisla-Krakow-1906",
                "accept_privacy": "on",
            },
        )
        assert response.status_code == 302
        client.logout()

    response = client.post(
        "/konto/rejestracja/",
        {
            "full_name": "Osoba 3",
            "email": "osoba3@example.org",
            "password1": "Wisla-Krakow-1906",
            "password2": "Wisla-Krakow-1906",
            "accept_privacy": "on",
        },
    )

    assert_refused(response)
    assert not User.objects.filter(email="osoba3@example.org").exists()
    assert Client(REMOTE_ADDR="203.0.113.5").get("/konto/rejestracja/").status_code == 200


def test_password_reset_is_limited_per_address(client, resident, settings, mailoutbox):
    limit(settings, **{"accounts.password_reset": "2/h"})
    for _ in range(2):
        assert client.post("/konto/haslo/reset/", {"email": resident.email}).status_code == 302
    sent = len(mailoutbox)

    response = client.post("/konto/haslo/reset/", {"email": resident.email})

    assert_refused(response)
    assert len(mailoutbox) == sent


def test_event_proposals_are_limited_per_person(client, org_representative, event_data, settings):
    limit(settings, **{"events.proposal": "2/h"})
    client.force_login(org_representative)
    for number in range(2):
        response = client.post("/kalendarz/zglos-wydarzenie/", {**event_data, "title": f"Wydarzenie {number}"})
        assert response.status_code == 302

    response = client.post("/kalendarz/zglos-wydarzenie/", {**event_data, "title": "Wydarzenie 3"})

    assert_refused(response)
    assert Meeting.objects.count() == 2


def test_invitations_to_an_organization_are_limited_per_person(client, verified_org, org_admin, settings):
    limit(settings, **{"organizations.invite": "2/h"})
    client.force_login(org_admin)
    url = reverse("organizations:invite", args=[verified_org.pk])
    for number in range(2):
        assert client.post(url, {"email": f"nowy{number}@example.org", "role": "member"}).status_code == 302

    assert_refused(client.post(url, {"email": "nowy3@example.org", "role": "member"}))


def test_allauth_s_own_limits_answer_with_the_polish_page_and_retry_after(client, db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    data = {"full_name": "Ktoś", "email": "ktos@example.org", "password1": "x", "password2": "y"}
    client.post("/konto/rejestracja/", data)  # an invalid form: allauth counts it, we do not

    response = client.post("/konto/rejestracja/", data)

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert in_polish(WAIT) in text_of(response)
