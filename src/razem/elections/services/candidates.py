"""Candidates: an organization nominates, the candidate consents, other organizations support, the office
verifies. The windows and their refusals come from the rules of ``razem.elections.rules``."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.notifications import notify_many
from razem.elections.models import Candidacy, CandidateList, Election, Support
from razem.elections.rules import NOMINATE, SUPPORT
from razem.elections.schedule import SCHEDULE
from razem.elections.services.common import (
    eligible_organizations,
    ineligibility_reason,
    require_acting,
    require_permission,
)
from razem.organizations.models import Organization
from razem.organizations.selectors import people_acting_for


@transaction.atomic
def candidacy_nominate(
    *,
    actor: User,
    election: Election,
    organization: Organization | None,
    person: User | None,
    statement: str,
    biography: str = "",
    photo: Any = None,
    candidate_list: CandidateList | None = None,
    request: HttpRequest | None = None,
) -> Candidacy:
    """An organization nominates one candidate; the candidate then consents in Razem."""
    organization = require_acting(actor, organization)
    require_permission(actor, NOMINATE, election)
    if not eligible_organizations(election).filter(pk=organization.pk).exists():
        reason = ineligibility_reason(election, organization)
        raise ValidationError(
            {"organization": reason or _("This organization does not meet the rule of the electorate.")},
            code="not_eligible",
        )
    if person is None:
        raise ValidationError({"person": _("Choose the candidate: a person with an account in Razem.")})
    if candidate_list is not None and candidate_list.election_id != election.pk:
        raise ValidationError({"candidate_list": _("This list belongs to another election.")})
    if election.lists.exists() and candidate_list is None:
        raise ValidationError({"candidate_list": _("Choose the list of the candidacy.")})
    if not statement.strip():
        raise ValidationError({"statement": _("Write the candidate's statement.")})
    candidacy = Candidacy(
        election=election, organization=organization, person=person, nominated_by=actor, statement=statement.strip(),
        biography=biography.strip(), candidate_list=candidate_list,
    )  # fmt: skip
    try:
        with transaction.atomic():
            candidacy.save()
    except IntegrityError as exc:
        if Candidacy.objects.filter(election=election, organization=organization).exclude(status="withdrawn").exists():
            raise ValidationError(
                {"organization": _("%(org)s has already nominated a candidate in this election.")
                 % {"org": organization.name}}
            ) from exc  # fmt: skip
        raise ValidationError({"person": _("This person is already a candidate in this election.")}) from exc
    if photo is not None:  # stored once the candidacy exists, so a refused nomination leaves no file behind
        candidacy.photo.save(photo.name, photo, save=True)
    audit.record(
        actor=actor,
        action="elections.candidacy.nominated",
        obj=candidacy,
        data={"election": election.pk, "organization": organization.pk},
        request=request,
    )
    notify_many(
        kind="elections/consent_requested",
        audience=[person],
        context={"candidacy": candidacy, "election": election},
        url=election.get_absolute_url(),
        exclude=actor,
    )
    return candidacy


@transaction.atomic
def candidacy_consent(
    *, actor: User, candidacy: Candidacy, declarations: bool, request: HttpRequest | None = None
) -> Candidacy:
    """The candidate's own consent and declarations, given in Razem."""
    candidacy = Candidacy.objects.select_for_update().get(pk=candidacy.pk)
    if actor.pk != candidacy.person_id:
        raise ValidationError(_("Only the candidate can consent to their candidacy."))
    if candidacy.status != Candidacy.Status.AWAITING_CONSENT:
        raise ValidationError(_("This candidacy does not await consent."))
    if not SCHEDULE.is_in(candidacy.election, "nominations", "support"):
        raise ValidationError(_("Consent can be given until support closes."))
    if not declarations:
        raise ValidationError({"declarations": _("Confirm the declarations to consent.")})
    now = timezone.now()
    candidacy.consent_at = now
    candidacy.declarations_at = now
    candidacy.status = Candidacy.Status.SUBMITTED
    candidacy.save(update_fields=["consent_at", "declarations_at", "status"])
    audit.record(actor=actor, action="elections.candidacy.consented", obj=candidacy, request=request)
    return candidacy


@transaction.atomic
def support_give(
    *, actor: User, candidacy: Candidacy, organization: Organization | None, request: HttpRequest | None = None
) -> Support:
    election = candidacy.election
    organization = require_acting(actor, organization)
    require_permission(actor, SUPPORT, election)
    if candidacy.organization_id == organization.pk:
        raise ValidationError(_("An organization cannot support its own candidate."))
    if not eligible_organizations(election).filter(pk=organization.pk).exists():
        message = _("Only organizations that meet the rule of the electorate can support candidates.")
        if reason := ineligibility_reason(election, organization):
            message = f"{message} {reason}"
        raise ValidationError(message, code="not_eligible")
    if candidacy.status == Candidacy.Status.AWAITING_CONSENT:
        # Not public before the candidate consents (``elections.view_candidacy``), so not supported either.
        raise ValidationError(_("The candidate has not consented yet; the candidacy can be supported after that."))
    if candidacy.status != Candidacy.Status.SUBMITTED:
        raise ValidationError(_("This candidacy cannot be supported any more."))
    Organization.objects.select_for_update().get(pk=organization.pk)
    limit = election.max_supports_per_organization
    if limit and Support.objects.filter(candidacy__election=election, organization=organization).count() >= limit:
        raise ValidationError(
            _("%(org)s has already supported %(limit)s candidates, the most allowed.")
            % {"org": organization.name, "limit": limit}
        )
    try:
        with transaction.atomic():
            support = Support.objects.create(candidacy=candidacy, organization=organization, given_by=actor)
    except IntegrityError as exc:
        raise ValidationError(_("%(org)s already supports this candidate.") % {"org": organization.name}) from exc
    audit.record(
        actor=actor,
        action="elections.support.given",
        obj=candidacy,
        data={"organization": organization.pk},
        request=request,
    )
    return support


@transaction.atomic
def support_withdraw(*, actor: User, support: Support, request: HttpRequest | None = None) -> None:
    if not SCHEDULE.is_in(support.candidacy.election, "nominations", "support"):
        raise ValidationError(_("Support can no longer be withdrawn."))
    require_acting(actor, support.organization)
    audit.record(
        actor=actor,
        action="elections.support.withdrawn",
        obj=support.candidacy,
        data={"organization": support.organization_id},
        request=request,
    )
    support.delete()


@transaction.atomic
def candidacy_verify(
    *, actor: User, candidacy: Candidacy, accept: bool, reason: str = "", request: HttpRequest | None = None
) -> Candidacy:
    candidacy = Candidacy.objects.select_for_update().select_related("election", "organization").get(pk=candidacy.pk)
    election = candidacy.election
    if not SCHEDULE.is_in(election, "verification", "waiting"):
        raise ValidationError(_("Candidacies are verified after nominations close and before voting opens."))
    if election.electorate_frozen_at:
        raise ValidationError(_("Voting has been opened: the candidates are final."))
    reason = (reason or "").strip()
    if accept:
        if candidacy.status != Candidacy.Status.SUBMITTED:
            raise ValidationError(_("Only a candidacy with the candidate's consent can be accepted."))
        supporters = candidacy.supports.count()
        if supporters < election.support_needed:
            raise ValidationError(
                _("The candidacy has the support of %(n)s organizations; %(needed)s are needed.")
                % {"n": supporters, "needed": election.support_needed}
            )
    elif not reason:
        raise ValidationError({"reason": _("Say why the candidacy is rejected; the organization will read it.")})
    candidacy.status = Candidacy.Status.ACCEPTED if accept else Candidacy.Status.REJECTED
    candidacy.reason = reason
    candidacy.verified_by = actor
    candidacy.verified_at = timezone.now()
    candidacy.save(update_fields=["status", "reason", "verified_by", "verified_at"])
    audit.record(
        actor=actor,
        action="elections.candidacy.accepted" if accept else "elections.candidacy.rejected",
        obj=candidacy,
        data={} if accept else {"reason": reason},
        request=request,
    )
    notify_many(
        kind="elections/candidacy_verified",
        audience=[*people_acting_for(candidacy.organization), candidacy.person],
        context={"candidacy": candidacy, "election": election, "accepted": accept, "reason": reason},
        url=election.get_absolute_url(),
    )
    return candidacy
