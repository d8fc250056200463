"""login.gov.pl in a real browser: the button on the login page, the auto-submitted signed AuthnRequest, the local
test IdP answering by the Artifact binding, and the linking pages, each checked with axe."""

from urllib.parse import parse_qs

import pytest
from django.core import mail

from razem.identity import saml
from razem.identity.models import GovIdentity
from tests.e2e.support import check_accessibility, polish, submit
from tests.identity.idp import SSO_URL, switch_on

pytestmark = pytest.mark.browser


@pytest.fixture
def idp(settings, tmp_path, monkeypatch, live_server, transactional_db):
    settings.RAZEM_BASE_URL = live_server.url
    test_idp = switch_on(settings, tmp_path, monkeypatch)
    yield test_idp
    saml._client_for.cache_clear()


def test_a_person_links_login_gov_pl_to_a_new_account_by_confirmed_email(page, idp):
    def answer(route):
        fields = parse_qs(route.request.post_data or "")
        route.fulfill(status=302, headers={"Location": idp.authenticate(fields["SAMLRequest"][0])})

    page.route(SSO_URL, answer)
    page.goto("/konto/logowanie/")
    check_accessibility(page, "identity-login-button")
    with page.expect_navigation(url="**/konto/login-gov-pl/powiazanie/"):
        page.get_by_role("link", name=polish("Sign in with login.gov.pl")).click()

    assert polish("Link login.gov.pl to an account") in page.locator("h1").inner_text()
    check_accessibility(page, "identity-link")
    page.locator("#id_email").fill("jan.kowalski@example.org")
    submit(page)
    assert page.get_by_role("status").is_visible()
    check_accessibility(page, "identity-link-sent")

    body = next(m for m in mail.outbox if m.to == ["jan.kowalski@example.org"]).body
    link = next(word for word in body.split() if "/konto/login-gov-pl/powiazanie/" in word)
    page.goto(link)
    check_accessibility(page, "identity-confirm")
    submit(page)

    assert GovIdentity.objects.get().user.email == "jan.kowalski@example.org"
    assert polish("Unlink login.gov.pl") in page.locator("main").inner_text()
    check_accessibility(page, "identity-manage")
    assert not page.console_errors  # type: ignore[attr-defined]
