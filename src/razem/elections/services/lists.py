"""Lists of candidates (e.g. one per area), each with its own limit of marks."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.elections.models import CandidateList, Election


@transaction.atomic
def candidate_list_add(
    *,
    actor: User,
    election: Election,
    name: str,
    max_marks: int,
    position: int = 0,
    request: HttpRequest | None = None,
) -> CandidateList:
    """Add a list of candidates (e.g. one per area) with its own limit of marks; refused once voting is open."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.electorate_frozen_at:
        raise ValidationError(_("The electorate is frozen: the lists of candidates can no longer be changed."))
    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["name"] = _("Name the list.")
    if not max_marks or max_marks < 1:
        errors["max_marks"] = _("A list must allow at least one mark.")
    elif max_marks > election.max_marks:
        errors["max_marks"] = _("A list cannot allow more marks than the whole ballot (%(max)s).") % {
            "max": election.max_marks
        }
    if errors:
        raise ValidationError(errors)
    candidate_list = CandidateList(election=election, name=name.strip(), max_marks=max_marks, position=position or 0)
    candidate_list.full_clean()
    candidate_list.save()
    audit.record(
        actor=actor,
        action="elections.list.created",
        obj=candidate_list,
        data={"election": election.pk, "max_marks": max_marks},
        request=request,
    )
    return candidate_list
