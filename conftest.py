"""Persona fixtures shared by every test: one per role (ARCHITECTURE.md, Tests).

NGO member and NGO representative personas arrive with the organizations app.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from razem.accounts.models import User

PASSWORD = "Correct-Horse-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def make_person(email: str, role: str = User.Role.RESIDENT, *, full_name: str = "", totp: bool = False) -> User:
    user = User.objects.create_user(
        email=email,
        password=PASSWORD,
        full_name=full_name or email.split("@")[0].replace(".", " ").title(),
        role=role,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if totp:
        TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def resident(db) -> User:
    return make_person("maria.kowalska@example.org", full_name="Maria Kowalska")


@pytest.fixture
def other_resident(db) -> User:
    return make_person("jan.zielinski@example.org", full_name="Jan Zieliński")


@pytest.fixture
def officer(db) -> User:
    return make_person("urszula.nowak@krakow.example", User.Role.OFFICER, full_name="Urszula Nowak", totp=True)


@pytest.fixture
def administrator(db) -> User:
    return make_person("adam.admin@krakow.example", User.Role.ADMINISTRATOR, full_name="Adam Administrator", totp=True)


@pytest.fixture
def personas(anonymous, resident, officer, administrator) -> dict:
    return {"anonymous": anonymous, "resident": resident, "officer": officer, "administrator": administrator}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and used TOTP codes live in the cache; every test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def resident_client(client, resident):
    client.force_login(resident)
    return client
