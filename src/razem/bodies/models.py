"""Civic dialogue bodies (KRDPP, KDO, the Premises Forum) and who sits in them.

This is the part the meetings module needs (a body organizes sittings, and a meeting can be open to the
members of a body only); terms, resolutions and applications come with the bodies module itself.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Body(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        COMMISSION = "commission", _("Civic dialogue commission")
        FORUM = "forum", _("Forum")
        TEAM = "team", _("Team")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("address fragment"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("dialogue body")
        verbose_name_plural = _("dialogue bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class BodyMembershipQuerySet(models.QuerySet["BodyMembership"]):
    def current(self, day: datetime.date | None = None) -> "BodyMembershipQuerySet":
        day = day or timezone.localdate()
        return self.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))


class BodyMembership(models.Model):
    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")
        DEPUTY = "deputy", _("Deputy")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="body_memberships"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("represents"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="body_memberships",
    )
    position = models.CharField(_("position"), max_length=16, choices=Position.choices, default=Position.MEMBER)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)

    objects = BodyMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("member of a body")
        verbose_name_plural = _("members of bodies")
        ordering = ["body", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="bodies_membership_dates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.body})"
