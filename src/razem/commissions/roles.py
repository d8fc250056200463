"""The person's seats on competition commissions as the account page lists them (``core.gender``): only while the
commission works (the call is announced and its opinion not adopted yet) and the member is not excluded."""

from typing import Any

from django.utils.translation import pgettext

from razem.commissions.models import Member
from razem.core.gender import gendered
from razem.grants.models import Call


def _label(member: Member, person: Any) -> str:
    number = {"call": member.call.number}
    if member.chair:
        return (
            gendered(
                person,
                pgettext("feminine", "Chair of the competition commission: %(call)s"),
                pgettext("masculine", "Chair of the competition commission: %(call)s"),
                pgettext("neutral", "Chair of the competition commission: %(call)s"),
            )
            % number
        )
    if member.role == Member.Role.EXPERT:
        return (
            gendered(
                person,
                pgettext("feminine", "Expert of the competition commission: %(call)s"),
                pgettext("masculine", "Expert of the competition commission: %(call)s"),
                pgettext("neutral", "Expert of the competition commission: %(call)s"),
            )
            % number
        )
    return (
        gendered(
            person,
            pgettext("feminine", "Member of the competition commission: %(call)s"),
            pgettext("masculine", "Member of the competition commission: %(call)s"),
            pgettext("neutral", "Member of the competition commission: %(call)s"),
        )
        % number
    )


def person_roles(user: Any) -> list[str]:
    if not getattr(user, "is_authenticated", False):
        return []
    seats = (
        Member.objects.filter(user=user, excluded=False, call__status=Call.Status.ANNOUNCED)
        .exclude(call__commission_opinion__adopted_at__isnull=False)
        .select_related("call")
        .order_by("call__number")
    )
    return [_label(member, user) for member in seats]
