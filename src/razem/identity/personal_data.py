"""The identity app's part of a person's data export and of an account deletion."""

from typing import Any

from razem.identity.models import GovIdentity


def export(user: Any) -> dict[str, Any]:
    identity = GovIdentity.objects.filter(user=user).first()
    if identity is None:
        return {"login_gov_pl": None}
    return {
        "login_gov_pl": {
            "environment": identity.environment,
            "linked_at": identity.linked_at.isoformat(),
            "last_login_at": identity.last_login_at.isoformat() if identity.last_login_at else None,
        }
    }


def deletion_cleanup(user: Any) -> None:
    GovIdentity.objects.filter(user=user).delete()
