"""Reports on a public task (art. 18 u.d.p.p.w.) on the 2018 report form (Załącznik nr 5 to Dz.U. 2018 poz. 2057;
the simplified report of a small grant, art. 19a, poz. 2055), and the settlement of the grant.

A ``Report`` belongs to a signed contract: a partial report for a period of one budget year when the office demands
it (due at least ``partial_report_min_days`` after the demand is delivered), the final report for the whole task
(due ``grant_report_days`` after it ends). Its rows hold what the oferent reports: the results achieved against the
offer's results table (III.6), the costs actually spent on each planned line in each year, the sources of funding
actually used in each year, other income and the fees from recipients. Filing freezes the whole report into a
``ReportFiling`` (canonical JSON with its SHA-256, and a PDF). Accepting the final report settles the grant per
budget year (``Settlement``); the office records the returns (``SettlementReturn``), in parts if need be.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from razem.core.money import ZERO, money


def _amount(label: Any, *, null: bool = False, default: Decimal | None = ZERO) -> models.DecimalField:
    if null:
        return models.DecimalField(label, max_digits=14, decimal_places=2, null=True, blank=True)
    return models.DecimalField(label, max_digits=14, decimal_places=2, default=default)


class Report(models.Model):
    class Kind(models.TextChoices):
        PARTIAL = "partial", _("Partial report")
        FINAL = "final", _("Final report")

    class Status(models.TextChoices):
        DEMANDED = "demanded", pgettext_lazy("report status", "Awaited")
        DRAFT = "draft", pgettext_lazy("report status", "Being prepared")
        FILED = "filed", pgettext_lazy("report status", "Filed, awaiting review")
        CORRECTING = "correcting", pgettext_lazy("report status", "Returned for corrections")
        ACCEPTED = "accepted", pgettext_lazy("report status", "Accepted")

    # The statuses in which the oferent still owes the report (or its corrections).
    OPEN = (Status.DEMANDED, Status.DRAFT, Status.CORRECTING)
    EDITABLE = (Status.DEMANDED, Status.DRAFT, Status.CORRECTING)

    contract = models.ForeignKey(
        "contracts.Contract", verbose_name=_("contract"), on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DEMANDED, db_index=True
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    # A partial report: the day the office's demand was delivered (art. 18 ust. 3), who demanded it and why.
    demanded_at = models.DateField(_("demand delivered on"), null=True, blank=True)
    demanded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    demand_note = models.TextField(_("what the office asks for"), blank=True)
    due_date = models.DateField(_("due"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Part I: the narrative report.
    results_description = models.TextField(_("results achieved"), blank=True)
    activities_description = models.TextField(_("how the task was carried out"), blank=True)
    # Part II: remarks on the financial report (why a line differs from the plan, ...).
    cost_remarks = models.TextField(_("remarks on the costs"), blank=True)
    # Part III: additional information, and the statements (key -> "yes").
    additional_info = models.TextField(_("additional information"), blank=True)
    declarations = models.JSONField(_("statements"), default=dict, blank=True)
    # Editing: incremented by every save; input that could not be saved, per part, shown again until saved.
    revision = models.PositiveIntegerField(default=0, editable=False)
    unsaved = models.JSONField(default=dict, blank=True, editable=False)
    updated_at = models.DateTimeField(_("saved"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Filing: the content as last filed (its filings are kept in ``ReportFiling``).
    content = models.JSONField(_("content as filed"), null=True, blank=True, editable=False)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    deviations_declared = models.BooleanField(_("filed with the deviations declared"), default=False)
    filed_at = models.DateTimeField(_("filed"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The office's review.
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    correction_message = models.TextField(_("what to correct"), blank=True)
    correction_due = models.DateField(_("corrections due"), null=True, blank=True)
    # Reminders already sent ("due:2027-01-30", "correction:2027-02-20"): one per due date, never twice.
    reminders_sent = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contract"], condition=Q(kind="final"), name="reports_one_final"),
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")), name="reports_report_period_order"
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="reports_status_due")]

    def __str__(self) -> str:
        number = self.contract.number if self.contract_id else ""
        return f"{self.get_kind_display()} {number}".strip()

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    def get_staff_url(self) -> str:
        return reverse("reports_staff:detail", args=[self.pk])

    @property
    def is_final(self) -> bool:
        return self.kind == self.Kind.FINAL

    @property
    def is_small(self) -> bool:
        """The simplified report of a small grant (art. 19a): no results table, no split between oferents."""
        return self.contract.offer.kind == "small_grant"

    @property
    def years(self) -> list[int]:
        """The budget years the report accounts for: the period's (one for a partial report)."""
        return list(range(self.period_start.year, self.period_end.year + 1))

    @property
    def current_due(self):  # type: ignore[no-untyped-def]
        """The date by which the oferent must act now: the corrections' when returned, else the report's."""
        if self.status == self.Status.CORRECTING and self.correction_due:
            return self.correction_due
        return self.due_date

    def is_overdue(self, today=None) -> bool:  # type: ignore[no-untyped-def]
        today = today or timezone.localdate()
        return self.status in self.OPEN and self.current_due < today


class ResultRow(models.Model):
    """Part I: one result of the offer's table (III.6), its planned level and the level achieved."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="results")
    result = models.ForeignKey(
        "grants.ExpectedResult", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("no."), default=0)
    name = models.CharField(_("result"), max_length=300)
    planned = models.CharField(_("planned level"), max_length=200, blank=True)
    achieved = models.CharField(_("level achieved"), max_length=200, blank=True)
    measured = models.TextField(_("how it was measured"), blank=True)
    comment = models.TextField(_("comment (why not achieved, sustainability)"), blank=True)

    class Meta:
        verbose_name = _("result achieved")
        verbose_name_plural = _("results achieved")
        ordering = ["report", "position", "id"]

    def __str__(self) -> str:
        return self.name


class CostRow(models.Model):
    """Part II.1: a planned cost line in one budget year, its planned value (``contracts.plan.planned``, refreshed
    while the report is edited) and the amount actually spent (empty until given)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="costs")
    number = models.PositiveSmallIntegerField(_("line"))
    year = models.PositiveSmallIntegerField(_("year"))
    category = models.CharField(_("category"), max_length=16, default="realization")
    name = models.CharField(_("kind of cost"), max_length=300)
    partner = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("oferent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    planned = _amount(_("planned"))
    actual = _amount(_("actually spent"), null=True)
    in_plan = models.BooleanField(_("in the plan"), default=True)

    class Meta:
        verbose_name = _("cost actually spent")
        verbose_name_plural = _("costs actually spent")
        ordering = ["report", "year", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number", "year"], name="reports_cost_once")]

    def __str__(self) -> str:
        return f"{self.year} {self.number}. {self.name}"


class SourceRow(models.Model):
    """Part II.2: the sources of funding actually used in one budget year (empty until given)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sources")
    year = models.PositiveSmallIntegerField(_("year"))
    grant = _amount(_("grant"), null=True)
    own_financial = _amount(_("own financial contribution"), null=True)
    own_personal = _amount(_("own non-financial contribution: personal"), null=True)
    own_material = _amount(_("own non-financial contribution: material"), null=True)
    recipient_fees = _amount(_("fees from recipients"), null=True)

    class Meta:
        verbose_name = _("sources actually used")
        verbose_name_plural = _("sources actually used")
        ordering = ["report", "year"]
        constraints = [models.UniqueConstraint(fields=["report", "year"], name="reports_sources_once")]

    def __str__(self) -> str:
        return str(self.year)


class IncomeRow(models.Model):
    """Part II.3 and II.4: other income earned while carrying out the task, and fees charged to its recipients."""

    class Kind(models.TextChoices):
        OTHER = "other", _("Other income")
        FEE = "fee", _("Fees from recipients")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="income")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    position = models.PositiveSmallIntegerField(_("no."), default=0)
    description = models.CharField(_("description"), max_length=500)
    amount = _amount(_("amount"))

    class Meta:
        verbose_name = _("income")
        verbose_name_plural = _("income")
        ordering = ["report", "kind", "year", "position", "id"]

    def __str__(self) -> str:
        return self.description


class ReportFiling(models.Model):
    """A filing of a report, frozen: the canonical JSON of everything filed and its SHA-256 (printed on the PDF)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="filings")
    number = models.PositiveSmallIntegerField(_("filing"))
    filed_at = models.DateTimeField(_("filed"), default=timezone.now)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = models.JSONField(_("content"))
    checksum = models.CharField(_("SHA-256"), max_length=64)
    deviations_declared = models.BooleanField(_("deviations declared"), default=False)

    class Meta:
        verbose_name = _("filing of a report")
        verbose_name_plural = _("filings of reports")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reports_filing_number")]

    def __str__(self) -> str:
        return f"{self.report} ({self.number})"


class Settlement(models.Model):
    """The settlement of the grant of one budget year, computed when the final report is accepted.

    ``unspent`` is the grant received but not spent; ``breach`` what the rules broken oblige to return (the grant
    above the planned share of the eligible cost, where costs above a line's tolerance are not eligible; see
    ``reports.finance.settle``); ``to_return`` is their sum; ``returned`` the sum of the returns recorded."""

    contract = models.ForeignKey(
        "contracts.Contract", verbose_name=_("contract"), on_delete=models.PROTECT, related_name="settlements"
    )
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="settlements")
    year = models.PositiveSmallIntegerField(_("budget year"))
    grant_received = _amount(_("grant received"))
    grant_spent = _amount(_("grant spent"))
    unspent = _amount(_("grant not spent"))
    planned_cost = _amount(_("planned cost"))
    actual_cost = _amount(_("cost actually spent"))
    excess_cost = _amount(_("cost above the tolerance"))
    allowed_grant = _amount(_("grant allowed by the planned share"))
    breach = _amount(_("due for a rule broken"))
    to_return = _amount(_("to return"))
    returned = _amount(_("returned"))
    returned_on = models.DateField(_("last returned on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    computed_at = models.DateTimeField(_("computed"), default=timezone.now)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("settlement of a grant")
        verbose_name_plural = _("settlements of grants")
        ordering = ["contract", "year"]
        constraints = [models.UniqueConstraint(fields=["contract", "year"], name="reports_settlement_year")]

    def __str__(self) -> str:
        return f"{self.contract} {self.year}"

    @property
    def outstanding(self) -> Decimal:
        return max(money(self.to_return - self.returned), ZERO)

    @property
    def is_settled(self) -> bool:
        return self.returned >= self.to_return


class SettlementReturn(models.Model):
    """A return of (part of) the grant to the city's account, recorded by the office."""

    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="returns")
    amount = _amount(_("amount returned"))
    returned_on = models.DateField(_("returned on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("return of a grant")
        verbose_name_plural = _("returns of grants")
        ordering = ["settlement", "returned_on", "id"]

    def __str__(self) -> str:
        return f"{self.settlement}: {self.amount}"
