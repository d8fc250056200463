"""A person's data in competition commissions: their seats, declarations, conflicts and scores.

The export gives a member every seat with the declaration, the conflicts declared and the scores given. A seat in
a call not yet decided refuses an account deletion (the office must replace the member first); the protocol of a
decided call keeps the member's name under the anonymised account."""

from typing import Any

from django.utils.translation import gettext as _

from razem.commissions.models import Member

COVERS = ("commissions.Member.user",)


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    seats = (
        Member.objects.filter(user=user)
        .select_related("call", "declaration", "nomination__organization")
        .prefetch_related("conflicts__offer", "scores__criterion", "scores__offer")
    )
    return {
        "competition_commission_seats": [
            {
                "call": f"{m.call.number}: {m.call.title}",
                "role": m.role,
                "full_name": m.full_name,
                "chair": m.chair,
                "nominated_by": m.nomination.organization.name if m.nomination is not None else "",
                "appointed_at": m.appointed_at.isoformat(),
                "excluded": m.excluded,
                "exclusion_reason": m.exclusion_reason,
                "declaration": _declaration(m),
                "conflicts": [
                    {
                        "offer": c.offer.number or str(c.offer_id),
                        "reason": c.reason,
                        "declared_at": c.declared_at.isoformat(),
                    }
                    for c in m.conflicts.all()
                ],
                "scores": [
                    {
                        "offer": s.offer.number or str(s.offer_id),
                        "criterion": s.criterion.name,
                        "points": str(s.points),
                        "justification": s.justification,
                        "saved_at": s.updated_at.isoformat(),
                    }
                    for s in m.scores.all()
                ],
            }
            for m in seats.order_by("appointed_at", "pk")
        ]
    }


def _declaration(member: Member) -> dict[str, Any] | None:
    declaration = getattr(member, "declaration", None)
    if declaration is None:
        return None
    return {
        "signed_at": declaration.signed_at.isoformat(),
        "completed_at": declaration.amended_at.isoformat() if declaration.amended_at else None,
        "ip_address": declaration.ip_address,
        "text": declaration.text,
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
