"""A person's data in competition commissions: their seats, declarations, conflicts and scores.

The export gives a member every seat with the declaration, the conflicts declared and the scores given. A seat in
a call not yet decided refuses an account deletion (the office must replace the member first); the protocol of a
decided call keeps the member's name under the anonymised account."""

from typing import Any

from django.utils.translation import gettext as _

from razem.commissions.models import Member

COVERS = ("commissions.Member.user",)


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    seats = Member.objects.filter(user=user).select_related("call", "declaration").prefetch_related("conflicts")
    return {
        "competition_commission_seats": [
            {
                "call": f"{m.call.number}: {m.call.title}",
                "role": m.role,
                "full_name": m.full_name,
                "excluded": m.excluded,
                "exclusion_reason": m.exclusion_reason,
                "declaration_signed_at": getattr(getattr(m, "declaration", None), "signed_at", None)
                and m.declaration.signed_at.isoformat(),
                "conflicts": [{"offer": str(c.offer_id), "reason": c.reason} for c in m.conflicts.all()],
                "scores": [
                    {
                        "offer": str(s.offer_id),
                        "criterion": s.criterion.name,
                        "points": str(s.points),
                        "justification": s.justification,
                    }
                    for s in m.scores.select_related("criterion")
                ],
            }
            for m in seats.order_by("appointed_at", "pk")
        ]
    }


def deletion_problems(user: Any) -> list[str]:
    """A member of the commission of a call not yet decided is replaced by the office first."""
    open_seats = (
        Member.objects.filter(user=user).exclude(call__status__in=["decided", "cancelled"]).select_related("call")
    )
    return [
        _(
            "You sit in the competition commission of %(call)s; ask the office to replace you before deleting "
            "the account."
        )
        % {"call": m.call.title}
        for m in open_seats
    ]
