"""A person's login.gov.pl identity, linked to their account; the SAML messages already consumed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GovIdentity(models.Model):
    """A login.gov.pl identity linked to one account.

    ``identifier_hash`` is an HMAC-SHA256 of the eIDAS PersonIdentifier (PESEL-based) under a secret pepper
    (``RAZEM_LOGINGOVPL["pepper"]``) and the environment; the PESEL itself is never stored. Names and the date of
    birth are not stored either: the account keeps the name the person chose.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gov_identity", verbose_name=_("person")
    )
    identifier_hash = models.CharField(_("identifier (keyed hash)"), max_length=64, unique=True)
    environment = models.CharField(_("environment"), max_length=16)
    linked_at = models.DateTimeField(_("linked at"), default=timezone.now)
    last_login_at = models.DateTimeField(_("last sign-in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("login.gov.pl identity")
        verbose_name_plural = _("login.gov.pl identities")

    def __str__(self) -> str:
        return f"login.gov.pl #{self.pk}"


class ConsumedMessage(models.Model):
    """An artifact or an assertion already used: the same one presented again is refused (replay)."""

    class Kind(models.TextChoices):
        ARTIFACT = "artifact", "artifact"
        ASSERTION = "assertion", "assertion"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    digest = models.CharField(max_length=64)
    consumed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "digest"], name="identity_consumed_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.digest[:12]}"
