"""The rule of the electorate: which organizations may nominate, support and vote, and, for one that may not,
why, in words.

The rule (on ``Election``): verified, seated in the city, registered before a cut-off date if set, active in one
of the given public-benefit areas if any. The cut-off reads the registration date the election names
(``Election.registration_date``): the organization's registration in Razem (``Organization.created_at``), or its
entry in the KRS, read from the KRS extract the registry keeps (``Organization.krs_extract["registered_on"]``,
``dataRejestracjiWKRS`` of the extract, "dd.mm.yyyy").

An organization without a KRS date (no extract fetched yet, or not in the KRS at all: another register) is **not
eligible** under the KRS rule, and is told so. Falling back to its Razem date would silently apply another rule to
some organizations; the office instead fetches the missing extracts before it freezes the electorate (the freeze
page says how many lack one).
"""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from razem.elections.models import Election
from razem.organizations.models import Organization


def krs_registration_date(value: Any) -> datetime.date | None:
    """The date of entry in the KRS as the extract gives it ("12.03.2016"; an ISO date is read too), or None."""
    text = str(value or "").strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


def _krs_date_of(organization: Organization) -> datetime.date | None:
    extract = organization.krs_extract if isinstance(organization.krs_extract, dict) else {}
    return krs_registration_date(extract.get("registered_on"))


def _by_krs(election: Election) -> bool:
    return election.registration_date == Election.RegistrationDate.KRS


def eligible_organizations(election: Election) -> QuerySet[Organization]:
    """The organizations the eligibility rule admits today."""
    organizations = Organization.objects.filter(
        status=Organization.Status.VERIFIED, city__iexact=election.seat_city.strip()
    )
    cutoff = election.registered_before
    if cutoff and _by_krs(election):
        # The KRS date is a string in a JSON extract: read the candidates' dates, compare them here.
        dates = organizations.values_list("pk", "krs_extract__registered_on")
        admitted = [pk for pk, raw in dates if (day := krs_registration_date(raw)) is not None and day < cutoff]
        organizations = organizations.filter(pk__in=admitted)
    elif cutoff:
        organizations = organizations.filter(created_at__date__lt=cutoff)
    area_ids = list(election.areas.values_list("pk", flat=True))
    if area_ids:
        organizations = organizations.filter(areas__in=area_ids).distinct()
    return organizations


def lacking_krs_date(election: Election) -> int:
    """How many organizations meet the rest of the rule but have no KRS date, under the KRS rule (0 otherwise):
    the office fetches their extracts before freezing the electorate."""
    if not (election.registered_before and _by_krs(election)):
        return 0
    organizations = Organization.objects.filter(
        status=Organization.Status.VERIFIED, city__iexact=election.seat_city.strip()
    )
    dates = organizations.values_list("krs_extract__registered_on", flat=True)
    return sum(1 for raw in dates if not krs_registration_date(raw))


def ineligibility_reason(election: Election, organization: Organization) -> str | None:
    """Why the rule does not admit ``organization`` (the first unmet condition, with its dates), or None."""
    name = organization.name
    if organization.status != Organization.Status.VERIFIED:
        return _("%(org)s is not a verified organization in Razem; the rule admits verified organizations only.") % {
            "org": name
        }
    if organization.city.strip().casefold() != election.seat_city.strip().casefold():
        return _("%(org)s is seated in %(city)s; the rule requires organizations seated in %(required)s.") % {
            "org": name,
            "city": organization.city or "—",
            "required": election.seat_city,
        }
    cutoff = election.registered_before
    if cutoff and _by_krs(election):
        day = _krs_date_of(organization)
        if day is None:
            return _(
                "No date of entry in the KRS is known for %(org)s (Razem holds no KRS extract with it); the rule "
                "requires entry in the KRS before %(cutoff)s. The city office can fetch the extract from the KRS."
            ) % {"org": name, "cutoff": date_format(cutoff, "j E Y")}
        if day >= cutoff:
            return _(
                "%(org)s was registered in the KRS on %(date)s; the rule requires registration before %(cutoff)s."
            ) % {
                "org": name,
                "date": date_format(day, "j E Y"),
                "cutoff": date_format(cutoff, "j E Y"),
            }
    elif cutoff:
        registered = timezone.localtime(organization.created_at).date()
        if registered >= cutoff:
            return _("%(org)s registered in Razem on %(date)s; the rule requires registration before %(cutoff)s.") % {
                "org": name,
                "date": date_format(registered, "j E Y"),
                "cutoff": date_format(cutoff, "j E Y"),
            }
    area_ids = set(election.areas.values_list("pk", flat=True))
    if area_ids and not organization.areas.filter(pk__in=area_ids).exists():
        return _("%(org)s is not active in any of the public-benefit areas of this election.") % {"org": name}
    return None
