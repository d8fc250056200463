"""A person's data in dialogue bodies: the personal-data export section, and what an account deletion refuses
or does (registered in ``BodiesConfig.ready()``)."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from razem.bodies.models import BodyMembership, MembershipApplication, SittingAttendance

COVERS = ("bodies.BodyMembership.person", "bodies.MembershipApplication.representative")


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    seats = BodyMembership.objects.filter(person=user).select_related("body", "organization", "term")
    applications = MembershipApplication.objects.filter(representative=user).select_related("body", "organization")
    return {
        "seats": [
            {
                "body": s.body.name,
                "term": s.term.name if s.term_id else None,  # type: ignore[union-attr]
                "position": s.position,
                "appointment": s.appointment,
                "organization": s.organization.name if s.organization_id else s.institution,  # type: ignore[union-attr]
                "start_date": s.start_date.isoformat(),
                "end_date": s.end_date and s.end_date.isoformat(),
                "end_reason": s.end_reason,
            }
            for s in seats.order_by("start_date")
        ],
        "attendance_at_sittings": [
            {
                "body": a.membership.body.name,
                "sitting": a.sitting.title,
                "date": a.sitting.starts_at.date().isoformat(),
                "attendance": a.status,
                "note": a.note,
                "recorded_at": a.recorded_at.isoformat(),
            }
            for a in SittingAttendance.objects.filter(membership__person=user)
            .select_related("membership__body", "sitting")
            .order_by("sitting__starts_at")
        ],
        "applications_as_representative": [
            {
                "body": a.body.name,
                "organization": a.organization.name,
                "status": a.status,
                "submitted_at": a.created_at.isoformat(),
            }
            for a in applications.order_by("created_at")
        ],
    }


def deletion_problems(user: Any) -> list[str]:
    """A member sitting in a body today must be released by the office first: the body's composition is public."""
    current = BodyMembership.objects.current().filter(person=user).select_related("body")
    return [
        _("You sit in %(body)s; ask the office to end your membership before deleting the account.")
        % {"body": seat.body.name}
        for seat in current
    ]


def deletion_cleanup(user: Any) -> None:
    """Applications awaiting a decision that name the person are withdrawn; past seats stay in the body's history,
    under the anonymised account."""
    MembershipApplication.objects.filter(representative=user, status=MembershipApplication.Status.PENDING).update(
        status=MembershipApplication.Status.WITHDRAWN, decided_at=timezone.now()
    )
