"""The offer on the statutory 2018 form (Załącznik nr 1 to Dz.U. 2018 poz. 2057), section by section.

A draft is edited in place, by any person who may act for its oferent(s); filing freezes the whole offer into an
``OfferVersion`` (canonical JSON with its SHA-256). Input that does not pass a section's validation is kept in
``DraftInput`` until it does, so that nothing typed is lost.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from razem.core.files import private_storage
from razem.grants.models.calls import NON_NEGATIVE, Call, RequiredAttachment, TaskForm


class Offer(models.Model):
    class Kind(models.TextChoices):
        COMPETITION = "competition", _("Offer in an open competition (art. 14)")
        SMALL_GRANT = "small_grant", _("Offer outside a competition (art. 19a)")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("offer status", "Draft")
        FILED = "filed", pgettext_lazy("offer status", "Filed")
        WITHDRAWN = "withdrawn", pgettext_lazy("offer status", "Withdrawn")
        # After the deadline (grants II): the formal check, the decision, and for small grants the comment period.
        CORRECTING = "correcting", pgettext_lazy("offer status", "Called to correct")
        ADMITTED = "admitted", pgettext_lazy("offer status", "Formally correct")
        REJECTED = "rejected", pgettext_lazy("offer status", "Rejected formally")
        PUBLISHED = "published", pgettext_lazy("offer status", "Published for comments")
        AWARDED = "awarded", pgettext_lazy("offer status", "Grant awarded")
        NOT_AWARDED = "not_awarded", pgettext_lazy("offer status", "Not funded")
        RESIGNED = "resigned", pgettext_lazy("offer status", "Oferent resigned")

    # Filed and not withdrawn: every state an offer reaches from its first filing on (grants II included).
    FILED_STATES = ("filed", "correcting", "admitted", "rejected", "published", "awarded", "not_awarded", "resigned")

    class Payment(models.TextChoices):
        FREE = "free", _("free of charge (nieodpłatnie)")
        PAID = "paid", _("for a fee (odpłatnie)")
        BOTH = "both", _("partly for a fee, partly free of charge")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COMPETITION)
    call = models.ForeignKey(
        Call, verbose_name=_("call"), null=True, blank=True, on_delete=models.PROTECT, related_name="offers"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("oferent"), on_delete=models.PROTECT, related_name="grant_offers"
    )
    number = models.CharField(_("offer number"), max_length=60, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    status_reason = models.TextField(_("reason"), blank=True)
    task_form = models.CharField(_("form of the task"), max_length=16, choices=TaskForm.choices, blank=True)
    # II.2 The person who explains the offer.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    # III. The task.
    title = models.CharField(_("title of the public task"), max_length=300, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    synthetic_description = models.TextField(_("synthetic description of the task"), blank=True)
    results_description = models.TextField(_("expected results"), blank=True)
    # IV. The oferent's characteristics.
    experience = models.TextField(_("earlier activity of the oferent"), blank=True)
    resources = models.TextField(_("staff, material and financial resources"), blank=True)
    # VI. Other information.
    payment = models.CharField(_("the task will be done"), max_length=8, choices=Payment.choices, blank=True)
    joint_roles = models.TextField(_("what each oferent does and how they are represented"), blank=True)
    other_info = models.TextField(_("other information"), blank=True)
    # Bookkeeping.
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("saved"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Incremented by every save of the draft: an autosave that started from an older revision is told.
    revision = models.PositiveIntegerField(default=0)
    # The revision at which each section of the editor was last saved, and by whom ({"koszty": {"revision": 7,
    # "by": 12}}): a save is stale only when someone else saved the same section after the form was opened, and a
    # partner's confirmation lapses only when the budget or the partnership changed after it (grants.validation).
    section_revisions = models.JSONField(default=dict, blank=True, editable=False)
    filed_at = models.DateTimeField(_("filed"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    current_version = models.ForeignKey(
        "OfferVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # The commission's opinion (written by the commission when it adopts its opinion): the average points of the
    # voting members and the amount it proposes; the decision (grants.Award) may differ.
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True)
    proposed_grant = models.DecimalField(
        _("grant proposed by the commission"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    checked_at = models.DateTimeField(_("formal check finished"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Reminders of the deadline already sent for this draft ("first", "last"), so a daily job never repeats one.
    reminders_sent = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-updated_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="grants_offer_unique_number"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=models.F("end_date")),
                name="grants_offer_dates_order",
            ),
        ]
        indexes = [models.Index(fields=["call", "status"], name="grants_offer_call_status")]

    def __str__(self) -> str:
        return self.number or self.title or str(_("Draft offer"))

    def get_absolute_url(self) -> str:
        return reverse("grants:offer", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def years(self) -> list[int]:
        """The budget years of the offer: those of its dates, else those of the call's window."""
        if self.start_date and self.end_date:
            return list(range(self.start_date.year, self.end_date.year + 1))
        if self.call is not None:
            return self.call.years
        return [timezone.localdate().year]


class OfferPartner(models.Model):
    """Another oferent of a joint offer (art. 14 ust. 2); the lead oferent is ``Offer.organization``."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="grant_partnerships",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # The partner's confirmation holds for the content it saw: a later change of the budget asks again.
    confirmed_revision = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("partner in a joint offer")
        verbose_name_plural = _("partners in a joint offer")
        ordering = ["offer", "invited_at", "id"]
        constraints = [models.UniqueConstraint(fields=["offer", "organization"], name="grants_partner_once")]

    def __str__(self) -> str:
        return str(self.organization)


class Activity(models.Model):
    """III.4 A row of the plan and schedule of activities for one year."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="activities")
    year = models.PositiveSmallIntegerField(_("year"))
    position = models.PositiveSmallIntegerField(_("no."), default=0)
    name = models.CharField(_("name of the activity"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    planned_period = models.CharField(_("planned time"), max_length=200, blank=True)
    subcontracted_scope = models.TextField(_("scope done by an entity that is not a party to the contract"), blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["offer", "year", "position", "id"]

    def __str__(self) -> str:
        return self.name


class ExpectedResult(models.Model):
    """III.6 A row of the results table."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="results")
    position = models.PositiveSmallIntegerField(_("no."), default=0)
    name = models.CharField(_("result"), max_length=300)
    target_value = models.CharField(_("planned level (target value)"), max_length=200)
    monitoring = models.TextField(_("how it is monitored / source of information"))

    class Meta:
        verbose_name = _("expected result")
        verbose_name_plural = _("expected results")
        ordering = ["offer", "position", "id"]

    def __str__(self) -> str:
        return self.name


class CostLine(models.Model):
    """V.A A cost line: realization of an activity or administration, borne by one oferent, with its per-year split.

    ``year_amounts`` maps the year (as a string) to the amount (as a decimal string); their sum equals
    ``unit_cost × quantity`` rounded to the grosz (``grants.budget``)."""

    class Category(models.TextChoices):
        REALIZATION = "realization", _("Costs of the activities")
        ADMINISTRATION = "administration", _("Administrative costs")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="cost_lines")
    position = models.PositiveSmallIntegerField(_("no."), default=0)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, default=Category.REALIZATION)
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cost_lines",
    )
    # In a joint offer, the oferent who bears the cost (empty: the lead oferent).
    partner = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("oferent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("kind of cost"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50)
    unit_cost = models.DecimalField(_("unit cost [PLN]"), validators=NON_NEGATIVE, max_digits=14, decimal_places=2)
    quantity = models.DecimalField(_("number of units"), max_digits=12, decimal_places=2, validators=NON_NEGATIVE)
    year_amounts = models.JSONField(_("value per year"), default=dict)

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ["offer", "position", "id"]

    def __str__(self) -> str:
        return self.name


class Funding(models.Model):
    """V.B The sources of funding for one budget year."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="funding")
    year = models.PositiveSmallIntegerField(_("year"))
    grant = models.DecimalField(
        _("requested grant"), default=Decimal("0"), validators=NON_NEGATIVE, max_digits=14, decimal_places=2
    )
    own_financial = models.DecimalField(
        _("own financial contribution"), default=Decimal("0"), validators=NON_NEGATIVE, max_digits=14, decimal_places=2
    )
    own_personal = models.DecimalField(
        _("own non-financial contribution: personal"),
        default=Decimal("0"),
        validators=NON_NEGATIVE,
        max_digits=14,
        decimal_places=2,
    )
    own_material = models.DecimalField(
        _("own non-financial contribution: material"),
        default=Decimal("0"),
        validators=NON_NEGATIVE,
        max_digits=14,
        decimal_places=2,
    )
    recipient_fees = models.DecimalField(
        _("fees from recipients"), default=Decimal("0"), validators=NON_NEGATIVE, max_digits=14, decimal_places=2
    )

    class Meta:
        verbose_name = _("funding for a year")
        verbose_name_plural = _("funding per year")
        ordering = ["offer", "year"]
        constraints = [models.UniqueConstraint(fields=["offer", "year"], name="grants_funding_one_per_year")]

    def __str__(self) -> str:
        return f"{self.year}"


class OfferAttachment(models.Model):
    """A document attached to the offer, answering one of the call's required attachments or added freely."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="attachments")
    requirement = models.ForeignKey(
        RequiredAttachment,
        verbose_name=_("answers"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to="grants/attachments/%Y/", storage=private_storage)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["offer", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class DraftInput(models.Model):
    """What a person typed in a section of a draft that did not pass its validation yet: shown again, with the
    errors, until it does (then the section's rows hold it and this row goes)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="draft_inputs")
    section = models.CharField(max_length=32)
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["offer", "section"], name="grants_draft_input_once")]

    def __str__(self) -> str:
        return f"{self.offer_id}/{self.section}"


class OfferVersion(models.Model):
    """A filed version of an offer, frozen: the canonical JSON of everything filed (sections, budget, attachments'
    checksums, declarations, signatories) and the SHA-256 of that JSON, printed on the receipt and the PDF."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    filed_at = models.DateTimeField(_("filed"), default=timezone.now)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = models.JSONField(_("content"))
    checksum = models.CharField(_("SHA-256"), max_length=64)
    total_cost = models.DecimalField(_("total cost"), max_digits=14, decimal_places=2)
    grant_requested = models.DecimalField(_("requested grant"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("filed version")
        verbose_name_plural = _("filed versions")
        ordering = ["offer", "number"]
        constraints = [models.UniqueConstraint(fields=["offer", "number"], name="grants_version_number")]

    def __str__(self) -> str:
        return f"{self.offer} v{self.number}"
