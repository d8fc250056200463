"""The call for offers (ogłoszenie otwartego konkursu ofert, art. 13 ust. 2) and what hangs on it."""

import datetime
import hashlib
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from razem.core.models import PublicBenefitArea, Venue
from razem.core.slugs import keeps_old_slugs

NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class TaskForm(models.TextChoices):
    """The form of commissioning a public task (art. 5 ust. 4 pkt 2, art. 11 ust. 1)."""

    COMMISSIONING = "powierzenie", _("Commissioning (powierzenie)")
    SUPPORT = "wspieranie", _("Support (wspieranie)")


@keeps_old_slugs
class Call(models.Model):
    """An open competition of offers as announced: everything art. 13 ust. 2 requires and Kraków's notices hold."""

    class Form(models.TextChoices):
        COMMISSIONING = "powierzenie", _("Commissioning (powierzenie)")
        SUPPORT = "wspieranie", _("Support (wspieranie)")
        BOTH = "oba", _("Commissioning or support")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("call status", "Draft")
        ANNOUNCED = "announced", pgettext_lazy("call status", "Announced")
        # The next step (evaluation, decision, results) sets these.
        DECIDED = "decided", pgettext_lazy("call status", "Decided")
        CANCELLED = "cancelled", pgettext_lazy("call status", "Cancelled")

    class Phase(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("call phase", "In preparation")
        OPEN = "open", pgettext_lazy("call phase", "Accepting offers")
        CLOSED = "closed", pgettext_lazy("call phase", "Offers closed, evaluation")
        DECIDED = "decided", pgettext_lazy("call phase", "Decided")
        CANCELLED = "cancelled", pgettext_lazy("call phase", "Cancelled")

    class CancelGround(models.TextChoices):
        NO_OFFERS = "no_offers", _("No offer was filed (art. 18a ust. 1 pkt 1)")
        NONE_MEETS = "none_meets", _("No offer met the requirements of the call (art. 18a ust. 1 pkt 2)")

    number = models.CharField(_("number"), max_length=40, unique=True, help_text=_('E.g. "SZ-OKO/2027/01".'))
    slug = models.SlugField(_("address fragment"), max_length=80, unique=True)
    title = models.CharField(_("title of the public task"), max_length=300)
    organ = models.CharField(_("public authority"), max_length=200, default="Prezydent Miasta Krakowa")
    task_kind = models.TextField(_("kind of public task"), help_text=_("Art. 13 ust. 2 pkt 1, as in the notice."))
    areas = models.ManyToManyField(PublicBenefitArea, verbose_name=_("public-benefit areas"), related_name="+")
    form = models.CharField(_("form of the task"), max_length=16, choices=Form.choices)
    department = models.CharField(_("department running the call"), max_length=200)
    department_email = models.EmailField(_("department's e-mail"), blank=True)
    description = models.TextField(_("description of the task"), blank=True)
    # Grant rules (art. 13 ust. 2 pkt 3).
    min_grant = models.DecimalField(
        _("smallest grant"), null=True, blank=True, validators=NON_NEGATIVE, max_digits=14, decimal_places=2
    )
    max_grant = models.DecimalField(
        _("largest grant"), null=True, blank=True, validators=NON_NEGATIVE, max_digits=14, decimal_places=2
    )
    own_share_min = models.DecimalField(
        _("least own contribution (per cent of the total cost)"),
        default=Decimal("0"),
        validators=NON_NEGATIVE,
        max_digits=5,
        decimal_places=2,
    )
    own_financial_share_min = models.DecimalField(
        _("least own financial contribution, %"),
        default=Decimal("0"),
        validators=NON_NEGATIVE,
        max_digits=5,
        decimal_places=2,
    )
    own_nonfinancial_share_min = models.DecimalField(
        _("least own non-financial contribution, %"),
        default=Decimal("0"),
        validators=NON_NEGATIVE,
        max_digits=5,
        decimal_places=2,
    )
    recipient_fees_allowed = models.BooleanField(_("fees from recipients allowed"), default=False)
    admin_costs_max = models.DecimalField(
        _("most administrative costs (per cent of the total cost)"),
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
        max_digits=5,
        decimal_places=2,
    )
    grant_rules = models.TextField(_("other grant rules"), blank=True)
    # Dates and conditions of the task (art. 13 ust. 2 pkt 4).
    realization_start = models.DateField(_("task may start on"))
    realization_end = models.DateField(_("task must end by"))
    place = models.TextField(_("place of the task"), blank=True)
    venue = models.ForeignKey(
        Venue, verbose_name=_("city venue provided"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    conditions = models.TextField(_("conditions of the task"), blank=True)
    results_table_required = models.BooleanField(
        _("the results table (III.6) is required"), default=True, help_text=_("Section III.6 of the offer form.")
    )
    # Submission and choice (art. 13 ust. 2 pkt 5–6).
    submission_deadline = models.DateTimeField(_("deadline for offers"))
    evaluation_mode = models.TextField(_("mode of choosing offers"), blank=True)
    choice_date = models.DateField(_("offers chosen by"))
    # Art. 13 ust. 2 pkt 7: public tasks of the same kind done this year and last year, and their cost.
    same_kind_this_year = models.DecimalField(
        _("grants for tasks of the same kind this year"),
        default=Decimal("0"),
        validators=NON_NEGATIVE,
        max_digits=14,
        decimal_places=2,
    )
    same_kind_last_year = models.DecimalField(
        _("grants for tasks of the same kind last year"),
        default=Decimal("0"),
        validators=NON_NEGATIVE,
        max_digits=14,
        decimal_places=2,
    )
    same_kind_note = models.TextField(_("tasks of the same kind: details"), blank=True)
    # Recruitment of NGO members of the competition commission (Kraków practice).
    recruits_commission = models.BooleanField(_("also recruits NGO members of the commission"), default=True)
    nominations_close = models.DateTimeField(_("nominations to the commission close"), null=True, blank=True)
    # State.
    report_tolerance = models.DecimalField(
        _("tolerance of a cost line in the report [%]"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=NON_NEGATIVE,
        help_text=_("How much more than planned a cost line may show in the report without an annex."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    status_reason = models.TextField(_("reason"), blank=True)
    cancel_ground = models.CharField(
        _("ground of cancellation"), max_length=16, choices=CancelGround.choices, blank=True
    )
    published_at = models.DateTimeField(_("published in Razem"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Incremented on every change after publication, for the iCalendar entry (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # Areas folded for search, kept with the row.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("call for offers")
        verbose_name_plural = _("calls for offers")
        ordering = ["-submission_deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_grant__isnull=True)
                | Q(max_grant__isnull=True)
                | Q(min_grant__lte=models.F("max_grant")),
                name="grants_call_min_le_max",
            ),
            models.CheckConstraint(
                condition=Q(realization_start__lte=models.F("realization_end")), name="grants_call_window_order"
            ),
        ]
        indexes = [models.Index(fields=["status", "submission_deadline"], name="grants_call_status_deadline")]

    def __str__(self) -> str:
        return f"{self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("grants:call", args=[self.slug])

    @property
    def years(self) -> list[int]:
        """The budget years of the task's window, in order (one for a one-year task)."""
        return list(range(self.realization_start.year, self.realization_end.year + 1))

    @property
    def is_multi_year(self) -> bool:
        return self.realization_start.year != self.realization_end.year

    def phase(self, now: datetime.datetime | None = None) -> str:
        now = now or timezone.now()
        if self.status == self.Status.CANCELLED:
            return self.Phase.CANCELLED
        if self.status == self.Status.DRAFT:
            return self.Phase.DRAFT
        if self.status == self.Status.DECIDED:
            return self.Phase.DECIDED
        return self.Phase.OPEN if now <= self.submission_deadline else self.Phase.CLOSED

    def accepts_offers(self, now: datetime.datetime | None = None) -> bool:
        """Offers may be filed: published and not past the deadline (judged by the server clock, to the second)."""
        return self.phase(now) == self.Phase.OPEN

    def task_forms(self) -> list[str]:
        """The forms an offer may choose: one, or both when the call allows either."""
        if self.form == self.Form.BOTH:
            return [TaskForm.COMMISSIONING, TaskForm.SUPPORT]
        return [self.form]


class CallFunds(models.Model):
    """The public funds of the call for one budget year (Kraków splits multi-year calls per year)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="funds")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("public funds"), validators=NON_NEGATIVE, max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("funds for a year")
        verbose_name_plural = _("funds per year")
        ordering = ["call", "year"]
        constraints = [models.UniqueConstraint(fields=["call", "year"], name="grants_funds_one_per_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class Criterion(models.Model):
    """A criterion of choosing offers with its most points; the six of art. 15 ust. 1 are preloaded."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.TextField(_("criterion"))
    max_points = models.DecimalField(_("most points"), max_digits=5, decimal_places=1, validators=NON_NEGATIVE)
    # "art15_1" … "art15_6" for the statutory criteria, empty for one the office added.
    statutory = models.CharField(_("statutory criterion"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "position", "id"]

    def __str__(self) -> str:
        return self.name


class RequiredAttachment(models.Model):
    """A document the call requires (or accepts) with an offer."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="required_attachments")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("document"), max_length=300)
    description = models.TextField(_("what it must show"), blank=True)
    mandatory = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("required attachment")
        verbose_name_plural = _("required attachments")
        ordering = ["call", "position", "id"]

    def __str__(self) -> str:
        return self.name


class Publication(models.Model):
    """A publication in one of the statutory channels (art. 13 ust. 3; results art. 15 ust. 2h; art. 18a ust. 2)."""

    class Channel(models.TextChoices):
        RAZEM = "razem", _("This website (the authority's website)")
        BIP = "bip", _("Public Information Bulletin (BIP)")
        NOTICE_BOARD = "notice_board", _("Notice board at the office's seat")
        PRESS = "press", _("Daily or weekly newspaper")

    class Subject(models.TextChoices):
        CALL = "call", _("Call for offers")
        CORRECTION = "correction", _("Correction of the call")
        RESULTS = "results", _("Results")
        CANCELLATION = "cancellation", _("Cancellation")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="publications")
    subject = models.CharField(_("what was published"), max_length=16, choices=Subject.choices, default=Subject.CALL)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    published_on = models.DateField(_("published on"))
    url = models.URLField(_("address"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["call", "subject", "published_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "subject", "channel"], name="grants_publication_one_per_channel")
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.published_on}"


class Correction(models.Model):
    """An audited, dated correction notice of a published call (shown on its page, sent to organizations with
    drafts); ``changes`` lists the fields changed with their old and new values as shown."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="corrections")
    number = models.PositiveSmallIntegerField(_("number"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    notice = models.TextField(_("correction notice"))
    changes = models.JSONField(_("changes"), default=list)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("correction of a call")
        verbose_name_plural = _("corrections of a call")
        ordering = ["call", "number"]
        constraints = [models.UniqueConstraint(fields=["call", "number"], name="grants_correction_number")]

    def __str__(self) -> str:
        return f"{self.call.number} #{self.number}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CommissionNomination(models.Model):
    """A person an organization nominates to the competition commission; the nominee consents through a link
    sent to them (only the hash of the token is kept). Who sits on the commission is decided in the next step."""

    class Status(models.TextChoices):
        AWAITING_CONSENT = "awaiting", _("Awaiting the nominee's consent")
        CONSENTED = "consented", _("Consented")
        DECLINED = "declined", _("Declined by the nominee")
        WITHDRAWN = "withdrawn", _("Withdrawn by the organization")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="nominations")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="commission_nominations"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    qualifications = models.TextField(_("experience and qualifications"), blank=True)
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominee's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commission_nominations",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.AWAITING_CONSENT)
    token_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("nominated"), default=timezone.now)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)

    class Meta:
        verbose_name = _("nomination to the commission")
        verbose_name_plural = _("nominations to the commission")
        ordering = ["call", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "email"],
                condition=~Q(status__in=["declined", "withdrawn"]),
                name="grants_nomination_one_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organization})"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)
