"""Small grants outside a competition (art. 19a u.d.p.p.w.; DOMAIN.md §1.c, §2.2).

The simplified offer itself is a ``grants.Offer`` of kind ``small_grant`` without a call, with its ``CostLine``,
``Funding``, ``ExpectedResult`` and ``Activity`` rows and an ``OfferVersion`` once filed. What the simplified form
and the art. 19a procedure add is kept here:

- ``SmallGrant``: the offer's art. 19a part (the organ, the kind of task as a public-benefit area, the place, the
  budget year) and its procedure (received, due for publication, published, comments until, the decision);
- ``CostShare``: the grant part of one cost line (the own part is the rest of the line's value) and the kind of the
  own part, from which the offer's ``Funding`` row is derived;
- ``YearPlan``: the grants planned for NGO tasks in a budget year, kept by the office; the year's small-grant pool
  is a statutory share of it;
- ``SmallGrantPublication``: the publication in each statutory channel (art. 19a ust. 3);
- ``Comment``: a remark anyone made in the comment period (art. 19a ust. 4), hidden by the office with a reason
  when abusive.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.core.models import PublicBenefitArea

NON_NEGATIVE = [MinValueValidator(Decimal("0"))]
DEFAULT_ORGAN = "Prezydent Miasta Krakowa"


class YearPlan(models.Model):
    """The grants planned for public tasks done by NGOs in one budget year (the budget resolution), the base of the
    year's small-grant pool (art. 19a ust. 7)."""

    year = models.PositiveSmallIntegerField(_("budget year"), unique=True)
    planned_grants = models.DecimalField(
        _("grants planned for NGO tasks"), max_digits=14, decimal_places=2, validators=NON_NEGATIVE
    )
    note = models.TextField(_("source"), blank=True, help_text=_("E.g. the budget resolution and its date."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("plan of grants for a year")
        verbose_name_plural = _("plans of grants per year")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class SmallGrant(models.Model):
    """The art. 19a part of a ``grants.Offer`` (kind ``small_grant``, no call) and the dates of its procedure."""

    offer = models.OneToOneField("grants.Offer", on_delete=models.CASCADE, related_name="small_grant")
    organ = models.CharField(_("public authority"), max_length=200, default=DEFAULT_ORGAN)
    area = models.ForeignKey(
        PublicBenefitArea,
        verbose_name=_("kind of public task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.TextField(_("place of the task"), blank=True)
    # Set when filed: the budget year (of the task's start), the day received, the day it must be published by.
    year = models.PositiveSmallIntegerField(_("budget year"), null=True, blank=True)
    received_on = models.DateField(_("received"), null=True, blank=True)
    publication_due = models.DateField(_("to be published by"), null=True, blank=True)
    # Set when published: the comment period runs from the publication to ``comments_until`` (inclusive).
    published_on = models.DateField(_("published"), null=True, blank=True)
    comments_until = models.DateField(_("comments until"), null=True, blank=True)
    published_at = models.DateTimeField(_("published in Razem"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The organ's decision, to award (with a ``grants.Award``) or not.
    decision = models.ForeignKey(
        "grants.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="small_grants"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("small grant")
        verbose_name_plural = _("small grants")
        ordering = ["-id"]
        indexes = [models.Index(fields=["publication_due"], name="small_grants_due")]

    def __str__(self) -> str:
        return str(self.offer)

    def get_absolute_url(self) -> str:
        return reverse("small_grants:detail", args=[self.offer_id])

    def comments_open(self, day: datetime.date | None = None) -> bool:
        """Anyone may comment: published, and ``day`` (today) within the period."""
        day = day or timezone.localdate()
        return (
            self.published_on is not None
            and self.comments_until is not None
            and self.published_on <= day <= self.comments_until
        )

    def comments_over(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.comments_until is not None and day > self.comments_until

    def publication_overdue(self, day: datetime.date | None = None) -> bool:
        """Filed, not yet published, and past the day it had to be published by."""
        day = day or timezone.localdate()
        return self.published_on is None and self.publication_due is not None and day > self.publication_due


class CostShare(models.Model):
    """The simplified cost estimate: how much of one cost line the grant covers; the rest is the oferent's own part,
    financial or non-financial (personal or material), as ``own_kind`` says."""

    class OwnKind(models.TextChoices):
        FINANCIAL = "own_financial", _("own financial means")
        PERSONAL = "own_personal", _("own work (personal contribution)")
        MATERIAL = "own_material", _("own things (material contribution)")

    line = models.OneToOneField("grants.CostLine", on_delete=models.CASCADE, related_name="small_grant_share")
    grant = models.DecimalField(
        _("from the grant"), max_digits=14, decimal_places=2, default=Decimal("0"), validators=NON_NEGATIVE
    )
    own_kind = models.CharField(_("own part is"), max_length=16, choices=OwnKind.choices, default=OwnKind.FINANCIAL)

    class Meta:
        verbose_name = _("grant part of a cost line")
        verbose_name_plural = _("grant parts of cost lines")

    def __str__(self) -> str:
        return f"{self.line_id}: {self.grant}"


class SmallGrantPublication(models.Model):
    """The publication of a small-grant offer in one statutory channel (art. 19a ust. 3)."""

    class Channel(models.TextChoices):
        RAZEM = "razem", _("This website (the authority's website)")
        BIP = "bip", _("Public Information Bulletin (BIP)")
        NOTICE_BOARD = "notice_board", _("Notice board at the office's seat")

    small_grant = models.ForeignKey(SmallGrant, on_delete=models.CASCADE, related_name="publications")
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    published_on = models.DateField(_("published on"))
    url = models.URLField(_("address"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("publication of a small-grant offer")
        verbose_name_plural = _("publications of small-grant offers")
        ordering = ["small_grant", "published_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["small_grant", "channel"], name="small_grants_publication_channel")
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.published_on}"


class Comment(models.Model):
    """A comment on a published small-grant offer (art. 19a ust. 4: anyone, within the period). Shown at once; the
    office may hide an abusive one, with a reason shown in its place."""

    small_grant = models.ForeignKey(SmallGrant, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="small_grant_comments",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.TextField(_("why it was hidden"), blank=True)

    class Meta:
        verbose_name = _("comment on a small-grant offer")
        verbose_name_plural = _("comments on small-grant offers")
        ordering = ["small_grant", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None
