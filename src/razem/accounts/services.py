"""Write services for people and their accounts."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit, registry
from razem.core.models import LogEntry, Notification, OutboxEmail

PROFILE_FIELDS = ("full_name", "grammatical_gender", "phone", "preferred_language")


@transaction.atomic
def user_update_profile(*, actor: User, user: User, request: HttpRequest | None = None, **changes: Any) -> User:
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    # Compare with what is stored: a bound ModelForm has already copied the new values onto ``user``.
    before = User.objects.values(*changes).get(pk=user.pk) if changes else {}
    for name, value in changes.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(changes))
    changed = {name: {"from": before[name], "to": changes[name]} for name in changes if before[name] != changes[name]}
    if changed:
        audit.record(actor=actor, action="accounts.user.profile_changed", obj=user, data=changed, request=request)
    return user


@transaction.atomic
def user_set_role(*, actor: User, user: User, role: str, request: HttpRequest | None = None) -> User:
    if role not in User.Role.values:
        raise ValidationError(_("Unknown role."))
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.role == User.Role.ADMINISTRATOR and role != User.Role.ADMINISTRATOR:
        _ensure_another_administrator(locked)
    before = locked.role
    locked.role = role
    locked.save(update_fields=["role"])
    audit.record(
        actor=actor, action="accounts.user.role_changed", obj=locked, data={"from": before, "to": role}, request=request
    )
    return locked


def _ensure_another_administrator(user: User) -> None:
    others = User.objects.select_for_update().filter(role=User.Role.ADMINISTRATOR, is_active=True).exclude(pk=user.pk)
    if not others.exists():
        raise ValidationError(_("This is the last administrator. Appoint another administrator first."))


# Apps register what refuses a deletion (``check(user)`` returns the reasons, empty when it may go on) and what
# follows it (``cleanup(user)`` removes or anonymises the app's data of the person, inside the deletion
# transaction) in ``razem.core.registry.deletion_checks`` and ``deletion_cleanups``, from ``AppConfig.ready()``.


@transaction.atomic
def user_delete_account(*, actor: User, user: User, request: HttpRequest | None = None) -> User:
    """Delete what can be deleted and anonymise what the law requires to keep.

    Kept (anonymised): the account row, so that the audit log and records of what the person did
    for organizations keep their integrity. Deleted: e-mail addresses, second factors, notifications,
    e-mails not yet sent. Every session ends: the unusable password changes the session hash Django checks.
    Other apps refuse the deletion (e.g. the last administrator of an organization) or clean up their part
    through ``razem.core.registry.deletion_checks`` and ``deletion_cleanups``.
    """
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.role == User.Role.ADMINISTRATOR:
        _ensure_another_administrator(locked)
    problems = [problem for check in registry.deletion_checks for problem in check.run(locked)]
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    anonymous_email = anonymised_email(locked)
    audit.record(actor=actor, action="accounts.user.deleted", obj=locked, request=request)
    EmailAddress.objects.filter(user=locked).delete()
    Authenticator.objects.filter(user=locked).delete()
    label = _("Deleted account #%(id)s") % {"id": locked.pk}
    LogEntry.objects.filter(actor=locked).update(actor_label=label, ip_address=None)
    LogEntry.objects.filter(object_type="accounts.user", object_id=str(locked.pk)).update(object_repr=label)
    for cleanup in registry.deletion_cleanups:
        cleanup.run(locked)
    locked.email = anonymous_email
    locked.full_name = label
    locked.phone = ""
    locked.grammatical_gender = User.GrammaticalGender.UNSPECIFIED
    locked.is_active = False
    locked.role = User.Role.RESIDENT
    locked.anonymised_at = now
    locked.set_unusable_password()
    locked.save()
    return locked


def anonymised_email(user: User) -> str:
    return f"usuniete-konto-{user.pk}@anonymised.invalid"


def delete_kernel_data(user: User) -> None:
    """The kernel's part of a deletion (registered by ``AccountsConfig``): notifications and e-mails not yet sent
    go; e-mails sent keep that they were sent, to an anonymised address, without their text."""
    Notification.objects.filter(recipient=user).delete()
    OutboxEmail.objects.filter(recipient=user).exclude(status=OutboxEmail.Status.SENT).delete()
    OutboxEmail.objects.filter(recipient=user).update(
        to=anonymised_email(user), body_text="", body_html="", recipient=None
    )


def audit_auth_event(*, user: User | None, action: str, request: HttpRequest | None, data: dict | None = None) -> None:
    """Record sign-up, sign-in, password and second-factor events coming from allauth."""
    with transaction.atomic():
        audit.record(actor=user, action=action, obj=user, data=data, request=request)


def user_login_locked(*, request: HttpRequest | None, user: User | None, email: str, limit: str, step: str) -> None:
    """Record a sign-in lockout: the account when it exists, else the keyed hash of the e-mail tried; never the
    password or the code. The address is the entry's own, as for every audited request."""
    from razem.accounts.lockout import email_digest

    data: dict[str, Any] = {"limit": limit, "step": step}
    if user is None:
        data["email_hash"] = email_digest(email)
    with transaction.atomic():
        audit.record(actor=None, action="accounts.user.login_locked", obj=user, data=data, request=request)


def user_send_welcome(*, user: User) -> None:
    """Greet a person whose e-mail address has just been confirmed (once)."""
    from django.urls import reverse

    from razem.core.notifications import notify

    if not Notification.objects.filter(recipient=user, kind="welcome").exists():
        notify(recipient=user, kind="welcome", url=reverse("accounts:dashboard"))
