"""The positions in a dialogue body as they name the person (``core.gender``): "Przewodnicząca" / "Przewodniczący" /
"Osoba przewodnicząca", and the person's current seats as the account page lists them ("Członkini KRDPP")."""

from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from razem.bodies.models import BodyMembership
from razem.bodies.selectors import POSITION_ORDER
from razem.core.gender import gendered

Position = BodyMembership.Position

# (feminine, masculine, neutral) for each position; the English is one msgid under three contexts.
POSITION_LABELS: dict[str, tuple[Promise, Promise, Promise]] = {
    Position.CHAIR: (
        pgettext_lazy("feminine", "Chair"),
        pgettext_lazy("masculine", "Chair"),
        pgettext_lazy("neutral", "Chair"),
    ),
    Position.VICE_CHAIR: (
        pgettext_lazy("feminine", "Vice-chair"),
        pgettext_lazy("masculine", "Vice-chair"),
        pgettext_lazy("neutral", "Vice-chair"),
    ),
    Position.SECRETARY: (
        pgettext_lazy("feminine", "Secretary"),
        pgettext_lazy("masculine", "Secretary"),
        pgettext_lazy("neutral", "Secretary"),
    ),
    Position.MEMBER: (
        pgettext_lazy("feminine", "Member"),
        pgettext_lazy("masculine", "Member"),
        pgettext_lazy("neutral", "Member"),
    ),
    Position.DEPUTY: (
        pgettext_lazy("feminine", "Deputy member"),
        pgettext_lazy("masculine", "Deputy member"),
        pgettext_lazy("neutral", "Deputy member"),
    ),
}


def position_label(position: str, person: Any) -> str:
    """The position as it names ``person``: in their grammatical gender, neutral when they did not choose one."""
    forms = POSITION_LABELS.get(position)
    if forms is None:
        return str(dict(Position.choices).get(position, position))
    return str(gendered(person, *forms))


def membership_position_label(membership: BodyMembership) -> str:
    return position_label(membership.position, membership.person)


def seat_label(membership: BodyMembership, person: Any) -> str:
    """ "Członkini KRDPP" with a body's abbreviation; a full name is set off: "Członek: Forum Lokalowe"."""
    position = position_label(membership.position, person)
    body = membership.body
    if body.short_name:
        return pgettext("position in a body with its abbreviation", "%(position)s of %(body)s") % {
            "position": position,
            "body": body.short_name,
        }
    return _("%(position)s: %(body)s") % {"position": position, "body": body.name}


def person_roles(user: Any) -> list[str]:
    """The person's current seats (one query): in the body's current term, highest position first."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = timezone.localdate()
    in_current_term = Q(term__isnull=True) | (
        Q(term__starts_on__lte=today) & (Q(term__ends_on__isnull=True) | Q(term__ends_on__gte=today))
    )
    seats = list(
        BodyMembership.objects.current(today)
        .filter(in_current_term, person=user, body__is_active=True)
        .select_related("body")
    )
    seats.sort(key=lambda m: (POSITION_ORDER.index(m.position) if m.position in POSITION_ORDER else 99, m.body.name))
    return [seat_label(seat, user) for seat in seats]
