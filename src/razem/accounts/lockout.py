"""Failed sign-ins: who is locked out, and for how long (docs/deploy.md, "Rate limits").

allauth counts failed sign-ins with its own rate limits (``allauth.core.internal.ratelimit``): the action
``login_failed`` (ACCOUNT_RATE_LIMITS) stays the global limit per address. Its per-key part would lock an account for
everybody, so that anyone who knows an officer's e-mail could keep the officer out by failing on purpose. Instead,
the adapter (password step) and the second-factor forms count every attempt twice more on the same engine:

- ``login_failed_pair``: per (address, account), low: the address that fails is locked, the owner elsewhere is not;
- ``login_failed_account``: per account, much higher: a ceiling against guessing from many addresses.

An attempt that succeeds is rolled back, as allauth does with its own count. Every lockout is audited once per
window (``accounts.user.login_locked``).
"""

from typing import Any

from allauth.account.adapter import get_adapter
from allauth.core.internal import ratelimit
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

APP = "allauth.account"
PAIR = "login_failed_pair"
ACCOUNT = "login_failed_account"

# The limit that refused an attempt, as the audit log names it.
LIMIT_ADDRESS = "address"
LIMIT_PAIR = "address_and_account"
LIMIT_ACCOUNT = "account"

STEP_PASSWORD = "password"  # noqa: S105 - the name of a step, not a secret
STEP_SECOND_FACTOR = "second_factor"


def email_digest(email: str) -> str:
    """The tried e-mail, keyed-hashed: lockouts of one address can be grouped, the address is not stored."""
    return salted_hmac("razem.accounts.lockout", email.strip().lower(), algorithm="sha256").hexdigest()[:32]


def account_of(*, user: Any = None, email: str = "") -> str:
    return f"user:{user.pk}" if user is not None else f"email:{email.strip().lower()}"


def _pair(request: HttpRequest, account: str) -> str:
    # allauth's address: trusted proxies (ALLAUTH_TRUSTED_PROXY_COUNT) and an IPv6 /64 as one address.
    return f"{ratelimit.get_ip(request)}|{account}"


def _refusal() -> ValidationError:
    return get_adapter().validation_error("too_many_login_attempts")


def consume(request: HttpRequest, *, user: Any = None, email: str = "", step: str) -> ratelimit.RateLimitUsage:
    """Count one attempt for the pair and the account; raise the refusal (and audit it) when either is locked.

    Roll the returned usage back when the attempt succeeds.
    """
    account = account_of(user=user, email=email)
    pair = ratelimit.consume(request, app=APP, action=PAIR, key=_pair(request, account))
    if pair is None:
        locked(request, limit=LIMIT_PAIR, step=step, user=user, email=email)
        raise _refusal()
    whole = ratelimit.consume(request, app=APP, action=ACCOUNT, key=account)
    if whole is None:
        pair.rollback()  # not checked, so not a failure of this address
        locked(request, limit=LIMIT_ACCOUNT, step=step, user=user, email=email)
        raise _refusal()
    return ratelimit.RateLimitUsage(usage=pair.usage + whole.usage)


def clear(request: HttpRequest, *, user: Any) -> None:
    """After a password reset: the owner has proved to hold the mailbox; lift the account's lockouts here."""
    account = account_of(user=user)
    ratelimit.clear(request, app=APP, action=ACCOUNT, key=account)
    ratelimit.clear(request, app=APP, action=PAIR, key=_pair(request, account))


def is_lockout(error: ValidationError) -> bool:
    return getattr(error, "code", None) == "too_many_login_attempts"


def _window(action: str) -> int:
    rates = ratelimit.get_rates(app=APP, action=action)
    return int(min((rate.duration for rate in rates), default=300))


def locked(request: HttpRequest, *, limit: str, step: str, user: Any = None, email: str = "") -> None:
    """Audit a lockout, once per limit, account (or address) and window, not once per refused attempt."""
    from razem.accounts.services import user_login_locked

    action = {LIMIT_PAIR: PAIR, LIMIT_ACCOUNT: ACCOUNT}.get(limit, "login_failed")
    who = account_of(user=user, email=email) if limit != LIMIT_ADDRESS else ratelimit.get_ip(request)
    if limit == LIMIT_PAIR:
        who = _pair(request, who)
    marker = (
        "razem:lockout:"
        + salted_hmac("razem.accounts.lockout.marker", f"{limit}|{who}", algorithm="sha256").hexdigest()[:32]
    )
    try:
        first = cache.add(marker, 1, timeout=_window(action))
    except Exception:  # noqa: BLE001 - a broken cache must not hide the lockout
        first = True
    if first:
        user_login_locked(request=request, user=user, email=email, limit=limit, step=step)
