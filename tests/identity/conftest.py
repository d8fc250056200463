import pytest

from tests.identity.idp import switch_on


@pytest.fixture
def logingovpl(settings, tmp_path, monkeypatch, db):
    """login.gov.pl switched on against the local test IdP (keys generated for this test)."""
    from razem.identity import saml

    yield switch_on(settings, tmp_path, monkeypatch)
    saml._client_for.cache_clear()
