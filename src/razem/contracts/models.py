"""The contract for a public task (umowa o wsparcie / o powierzenie realizacji zadania publicznego) on the 2018
framework template (Załącznik nr 3 to Dz.U. 2018 poz. 2057), generated from the awarded offer and the decision."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.core.files import private_storage


class Contract(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Prepared for signing")
        SIGNED = "signed", _("Signed")
        TERMINATED = "terminated", _("Terminated")

    offer = models.OneToOneField("grants.Offer", on_delete=models.PROTECT, related_name="contract")
    number = models.CharField(_("contract number"), max_length=60, blank=True)
    form = models.CharField(_("form of the task"), max_length=16)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("title of the public task"), max_length=300)
    start_date = models.DateField(_("task starts"))
    end_date = models.DateField(_("task ends"))
    bank_account = models.CharField(_("bank account for the grant"), max_length=40, blank=True)
    city_signatories = models.TextField(_("signing for the city"), blank=True)
    # The people signing for each oferent, as in the registry's representation rule: [{"name": ..., "function":
    # ..., "organization": ...}]
    oferent_signatories = models.JSONField(_("signing for the oferent(s)"), default=list, blank=True)
    place_of_signing = models.CharField(_("place of signing"), max_length=100, default="Kraków")
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_scan = models.FileField(
        _("scan of the signed contract"), upload_to="contracts/%Y/", storage=private_storage, blank=True
    )
    signed_scan_sha256 = models.CharField(_("SHA-256 of the scan"), max_length=64, blank=True)
    status_reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("prepared"), default=timezone.now)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="contracts_contract_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__lte=models.F("end_date")), name="contracts_contract_dates_order"
            ),
        ]

    def __str__(self) -> str:
        return self.number or str(_("Contract in preparation"))

    def get_absolute_url(self) -> str:
        return reverse("contracts:detail", args=[self.pk])

    @property
    def years(self) -> list[int]:
        return list(range(self.start_date.year, self.end_date.year + 1))
