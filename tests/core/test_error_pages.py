"""Error pages are friendly, in Polish, and never show a stack trace."""

import pytest
from django.http import HttpRequest
from django.test import Client
from django.urls import path

from razem.accounts.models import User
from razem.urls import handler500 as site_handler500
from razem.urls import urlpatterns as site_urlpatterns
from tests.core.helpers import in_english, in_polish, text_of


def test_a_form_sent_without_its_csrf_token_is_refused_with_an_explanation(resident):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(resident)

    response = browser.post("/konto/profil/", {"full_name": "Forged Name", "phone": "", "preferred_language": "pl"})

    assert response.status_code == 403
    page = text_of(response)
    assert in_polish("The form has expired or was not sent from this site") in page
    assert (
        in_polish(
            "For your safety we accept forms only when they come from this site and were opened recently. "
            "Nothing has been saved."
        )
        in page
    )
    assert "Traceback" not in page
    resident.refresh_from_db()
    assert resident.full_name == "Maria Kowalska"


def test_a_form_sent_with_its_csrf_token_is_accepted(resident):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(resident)
    browser.get("/konto/profil/")

    response = browser.post(
        "/konto/profil/",
        {
            "full_name": "Maria Nowak",
            "phone": "",
            "preferred_language": "pl",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"].value,
        },
    )

    assert response.status_code == 302
    assert User.objects.get(pk=resident.pk).full_name == "Maria Nowak"


def test_an_unknown_address_shows_the_friendly_not_found_page(client, db):
    response = client.get("/nie-ma-takiej-strony/")

    assert response.status_code == 404
    page = text_of(response)
    assert in_polish("We cannot find this page") in page
    assert in_polish("Go to the home page") in page
    assert '<html lang="pl"' in page


def test_the_server_error_page_apologises_in_polish_and_gives_a_contact(client, db):
    response = client.get("/bledy/500/")

    assert response.status_code == 500
    page = text_of(response)
    assert in_polish("Something went wrong on our side") in page
    assert "ngo@razem.localhost" in page
    assert '<html lang="pl"' in page
    assert "Traceback" not in page


def test_the_bad_request_page_says_what_to_do(client, db):
    response = client.get("/bledy/400/")

    assert response.status_code == 400
    assert in_polish("We could not understand this request") in text_of(response)


# The visitor's language -----------------------------------------------------------------------------------------


def test_a_missing_page_under_en_is_explained_in_english(client, db):
    response = client.get("/en/organizations/")

    assert response.status_code == 404
    page = text_of(response)
    assert '<html lang="en"' in page
    assert in_english("We cannot find this page") in page
    assert response["Content-Language"] == "en"


def test_a_missing_page_speaks_the_language_chosen_with_the_switch(client, db):
    client.cookies["django_language"] = "en"

    page = text_of(client.get("/nie-ma-takiej-strony/", HTTP_ACCEPT_LANGUAGE="pl"))

    assert '<html lang="en"' in page
    assert in_english("We cannot find this page") in page


def test_a_missing_page_follows_a_browser_that_prefers_english(client, db):
    page = text_of(client.get("/nie-ma-takiej-strony/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,pl;q=0.5"))

    assert '<html lang="en"' in page
    assert in_english("Go to the home page") in page


def test_the_switch_wins_over_the_browser_and_the_address(client, db):
    client.cookies["django_language"] = "pl"

    page = text_of(client.get("/en/missing/", HTTP_ACCEPT_LANGUAGE="en"))

    assert '<html lang="pl"' in page
    assert in_polish("We cannot find this page") in page


def test_a_signed_in_person_sees_errors_in_their_profile_language(client, resident):
    resident.preferred_language = "en"
    resident.save(update_fields=["preferred_language"])
    client.force_login(resident)

    page = text_of(client.get("/nie-ma-takiej-strony/", HTTP_ACCEPT_LANGUAGE="pl"))

    assert '<html lang="en"' in page
    assert in_english("We cannot find this page") in page


def test_the_form_expired_page_speaks_english_to_an_english_visitor(resident):
    browser = Client(enforce_csrf_checks=True)
    browser.cookies["django_language"] = "en"
    browser.force_login(resident)

    response = browser.post("/konto/profil/", {"full_name": "Forged Name"})

    assert response.status_code == 403
    assert in_english("The form has expired or was not sent from this site") in text_of(response)


@pytest.mark.parametrize("code", [400, 403, 404, 500])
def test_every_error_page_has_an_english_version(client, db, code):
    client.cookies["django_language"] = "en"

    response = client.get(f"/bledy/{code}/")

    assert response.status_code == code
    assert '<html lang="en"' in text_of(response)


def _broken(request: HttpRequest):
    raise RuntimeError("the view failed")


urlpatterns = [path("zepsute/", _broken), *site_urlpatterns]
handler500 = site_handler500


@pytest.mark.urls(__name__)
def test_the_server_error_page_renders_without_the_database(settings):
    """No `db` fixture: any query (the session, the account, a context processor) would fail this test."""
    browser = Client(raise_request_exception=False)
    browser.cookies["django_language"] = "en"

    response = browser.get("/zepsute/?token=secret")

    assert response.status_code == 500
    page = text_of(response)
    assert in_english("Something went wrong on our side") in page
    assert settings.RAZEM_OFFICE["email"] in page
    assert "the view failed" not in page
    assert "Traceback" not in page
