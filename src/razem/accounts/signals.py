"""Connect allauth's and Django's authentication events to the audit log."""

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals

from razem.accounts.services import audit_auth_event


def _handler(action: str) -> Any:
    def handle(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
        data: dict[str, Any] = {}
        if "authenticator" in kwargs:
            data["type"] = kwargs["authenticator"].type
        if "email_address" in kwargs:
            user = user or kwargs["email_address"].user
        audit_auth_event(user=user, action=action, request=request, data=data)

    handle.__name__ = f"audit_{action.replace('.', '_')}"
    return handle


def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    # The account tried, or the keyed hash of an e-mail that has none (it may be a stranger's address mistyped);
    # never the password.
    from razem.accounts.lockout import email_digest
    from razem.accounts.models import User

    email = str(credentials.get("email") or credentials.get("username") or "")
    user = User.objects.filter(email__iexact=email).first() if email else None
    audit_auth_event(
        user=None,
        action="accounts.user.login_failed",
        request=request,
        data={"user_id": user.pk} if user else {"user_id": None, "email_hash": email_digest(email)},
    )


HANDLERS = {
    "accounts.user.signed_up": account_signals.user_signed_up,
    "accounts.user.logged_in": account_signals.user_logged_in,
    "accounts.user.logged_out": auth_signals.user_logged_out,
    "accounts.user.password_changed": account_signals.password_changed,
    "accounts.user.password_set": account_signals.password_set,
    "accounts.user.password_reset": account_signals.password_reset,
    "accounts.user.email_confirmed": account_signals.email_confirmed,
    "accounts.user.second_factor_added": mfa_signals.authenticator_added,
    "accounts.user.second_factor_removed": mfa_signals.authenticator_removed,
    "accounts.user.second_factor_reset": mfa_signals.authenticator_reset,
}
_receivers: list[Any] = []


def _welcome(sender: Any, request: Any = None, email_address: Any = None, **kwargs: Any) -> None:
    from razem.accounts.services import user_send_welcome

    if email_address is not None:
        user_send_welcome(user=email_address.user)


def _lift_lockout(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    from razem.accounts import lockout

    if request is not None and user is not None:
        lockout.clear(request, user=user)


def connect() -> None:
    account_signals.password_reset.connect(_lift_lockout, dispatch_uid="accounts.user.lift_lockout")
    account_signals.email_confirmed.connect(_welcome, dispatch_uid="accounts.user.welcome")
    for action, signal in HANDLERS.items():
        receiver = _handler(action)
        _receivers.append(receiver)
        signal.connect(receiver, dispatch_uid=action)
    auth_signals.user_login_failed.connect(_login_failed, dispatch_uid="accounts.user.login_failed")
