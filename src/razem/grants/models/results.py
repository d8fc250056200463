"""The decision on a call (zarządzenie Prezydenta) or on a small grant, the grants it awards per offer and budget
year, the update an oferent files when awarded less than requested, and the questions about a decision."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.grants.models.calls import NON_NEGATIVE, Call
from razem.grants.models.offers import Offer, OfferVersion


class Decision(models.Model):
    """The organ's decision: for a call, on all its admitted offers; for a small grant (``call`` empty), on one."""

    call = models.OneToOneField(Call, null=True, blank=True, on_delete=models.PROTECT, related_name="decision")
    number = models.CharField(_("number of the order"), max_length=60, help_text=_('E.g. "1234/2027".'))
    made_on = models.DateField(_("date of the order"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    note = models.TextField(_("justification"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    results_published_at = models.DateTimeField(_("results published in Razem"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-made_on", "id"]

    def __str__(self) -> str:
        return self.number


class Award(models.Model):
    """A grant awarded to an offer (the offer is then ``awarded``; the offers not funded have no award)."""

    class Update(models.TextChoices):
        NOT_NEEDED = "not_needed", _("Not needed")
        AWAITED = "awaited", _("Update awaited")
        FILED = "filed", _("Update filed")
        RESIGNED = "resigned", _("Oferent resigned")

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awards")
    offer = models.OneToOneField(Offer, on_delete=models.PROTECT, related_name="award")
    amount = models.DecimalField(_("grant awarded"), max_digits=14, decimal_places=2, validators=NON_NEGATIVE)
    requested = models.DecimalField(_("grant requested"), max_digits=14, decimal_places=2)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True)
    # The version the award was made on, and the share of the grant in its total cost: an update may not raise it.
    version = models.ForeignKey(OfferVersion, on_delete=models.PROTECT, related_name="+")
    grant_share = models.DecimalField(_("share of the grant in the total cost [%]"), max_digits=5, decimal_places=2)
    update = models.CharField(_("update of the offer"), max_length=12, choices=Update.choices)
    update_due = models.DateField(_("update due"), null=True, blank=True)
    updated_version = models.ForeignKey(
        OfferVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("grant awarded")
        verbose_name_plural = _("grants awarded")
        ordering = ["decision", "-points", "id"]

    def __str__(self) -> str:
        return f"{self.offer}: {self.amount}"

    @property
    def is_partial(self) -> bool:
        return self.amount < self.requested


class AwardYear(models.Model):
    """The part of an award in one budget year; the sum per year over a call may not exceed the call's funds."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, validators=NON_NEGATIVE)

    class Meta:
        verbose_name = _("grant awarded in a year")
        verbose_name_plural = _("grants awarded per year")
        ordering = ["award", "year"]
        constraints = [models.UniqueConstraint(fields=["award", "year"], name="grants_awardyear_unique")]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class Question(models.Model):
    """An oferent's question about the decision (no appeal lies, art. 15 ust. 2j) and the office's answer, kept with
    the call."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    text = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("question about the decision")
        verbose_name_plural = _("questions about the decision")
        ordering = ["call", "asked_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]
