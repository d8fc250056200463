"""The formal check of filed offers: the call's checklist, the officer's finding per item, and the calls for
corrections (a deadline and the fields that may change)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.grants.models.calls import Call
from razem.grants.models.offers import Offer, OfferVersion


class CheckItem(models.Model):
    """One point of a call's formal checklist. Every call gets the default points (``grants.checks.DEFAULTS``, by
    ``code``) when its first offer is checked; the office may add its own (``code`` empty) or drop one."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="check_items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.CharField(_("code"), max_length=32, blank=True)
    name = models.CharField(_("requirement"), max_length=300)
    description = models.TextField(_("what to check"), blank=True)
    remediable = models.BooleanField(
        _("a defect can be corrected"), default=True, help_text=_("If not, a defect rejects the offer formally.")
    )

    class Meta:
        verbose_name = _("formal requirement")
        verbose_name_plural = _("formal requirements")
        ordering = ["call", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "code"], condition=~models.Q(code=""), name="grants_checkitem_unique_code"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CheckResult(models.Model):
    """The officer's finding on one point of the checklist for one offer (the latest; the audit log keeps the rest)."""

    class Outcome(models.TextChoices):
        MET = "met", _("Met")
        DEFECT = "defect", _("Defect that can be corrected")
        FAILED = "failed", _("Not met")
        NOT_APPLICABLE = "na", _("Does not apply")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="check_results")
    item = models.ForeignKey(CheckItem, on_delete=models.CASCADE, related_name="results")
    version = models.ForeignKey(OfferVersion, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("finding"), max_length=8, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked"), default=timezone.now)

    class Meta:
        verbose_name = _("finding of the formal check")
        verbose_name_plural = _("findings of the formal check")
        ordering = ["item__position", "item_id"]
        constraints = [models.UniqueConstraint(fields=["offer", "item"], name="grants_checkresult_unique")]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_outcome_display()}"


class CorrectionRequest(models.Model):
    """A call to correct remediable defects by a deadline (``offer_correction_days``): the oferent files a new
    version in which only the named ``fields`` (content keys of ``grants.content``) may change."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting the correction")
        ANSWERED = "answered", _("Corrected")
        LAPSED = "lapsed", _("Deadline passed")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="correction_requests")
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    fields = models.JSONField(_("what may change"), default=list)
    message = models.TextField(_("what to correct"))
    due_date = models.DateField(_("correct by"))
    legal_ref = models.CharField(_("legal basis of the deadline"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    answered_version = models.ForeignKey(
        OfferVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("corrected"), null=True, blank=True)

    class Meta:
        verbose_name = _("call for corrections")
        verbose_name_plural = _("calls for corrections")
        ordering = ["offer", "number"]
        constraints = [models.UniqueConstraint(fields=["offer", "number"], name="grants_correction_unique_number")]

    def __str__(self) -> str:
        return f"{self.offer} / {self.number}"
