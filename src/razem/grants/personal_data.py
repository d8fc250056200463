"""A person's data in calls for offers: nominations to competition commissions.

A nomination holds the nominee's name, e-mail, phone and qualifications, typed by the nominating organization; the
nominee's account is linked to it when the e-mail is theirs. The export gives a person the nominations of them
(by account or by e-mail) and those they made for an organization. An account deletion refuses nothing (the
nomination stands without the account: consent was given through the e-mailed link), and afterwards erases the
phone and the qualifications of the person's nominations that are over (declined, withdrawn, or in a call that is
cancelled or decided), which the office no longer needs.

Both relations to the user model are stamps (``SET_NULL``); they are named here all the same."""

from typing import Any

from django.db.models import Q

from razem.grants.models import Call, CommissionNomination

COVERS = ("grants.CommissionNomination.nominee", "grants.CommissionNomination.nominated_by")
OVER = (CommissionNomination.Status.DECLINED, CommissionNomination.Status.WITHDRAWN)


def _of(user: Any) -> Q:
    return Q(nominee=user) | Q(email__iexact=user.email) if getattr(user, "email", "") else Q(nominee=user)


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    mine = CommissionNomination.objects.filter(_of(user)).select_related("call", "organization")
    made = CommissionNomination.objects.filter(nominated_by=user).select_related("call", "organization")
    return {
        "commission_nominations_of_me": [
            {
                "call": f"{n.call.number}: {n.call.title}",
                "nominated_by_organization": n.organization.name,
                "full_name": n.full_name,
                "email": n.email,
                "phone": n.phone,
                "qualifications": n.qualifications,
                "status": n.status,
                "nominated_at": n.created_at.isoformat(),
                "consented_at": n.consented_at and n.consented_at.isoformat(),
            }
            for n in mine.order_by("created_at", "pk")
        ],
        "commission_nominations_i_made": [
            {
                "call": f"{n.call.number}: {n.call.title}",
                "organization": n.organization.name,
                "nominee": n.full_name,
                "status": n.status,
                "nominated_at": n.created_at.isoformat(),
            }
            for n in made.order_by("created_at", "pk")
        ],
    }


def deletion_problems(user: Any) -> list[str]:
    """Nothing refuses a deletion: a nomination does not need the nominee's account."""
    return []


def deletion_cleanup(user: Any) -> None:
    over = Q(status__in=OVER) | Q(call__status__in=[Call.Status.CANCELLED, Call.Status.DECIDED])
    CommissionNomination.objects.filter(_of(user)).filter(over).update(phone="", qualifications="")
