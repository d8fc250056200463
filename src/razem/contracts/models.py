"""The contract for a public task (umowa o wsparcie / o powierzenie realizacji zadania publicznego) on the 2018
framework template (Załącznik nr 3 to Dz.U. 2018 poz. 2057), generated from the awarded offer and the decision, and
its annexes.

- ``Contract``: one per awarded offer (a competition offer or a small grant of art. 19a). While it is a draft the
  office edits it; signing freezes what it says (``content``, with its SHA-256) so that the PDF of the signed
  contract never changes. ``budget`` is the plan of costs and sources taken from the offer's version that the
  contract annexes (``version``); ``razem.contracts.plan.planned`` reads it.
- ``ContractTranche``: the grant of one budget year (from ``grants.AwardYear``) and the day the city pays it.
- ``ContractAnnex``: a later change of the dates or of the budget (lines, sources, the grant per year within the
  award), numbered within the contract, prepared then signed; a signed annex's budget replaces the contract's.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.core.files import private_storage


def default_tolerance() -> Decimal:
    """The tolerance of a cost line when the offer has no call (a small grant): the default of a call's own."""
    from razem.grants.models import Call

    return Decimal(str(Call._meta.get_field("report_tolerance").default))


def default_organ() -> str:
    """The authority when the offer has no call (a small grant): the default of a call's own."""
    from razem.grants.models import Call

    return str(Call._meta.get_field("organ").default)


class Contract(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Prepared for signing")
        SIGNED = "signed", _("Signed")
        TERMINATED = "terminated", _("Terminated")

    offer = models.OneToOneField("grants.Offer", on_delete=models.PROTECT, related_name="contract")
    # The filed version of the offer the contract annexes (the updated one after a partial award).
    version = models.ForeignKey(
        "grants.OfferVersion",
        verbose_name=_("version of the offer annexed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("contract number"), max_length=60, blank=True)
    form = models.CharField(_("form of the task"), max_length=16)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("title of the public task"), max_length=300)
    start_date = models.DateField(_("task starts"))
    end_date = models.DateField(_("task ends"))
    bank_account = models.CharField(_("bank account for the grant"), max_length=40, blank=True)
    # The city's side: the commune, the authority, and the people signing for it (typed by the office).
    principal = models.CharField(_("the city (Zleceniodawca)"), max_length=300, default="Gmina Miejska Kraków")
    organ = models.CharField(_("public authority"), max_length=200, default=default_organ)
    city_signatories = models.TextField(_("signing for the city"), blank=True)
    # The people signing for each oferent, as in the registry's representation rule: [{"name": ..., "function":
    # ..., "organization": ...}]
    oferent_signatories = models.JSONField(_("signing for the oferent(s)"), default=list, blank=True)
    place_of_signing = models.CharField(_("place of signing"), max_length=100, default="Kraków")
    # How much (per cent) a cost line may exceed its plan without an annex: the call's, or the default of a call.
    tolerance = models.DecimalField(
        _("tolerance of a cost line [%]"), max_digits=5, decimal_places=2, default=default_tolerance
    )
    # The plan the report is settled against, taken from the annexed version (``razem.contracts.plan``).
    budget = models.JSONField(_("budget"), default=dict, blank=True, editable=False)
    # What the signed contract says, frozen at signing (the PDF is rendered from it), and its SHA-256.
    content = models.JSONField(_("content as signed"), default=dict, blank=True, editable=False)
    content_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True, editable=False)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_recorded_at = models.DateTimeField(_("signing recorded"), null=True, blank=True)
    signed_scan = models.FileField(
        _("scan of the signed contract"), upload_to="contracts/%Y/", storage=private_storage, blank=True
    )
    signed_scan_sha256 = models.CharField(_("SHA-256 of the scan"), max_length=64, blank=True)
    signed_scan_name = models.CharField(_("file name of the scan"), max_length=255, blank=True)
    signed_scan_size = models.PositiveIntegerField(_("size of the scan"), default=0)
    status_reason = models.TextField(_("reason"), blank=True)
    terminated_at = models.DateTimeField(_("terminated"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("prepared"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

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
        indexes = [models.Index(fields=["status", "start_date"], name="contracts_status_start")]

    def __str__(self) -> str:
        return self.number or str(_("Contract in preparation"))

    def get_absolute_url(self) -> str:
        return reverse("contracts:detail", args=[self.pk])

    def get_staff_url(self) -> str:
        return reverse("contracts_staff:detail", args=[self.pk])

    @property
    def years(self) -> list[int]:
        return list(range(self.start_date.year, self.end_date.year + 1))

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    @property
    def was_signed(self) -> bool:
        """Signed, whether still in force or terminated since."""
        return self.signed_on is not None


class ContractTranche(models.Model):
    """The grant of one budget year and the day by which the city pays it (a multi-year contract has several)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="tranches")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(
        _("grant"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    due_date = models.DateField(_("paid by"), null=True, blank=True)

    class Meta:
        verbose_name = _("tranche of the grant")
        verbose_name_plural = _("tranches of the grant")
        ordering = ["contract", "year"]
        constraints = [models.UniqueConstraint(fields=["contract", "year"], name="contracts_tranche_one_per_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class ContractAnnex(models.Model):
    """A change of a signed contract: its dates, its budget (cost lines, sources, the grant per year within the
    award), numbered within the contract, with its reason; prepared by the office, then signed."""

    class Status(models.TextChoices):
        PREPARED = "prepared", _("Prepared for signing")
        SIGNED = "signed", _("Signed")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="annexes")
    number = models.PositiveSmallIntegerField(_("annex number"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PREPARED)
    reason = models.TextField(_("reason for the change"))
    start_date = models.DateField(_("task starts"))
    end_date = models.DateField(_("task ends"))
    # The new budget (same shape as ``Contract.budget``), or empty when the annex does not change it.
    budget = models.JSONField(_("budget"), default=dict, blank=True, editable=False)
    # What changes, as shown: [{"label": ..., "old": ..., "new": ...}]
    changes = models.JSONField(_("changes"), default=list, blank=True, editable=False)
    content = models.JSONField(_("content as signed"), default=dict, blank=True, editable=False)
    content_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True, editable=False)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_recorded_at = models.DateTimeField(_("signing recorded"), null=True, blank=True)
    signed_scan = models.FileField(
        _("scan of the signed annex"), upload_to="contracts/annexes/%Y/", storage=private_storage, blank=True
    )
    signed_scan_sha256 = models.CharField(_("SHA-256 of the scan"), max_length=64, blank=True)
    signed_scan_name = models.CharField(_("file name of the scan"), max_length=255, blank=True)
    signed_scan_size = models.PositiveIntegerField(_("size of the scan"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("prepared"), default=timezone.now)

    class Meta:
        verbose_name = _("annex to a contract")
        verbose_name_plural = _("annexes to contracts")
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="contracts_annex_number"),
            models.CheckConstraint(
                condition=models.Q(start_date__lte=models.F("end_date")), name="contracts_annex_dates_order"
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Annex no. %(number)s to contract %(contract)s") % {"number": self.number, "contract": self.contract}
        )

    def get_staff_url(self) -> str:
        return reverse("contracts_staff:annex", args=[self.contract_id, self.number])

    @property
    def changes_budget(self) -> bool:
        return bool(self.budget)

    @property
    def is_prepared(self) -> bool:
        return self.status == self.Status.PREPARED
