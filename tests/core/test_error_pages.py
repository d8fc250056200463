"""Error pages are friendly, in Polish, and never show a stack trace."""

from django.test import Client

from razem.accounts.models import User
from tests.core.helpers import in_polish, text_of


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
    assert "Coś poszło nie tak po naszej stronie" in page
    assert "ngo@razem.localhost" in page
    assert "Traceback" not in page


def test_the_bad_request_page_says_what_to_do(client, db):
    response = client.get("/bledy/400/")

    assert response.status_code == 400
    assert in_polish("We could not understand this request") in text_of(response)
