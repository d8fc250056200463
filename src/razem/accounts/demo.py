"""The demo accounts: an administrator and an officer (with a second factor), a resident and three NGO people. They
are registered for ``razem demo`` to print, and created by the ``accounts`` demo loader."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from razem.accounts.models import User
from razem.core.registry import DemoAccount

DEMO_ACCOUNTS = [
    DemoAccount(
        "admin@razem.demo",
        "Razem-Admin-2026",
        "Adam Administrator",
        User.Role.ADMINISTRATOR,
        "administrator",
        "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    ),
    DemoAccount(
        "urzednik@razem.demo",
        "Razem-Urzad-2026",
        "Urszula Nowak",
        User.Role.OFFICER,
        "city officer (urzędniczka)",
        "KRSMZQ2TMNWGK3TLMFZG65DFMRUW4ZZA",
    ),
    DemoAccount(
        "mieszkanka@razem.demo", "Razem-Demo-2026", "Maria Kowalska", User.Role.RESIDENT, "resident (mieszkanka)"
    ),
    # The NGO accounts act for demo organizations (razem.organizations.demo.NGO_MEMBERSHIPS): the administrator
    # and the member for Fundacja Pod Wawelem, the representative for Stowarzyszenie Przyjaciół Nowej Huty.
    DemoAccount(
        "prezeska@razem.demo",
        "Razem-Prezeska-2026",
        "Katarzyna Wójcik",
        User.Role.RESIDENT,
        "NGO administrator (prezeska)",
    ),
    DemoAccount(
        "przedstawiciel@razem.demo",
        "Razem-Przedstawiciel-2026",
        "Piotr Zieliński",
        User.Role.RESIDENT,
        "NGO representative",
    ),
    DemoAccount(
        "czlonek@razem.demo", "Razem-Czlonek-2026", "Tomasz Lewandowski", User.Role.RESIDENT, "NGO member (członek)"
    ),
]


def _account(spec: DemoAccount) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(email=spec.email, password=spec.password, full_name=spec.full_name)
    user.full_name = spec.full_name
    user.role = spec.role
    user.set_password(spec.password)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=spec.email, defaults={"verified": True, "primary": True})
    if spec.totp_secret and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, spec.totp_secret)
    return user


def load(demo: dict[str, Any]) -> dict[str, Any]:
    return {"users": {spec.email: _account(spec) for spec in DEMO_ACCOUNTS}}
