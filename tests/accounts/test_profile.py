"""The profile page: name, phone and language, audited, with the language remembered."""

from razem.core.models import LogEntry
from tests.core.helpers import assert_translated_to_polish, in_english, in_polish, text_of

PROFILE = "/konto/profil/"
PHONE_ERROR = "Enter a phone number, e.g. +48 12 345 67 89."


def test_saving_the_profile_changes_name_phone_and_language(resident_client, resident):
    response = resident_client.post(
        PROFILE, {"full_name": "Maria Nowak", "phone": "+48 600 100 200", "preferred_language": "en"}
    )

    assert response.status_code == 302
    assert response["Location"] == PROFILE
    resident.refresh_from_db()
    assert (resident.full_name, resident.phone, resident.preferred_language) == ("Maria Nowak", "+48 600 100 200", "en")


def test_saving_the_profile_is_audited_with_what_changed(resident_client, resident):
    resident_client.post(PROFILE, {"full_name": "Maria Nowak", "phone": "", "preferred_language": "pl"})

    entry = LogEntry.objects.get(action="accounts.user.profile_changed")
    assert entry.actor == resident
    assert entry.data == {"full_name": {"from": "Maria Kowalska", "to": "Maria Nowak"}}
    assert entry.ip_address == "127.0.0.1"


def test_choosing_english_sets_the_language_cookie_and_the_next_page_is_in_english(resident_client):
    response = resident_client.post(PROFILE, {"full_name": "Maria Kowalska", "phone": "", "preferred_language": "en"})

    cookie = response.cookies["django_language"]
    assert cookie.value == "en"
    assert cookie["max-age"] >= 300 * 24 * 3600
    page = resident_client.get(PROFILE)
    assert '<html lang="en"' in page.content.decode()
    assert "Your profile has been saved." in text_of(page)


def test_the_preferred_language_is_used_on_a_new_device_without_a_cookie(client, resident):
    resident.preferred_language = "en"
    resident.save()
    client.force_login(resident)

    response = client.get("/konto/")

    assert '<html lang="en"' in response.content.decode()
    assert in_english("My account") in text_of(response)


def test_an_invalid_phone_keeps_what_was_typed_and_explains_in_polish(resident_client, resident):
    response = resident_client.post(
        PROFILE, {"full_name": "Maria Nowakowa", "phone": "12 34 ab", "preferred_language": "pl"}
    )

    assert response.status_code == 200
    page = text_of(response)
    assert 'value="12 34 ab"' in page
    assert 'value="Maria Nowakowa"' in page
    assert in_polish(PHONE_ERROR) in page
    assert in_polish("The form could not be saved. Please correct the following:") in page
    assert 'aria-invalid="true"' in page
    resident.refresh_from_db()
    assert (resident.full_name, resident.phone) == ("Maria Kowalska", "")
    assert not LogEntry.objects.filter(action="accounts.user.profile_changed").exists()
    assert "django_language" not in response.cookies
    assert_translated_to_polish(PHONE_ERROR)


def test_a_phone_number_that_is_too_short_is_refused(resident_client, resident):
    response = resident_client.post(
        PROFILE, {"full_name": "Maria Kowalska", "phone": "600 100", "preferred_language": "pl"}
    )

    assert response.status_code == 200
    assert in_polish(PHONE_ERROR) in text_of(response)


def test_the_language_switch_remembers_the_choice_in_the_profile(resident_client, resident):
    response = resident_client.post("/jezyk/", {"language": "en", "next": "/konto/"})

    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    resident.refresh_from_db()
    assert resident.preferred_language == "en"
    assert LogEntry.objects.get(action="accounts.user.profile_changed").data == {
        "preferred_language": {"from": "pl", "to": "en"}
    }


def test_a_visitor_must_sign_in_to_see_a_profile(client, db):
    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response["Location"] == f"/konto/logowanie/?next={PROFILE}"
