"""Who may do what: every permission of core and accounts for every persona, and the panel pages.

The tables below are the intended role x action table (docs/roles-and-permissions.md); the tests ask
``user.has_perm(...)``, the same question the views ask.
"""

import pytest
import rules

from razem.core.models import Notification
from tests.core.helpers import in_polish, text_of

PERSONAS = ["anonymous", "resident", "officer", "administrator"]

# permission -> the object it is asked about -> persona -> allowed?
#   "none":   no object (a page or a list)
#   "own":    the persona's own account, or a notification addressed to the persona
#   "other":  somebody else's account or notification
MATRIX = {
    "core.view_panel": {"none": {"anonymous": False, "resident": False, "officer": True, "administrator": True}},
    "core.view_logentry": {"none": {"anonymous": False, "resident": False, "officer": True, "administrator": True}},
    "core.view_outboxemail": {"none": {"anonymous": False, "resident": False, "officer": True, "administrator": True}},
    "core.list_notification": {"none": {"anonymous": False, "resident": True, "officer": True, "administrator": True}},
    "core.change_notification": {
        "own": {"resident": True, "officer": True, "administrator": True},
        "other": {"anonymous": False, "resident": False, "officer": False, "administrator": False},
    },
    "accounts.change_user": {
        "own": {"resident": True, "officer": True, "administrator": True},
        "other": {"anonymous": False, "resident": False, "officer": False, "administrator": False},
    },
    "accounts.export_user": {
        "own": {"resident": True, "officer": True, "administrator": True},
        "other": {"anonymous": False, "resident": False, "officer": False, "administrator": False},
    },
    "accounts.delete_user": {
        "own": {"resident": True, "officer": True, "administrator": True},
        "other": {"anonymous": False, "resident": False, "officer": False, "administrator": False},
    },
    "accounts.change_role_user": {
        "own": {"resident": False, "officer": False, "administrator": False},
        "other": {"anonymous": False, "resident": False, "officer": False, "administrator": True},
    },
}

# Nobody bypasses the object rules, administrators included (User.has_perm asks `rules` first).


def _cases():
    for perm, objects in MATRIX.items():
        for target, row in objects.items():
            for persona, allowed in row.items():
                yield pytest.param(perm, target, persona, allowed, id=f"{perm}-{target}-{persona}")


def test_the_matrix_covers_every_registered_permission_of_core_and_accounts():
    registered = {name for name in rules.permissions.permissions if name.split(".")[0] in {"core", "accounts"}}

    assert registered == set(MATRIX)


def test_the_matrix_asks_every_signed_in_persona_about_every_permission():
    for perm, objects in MATRIX.items():
        for target, row in objects.items():
            expected = set(PERSONAS) if target != "own" else set(PERSONAS) - {"anonymous"}
            assert set(row) == expected, (perm, target)


@pytest.fixture
def target_for(personas, other_resident):
    def target(perm: str, kind: str, persona: str):
        if kind == "none":
            return None
        owner = personas[persona] if kind == "own" else other_resident
        if perm.startswith("core.") and perm.endswith("_notification"):
            return Notification.objects.create(recipient=owner, kind="test", title="Hello")
        return owner

    return target


@pytest.mark.parametrize(("perm", "target", "persona", "allowed"), list(_cases()))
def test_each_persona_may_do_exactly_what_the_table_says(personas, target_for, perm, target, persona, allowed):
    user = personas[persona]

    assert user.has_perm(perm, target_for(perm, target, persona)) is allowed


@pytest.mark.parametrize("perm", ["core.view_panel", "core.list_notification", "accounts.change_user"])
def test_a_deactivated_person_may_do_nothing(resident, officer, perm):
    for person in (resident, officer):
        person.is_active = False
        person.save()

        assert not person.has_perm(perm, person)


# The same table, seen from the pages of the office panel.

PANEL_PAGES = ["/panel/", "/panel/dziennik-zdarzen/", "/panel/poczta/"]


@pytest.mark.parametrize("url", PANEL_PAGES)
def test_a_visitor_is_sent_to_sign_in_before_the_panel(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/konto/logowanie/?next={url}"


@pytest.mark.parametrize("url", PANEL_PAGES)
def test_a_resident_gets_the_friendly_no_access_page_in_the_panel(resident_client, url):
    response = resident_client.get(url)

    assert response.status_code == 403
    page = text_of(response)
    assert in_polish("You do not have access to this page") in page
    assert '<html lang="pl"' in page
    assert "Traceback" not in page


@pytest.mark.parametrize("url", PANEL_PAGES)
@pytest.mark.parametrize("persona", ["officer", "administrator"])
def test_city_staff_see_the_panel(client, personas, persona, url):
    client.force_login(personas[persona])

    response = client.get(url)

    assert response.status_code == 200
    assert in_polish("Office panel") in text_of(response)


def test_the_office_panel_link_is_shown_only_to_city_staff(client, resident, officer):
    client.force_login(resident)
    as_resident = client.get("/")
    client.force_login(officer)
    as_officer = client.get("/")

    assert 'href="/panel/"' not in as_resident.content.decode()
    assert 'href="/panel/"' in as_officer.content.decode()
