"""The demo accounts: an administrator and an officer (with a second factor), a resident and three NGO people. They
are registered for ``razem demo`` to print, and created by the ``accounts`` demo loader. Each names the few
notifications that start its story, left unread after the load (``DemoAccount.unread``)."""

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
        unread=("bodies/application_submitted",),
    ),
    DemoAccount(
        "urzednik@razem.demo",
        "Razem-Urzad-2026",
        "Urszula Nowak",
        User.Role.OFFICER,
        "city officer (urzędniczka)",
        "KRSMZQ2TMNWGK3TLMFZG65DFMRUW4ZZA",
        unread=("bodies/application_submitted", "grants/question_asked", "grants/update_filed"),
    ),
    DemoAccount(
        "mieszkanka@razem.demo",
        "Razem-Demo-2026",
        "Maria Kowalska",
        User.Role.RESIDENT,
        "resident (mieszkanka)",
        unread=("events/registration_confirmed", "events/registration_waiting", "commissions/appointed"),
    ),
    # The NGO accounts act for demo organizations (razem.organizations.demo.NGO_MEMBERSHIPS): the administrator
    # and the member for Fundacja Pod Wawelem, the representative for Stowarzyszenie Przyjaciół Nowej Huty.
    DemoAccount(
        "prezeska@razem.demo",
        "Razem-Prezeska-2026",
        "Katarzyna Wójcik",
        User.Role.RESIDENT,
        "NGO administrator (prezeska)",
        unread=("elections/voting_opens", "grants/call_opened", "grants/results_published"),
    ),
    DemoAccount(
        "przedstawiciel@razem.demo",
        "Razem-Przedstawiciel-2026",
        "Piotr Zieliński",
        User.Role.RESIDENT,
        "NGO representative",
        unread=("elections/voting_opens", "bodies/opinion_requested", "events/registration_confirmed"),
    ),
    DemoAccount(
        "czlonek@razem.demo",
        "Razem-Czlonek-2026",
        "Tomasz Lewandowski",
        User.Role.RESIDENT,
        "NGO member (członek)",
        unread=("commissions/appointed",),
    ),
]

# How each demo account chose to be addressed (the administrator did not choose: neutral forms).
GENDERS = {
    "urzednik@razem.demo": User.GrammaticalGender.FEMININE,
    "mieszkanka@razem.demo": User.GrammaticalGender.FEMININE,
    "prezeska@razem.demo": User.GrammaticalGender.FEMININE,
    "przedstawiciel@razem.demo": User.GrammaticalGender.MASCULINE,
    "czlonek@razem.demo": User.GrammaticalGender.MASCULINE,
}


def _account(spec: DemoAccount) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(email=spec.email, password=spec.password, full_name=spec.full_name)
    user.full_name = spec.full_name
    user.role = spec.role
    user.grammatical_gender = GENDERS.get(spec.email, User.GrammaticalGender.UNSPECIFIED)
    user.set_password(spec.password)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=spec.email, defaults={"verified": True, "primary": True})
    if spec.totp_secret and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, spec.totp_secret)
    return user


def load(demo: dict[str, Any]) -> dict[str, Any]:
    return {"users": {spec.email: _account(spec) for spec in DEMO_ACCOUNTS}}
