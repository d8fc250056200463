"""A person's data in elections: their candidacies. Ballots hold no person (docs/elections.md)."""

from typing import Any

from django.utils.translation import gettext as _

from razem.elections.models import Candidacy

COVERS = ("elections.Candidacy.person",)
OPEN = (Candidacy.Status.AWAITING_CONSENT, Candidacy.Status.SUBMITTED, Candidacy.Status.ACCEPTED)


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    candidacies = Candidacy.objects.filter(person=user).select_related("election", "organization")
    return {
        "candidacies": [
            {
                "election": c.election.title,
                "nominated_by": c.organization.name,
                "status": c.status,
                "statement": c.statement,
                "biography": c.biography,
                "consent_at": c.consent_at and c.consent_at.isoformat(),
                "votes": c.votes,
                "elected": c.elected,
            }
            for c in candidacies.order_by("created_at")
        ]
    }


def deletion_problems(user: Any) -> list[str]:
    """A candidate in an election not yet decided withdraws first; past candidacies stay in the published results,
    under the anonymised account."""
    running = Candidacy.objects.filter(person=user, status__in=OPEN, election__results_published_at__isnull=True)
    return [
        _("You are a candidate in %(election)s; ask the office to withdraw the candidacy before deleting the account.")
        % {"election": c.election.title}
        for c in running.select_related("election")
    ]


def deletion_cleanup(user: Any) -> None:
    """The statement, biography and photo of past candidacies go; the name stays in the results as anonymised."""
    for candidacy in Candidacy.objects.filter(person=user).exclude(photo=""):
        candidacy.photo.delete(save=False)
    Candidacy.objects.filter(person=user).update(statement="", biography="", photo="")
