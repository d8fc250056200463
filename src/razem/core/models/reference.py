"""Reference data kept as data: districts, public-benefit areas (versioned), venues and rooms."""

import datetime
from urllib.parse import quote_plus

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """An auxiliary unit of the gmina (in Kraków one of the 18 dzielnice)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    numeral = models.CharField(_("numeral"), max_length=8)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.numeral} {self.name}"


class PublicBenefitAreaQuerySet(models.QuerySet["PublicBenefitArea"]):
    def valid_on(self, day: datetime.date) -> "PublicBenefitAreaQuerySet":
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class PublicBenefitArea(models.Model):
    """One item of art. 4 ust. 1 of the Act on Public Benefit Activity, valid for a period."""

    code = models.CharField(_("item"), max_length=8, help_text=_('The item number, e.g. "1", "1a", "32a".'))
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.TextField(_("wording"))
    legal_ref = models.CharField(_("legal reference"), max_length=100)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = PublicBenefitAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("public-benefit area")
        verbose_name_plural = _("public-benefit areas")
        ordering = ["position", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="core_area_code_version"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="core_area_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Venue(models.Model):
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Kraków")
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="venues"
    )
    description = models.TextField(_("description"), blank=True)
    accessibility_notes = models.TextField(_("accessibility"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "address"], name="core_venue_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def full_address(self) -> str:
        return ", ".join(p for p in [self.address, f"{self.postal_code} {self.city}".strip()] if p)

    @property
    def map_url(self) -> str:
        """A link to OpenStreetMap's search for the address (opened by the visitor, not loaded by us)."""
        return "https://www.openstreetmap.org/search?query=" + quote_plus(self.full_address)


class Room(models.Model):
    venue = models.ForeignKey(Venue, verbose_name=_("venue"), on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacity"))
    accessibility_notes = models.TextField(_("accessibility"), blank=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["venue__name", "name"]
        constraints = [models.UniqueConstraint(fields=["venue", "name"], name="core_room_unique")]

    def __str__(self) -> str:
        return f"{self.venue.name}, {self.name}"


class StatutoryValueQuerySet(models.QuerySet["StatutoryValue"]):
    def valid_on(self, day: datetime.date) -> "StatutoryValueQuerySet":
        return self.filter(valid_from__lte=day).order_by("-valid_from")


class StatutoryValue(models.Model):
    """A number the law sets (days, amounts, shares), kept as data with the date it is valid from."""

    code = models.CharField(_("code"), max_length=64)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=16, help_text=_('E.g. "days", "PLN", "%".'))
    valid_from = models.DateField(_("valid from"))
    legal_ref = models.CharField(_("legal reference"), max_length=200)
    description = models.CharField(_("what it is"), max_length=300)

    objects = StatutoryValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("statutory value")
        verbose_name_plural = _("statutory values")
        ordering = ["code", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["code", "valid_from"], name="core_statutory_value_version")]

    def __str__(self) -> str:
        return f"{self.code} = {self.value} {self.unit} ({self.valid_from})"
