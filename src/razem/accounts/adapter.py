"""allauth adapters: route allauth's e-mail through the outbox and audit its events."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import translation

from razem.accounts.models import User
from razem.core.notifications import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_language", None) or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            message = self.render_mail(template_prefix, email, {"email": email, **context, **self._site_context()})
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = str(content)
        queue_email(
            to=email,
            subject=str(message.subject),
            body_text=str(message.body),
            body_html=html,
            recipient=user if isinstance(user, User) else None,
            kind=template_prefix,
            language=language,
        )

    def _site_context(self) -> dict[str, Any]:
        """allauth's e-mails greet from the site: name it after the platform and its public address."""
        from types import SimpleNamespace
        from urllib.parse import urlsplit

        from allauth.core import context as allauth_context

        site = SimpleNamespace(name=settings.RAZEM_SITE_NAME, domain=urlsplit(settings.RAZEM_BASE_URL).netloc)
        return {"request": allauth_context.request, "current_site": site, "site_name": settings.RAZEM_SITE_NAME}

    def format_email_subject(self, subject: str) -> str:
        # queue_email adds the prefix once.
        return subject

    # Failed sign-ins (razem.accounts.lockout): allauth's per-address limit, then per (address, account) and per
    # account. The adapter is created per request, so the usage kept here is this attempt's.
    _lockout_usage: Any = None

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        from razem.accounts import lockout

        email = str(credentials.get("email") or credentials.get("username") or "")
        user = User.objects.filter(email__iexact=email).first() if email else None
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if lockout.is_lockout(error):
                lockout.locked(request, limit=lockout.LIMIT_ADDRESS, step=lockout.STEP_PASSWORD, user=user, email=email)
            raise
        self._lockout_usage = lockout.consume(request, user=user, email=email, step=lockout.STEP_PASSWORD)

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        self._lockout_usage = None
        user = super().authenticate(request, **credentials)
        if user is not None and self._lockout_usage is not None:
            self._lockout_usage.rollback()  # a right password is not a failure
        return user

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data["full_name"]
        user.preferred_language = translation.get_language() or settings.LANGUAGE_CODE
        if user.preferred_language not in dict(settings.LANGUAGES):
            user.preferred_language = settings.LANGUAGE_CODE
        if commit:
            user.save()
        return user


class MFAAdapter(DefaultMFAAdapter):
    """Second-factor secrets (TOTP keys, recovery-code seeds) are stored encrypted, never in the clear."""

    prefix = "fernet:"

    def get_totp_label(self, user: Any) -> str:
        return user.email

    @staticmethod
    def _fernet() -> Any:
        import base64
        import hashlib

        from cryptography.fernet import Fernet

        key = settings.RAZEM_SECRETS_KEY or settings.SECRET_KEY
        return Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"razem-mfa:" + key.encode()).digest()))

    def encrypt(self, text: str) -> str:
        return self.prefix + self._fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith(self.prefix):
            return encrypted_text  # stored before encryption was introduced
        return self._fernet().decrypt(encrypted_text.removeprefix(self.prefix).encode()).decode()
