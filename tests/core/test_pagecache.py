"""The anonymous page cache (core.pagecache): a change shows at once, a signed-in page never comes from it, languages
never mix, every response has its own CSP nonce and the visitor's CSRF token, hostile query strings and a cache
server that is down give neither an error nor a stale page."""

import re
import socket

import pytest
from conftest import make_person
from django.core.cache import caches
from django.db import connection, transaction
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from razem.core import pagecache
from razem.core.models import OutboxEmail
from razem.organizations.models import Organization
from tests.factories import make_organization

pytestmark = pytest.mark.django_db

DIRECTORY = "/organizacje/"


def state(response) -> str:
    return response.headers.get(pagecache.HEADER, "")


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def plant(db):
    return make_organization("Stowarzyszenie Przyjaciół Plant", krs="0000100001")


def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(client, plant):
    first = client.get(DIRECTORY)
    assert state(first) == "miss" and plant.name in page(first)

    with CaptureQueriesContext(connection) as queries:
        second = Client().get(DIRECTORY)

    assert len(queries) == 0
    assert state(second) == "hit" and plant.name in page(second)
    assert second.status_code == 200 and second["Content-Type"].startswith("text/html")


def test_a_change_to_what_the_page_shows_is_seen_at_once(client, plant):
    client.get(DIRECTORY)
    assert state(Client().get(DIRECTORY)) == "hit"

    # Even a queryset update (no model signal) renews the table's generation.
    Organization.objects.filter(pk=plant.pk).update(name="Stowarzyszenie Przyjaciół Błoń")

    after = Client().get(DIRECTORY)
    assert state(after) == "miss"
    assert "Przyjaciół Błoń" in page(after) and "Przyjaciół Plant" not in page(after)


def test_a_new_row_shows_at_once(client, plant):
    client.get(DIRECTORY)
    make_organization("Fundacja Nowa Huta Czyta", krs="0000100002")

    assert "Fundacja Nowa Huta Czyta" in page(Client().get(DIRECTORY))


def test_a_write_to_a_table_the_page_does_not_read_keeps_the_entry(client, plant):
    client.get(DIRECTORY)
    OutboxEmail.objects.create(to="someone@example.org", subject="Temat", body_text="Treść", kind="test")

    assert state(Client().get(DIRECTORY)) == "hit"


def test_a_signed_in_person_never_gets_the_anonymous_page(client, plant):
    assert state(client.get(DIRECTORY)) == "miss"
    person = make_person("maria.kowalska@example.org", full_name="Maria Kowalska")
    signed_in = Client()
    signed_in.force_login(person)

    response = signed_in.get(DIRECTORY)

    logout = reverse("account_logout")
    assert state(response) == ""
    assert logout in page(response)
    assert logout not in page(Client().get(DIRECTORY))


def test_languages_never_mix(client, plant):
    polish = client.get(DIRECTORY)
    english_client = Client()
    english_client.cookies["django_language"] = "en"

    english = english_client.get(DIRECTORY)
    polish_again = Client().get(DIRECTORY)

    assert state(english) == "miss" and state(polish_again) == "hit"
    assert '<html lang="en"' in page(english)
    assert '<html lang="pl"' in page(polish) and '<html lang="pl"' in page(polish_again)


def nonces(response) -> tuple[str, set[str]]:
    header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    return header, set(re.findall(r'nonce="([^"]+)"', page(response)))


def test_every_served_page_has_its_own_nonce_matching_its_header(client, plant):
    client.get(DIRECTORY)
    first, second = Client().get(DIRECTORY), Client().get(DIRECTORY)

    (header_1, in_page_1), (header_2, in_page_2) = nonces(first), nonces(second)
    assert state(first) == state(second) == "hit"
    assert in_page_1 == {header_1} and in_page_2 == {header_2}
    assert header_1 != header_2


def test_a_served_page_carries_a_token_for_the_visitors_own_csrf_cookie(plant):
    Client().get(DIRECTORY)
    visitor = Client(enforce_csrf_checks=True)

    served = visitor.get(DIRECTORY)

    assert state(served) == "hit"
    secret = served.cookies["csrftoken"].value
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', page(served)))
    assert tokens and all(_unmask_cipher_token(token) == secret for token in tokens)
    assert pagecache.CSRF_MARK not in page(served) and pagecache.NONCE_MARK not in page(served)
    # The language switch on the served page works with that token.
    switched = visitor.post("/jezyk/", {"language": "en", "next": DIRECTORY, "csrfmiddlewaretoken": tokens.pop()})
    assert switched.status_code == 302
    assert '<html lang="en"' in page(visitor.get(DIRECTORY))


def test_a_visitor_with_a_session_or_a_message_is_not_served_from_the_cache(client, plant):
    client.get(DIRECTORY)
    with_session = Client()
    with_session.cookies["sessionid"] = "whatever"
    with_message = Client()
    with_message.cookies["messages"] = "whatever"

    assert state(with_session.get(DIRECTORY)) == ""
    assert state(with_message.get(DIRECTORY)) == ""


@pytest.mark.parametrize(
    "query",
    ["q=" + "a" * 400, "&".join(f"p{i}=1" for i in range(12)), "q=%00", "q=%ED%A0%80"],
    ids=["long", "many-parameters", "nul", "surrogate"],
)
def test_a_hostile_query_string_is_answered_without_an_entry(client, plant, query):
    response = client.get(f"{DIRECTORY}?{query}")

    assert response.status_code in (200, 400)
    assert state(response) in ("", "miss") if response.status_code == 200 else state(response) == ""
    if query.startswith(("q=a", "p0")):
        assert state(response) == ""


def test_a_page_that_must_not_be_stored_is_not(client, plant):
    # A 404 is never stored; a never_cache view neither (the account pages are).
    assert state(client.get("/organizacje/nie-ma-takiej/")) == ""
    assert state(client.get("/konto/logowanie/")) in ("",)


def test_a_stampede_waits_for_the_first_render_then_renders_itself(client, plant, monkeypatch):
    monkeypatch.setattr(pagecache, "_WAIT", 0.1)
    key = pagecache._key(client.get(DIRECTORY).wsgi_request)
    caches["default"].delete(key)
    caches["default"].add(key + ":lock", 1, 10)  # another worker is rendering it

    response = Client().get(DIRECTORY)

    # Nothing came within the wait (the other worker died, say): this request rendered the page itself.
    assert response.status_code == 200 and plant.name in page(response)
    assert state(response) == "miss"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.2):
            return True
    except OSError:
        return False


def redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "razem.core.cache.FailSoftRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "razem-test",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


def test_with_the_cache_server_down_pages_are_rendered_fresh_and_writes_go_through(plant):
    with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{closed_port()}/0")):
        first = Client().get(DIRECTORY)
        Organization.objects.filter(pk=plant.pk).update(name="Stowarzyszenie Przyjaciół Błoń")
        second = Client().get(DIRECTORY)

    assert first.status_code == second.status_code == 200
    assert "Przyjaciół Błoń" in page(second)


@pytest.mark.skipif(not redis_reachable(), reason="no Redis server on 127.0.0.1:6379")
def test_with_a_redis_server_pages_are_shared_and_renewed(plant):
    with override_settings(CACHES=redis_cache("redis://127.0.0.1:6379/15")):
        caches["default"].clear()
        try:
            assert state(Client().get(DIRECTORY)) == "miss"
            assert state(Client().get(DIRECTORY)) == "hit"
            Organization.objects.filter(pk=plant.pk).update(name="Stowarzyszenie Przyjaciół Błoń")
            after = Client().get(DIRECTORY)
            assert state(after) == "miss" and "Przyjaciół Błoń" in page(after)
        finally:
            caches["default"].clear()


@pytest.mark.parametrize(
    ("sql", "tables"),
    [
        ('INSERT INTO "events_registration" ("a") VALUES (%s)', ["events_registration"]),
        ('UPDATE "organizations_organization" SET "name" = %s', ["organizations_organization"]),
        ('DELETE FROM "bodies_member" WHERE "id" = %s', ["bodies_member"]),
        ('SELECT "a" FROM "bodies_body" FOR UPDATE', []),
        ("SAVEPOINT s1", []),
        ('ALTER TABLE "x" ADD COLUMN "y" int', [pagecache.ALL_TABLES]),
        ('WITH t AS (SELECT 1) UPDATE "x" SET "a" = 1', [pagecache.ALL_TABLES]),
    ],
)
def test_the_tables_a_statement_writes(sql, tables):
    assert pagecache._written_tables(sql) == tables


def test_a_query_count_measures_the_page_as_rendered(client, plant, django_assert_max_num_queries):
    client.get(DIRECTORY)

    with django_assert_max_num_queries(50) as counted:
        response = Client().get(DIRECTORY)

    assert state(response) == "" and len(counted.captured_queries) > 0
    # Writes inside a count still renew the cache.
    with django_assert_max_num_queries(5):
        Organization.objects.filter(pk=plant.pk).update(name="Stowarzyszenie Przyjaciół Błoń")
    assert "Przyjaciół Błoń" in page(Client().get(DIRECTORY))


def test_a_change_made_in_a_transaction_shows_once_it_commits_and_a_rolled_back_one_never(client, plant):
    client.get(DIRECTORY)
    with pytest.raises(RuntimeError), transaction.atomic():
        Organization.objects.filter(pk=plant.pk).update(name="Stowarzyszenie Przyjaciół Kopca")
        raise RuntimeError("rolled back")
    assert state(Client().get(DIRECTORY)) == "hit"

    with transaction.atomic():
        Organization.objects.filter(pk=plant.pk).update(name="Stowarzyszenie Przyjaciół Błoń")
        make_organization("Fundacja Nowa Huta Czyta", krs="0000100002")

    after = page(Client().get(DIRECTORY))
    assert "Przyjaciół Błoń" in after and "Fundacja Nowa Huta Czyta" in after and "Kopca" not in after
