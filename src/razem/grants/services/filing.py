"""Filing an offer, correcting it by a new version, withdrawing it (art. 14 u.d.p.p.w.; the 2018 form, section VII).

Filing is the transition ``file`` (a draft) or ``correct`` (an offer filed before, edited since) of
``grants.workflows.OFFER``: the workflow locks the offer's row, then, under the lock and by the server clock, checks
that the call still accepts offers (``grants.file_offer``: one second after the deadline is refused, and the
refusal shows the deadline in Europe/Warsaw time); the guard (:func:`check`) refuses an offer that
``grants.validation.filing_problems`` finds incomplete, missing statements of section VII, partners who have not
confirmed, and signatories who cannot represent their organization; the effect (:func:`freeze`) builds the
content (``grants.content``), refuses it when it is the same as the current version ("Nothing changed since
version N": a second click of the File button files nothing), assigns the offer's number on its first filing
(``<call number>/<n>``, sequential per call under the call's row lock) and stores the version with its SHA-256.
After the commit the people acting for the oferents get the receipt.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.notifications import notify_many
from razem.core.permissions import ensure
from razem.core.schedule import when
from razem.core.workflow import Step, Transition
from razem.grants import content as content_module
from razem.grants import reopening as reopening_module
from razem.grants.models import Call, Offer, OfferPartner, OfferVersion
from razem.grants.workflows.offers import OFFER, _oferent_people
from razem.organizations.models import Organization, Representative

__all__ = [
    "check",
    "reopened_effect",
    "reopened_guard",
    "take_reopened",
    "tell_reopened_filed",
    "default_declarations",
    "declaration_problems",
    "freeze",
    "offer_file",
    "offer_withdraw",
    "oferents",
    "signatory_problems",
]

UNCHANGED = "unchanged"


def oferents(offer: Offer) -> list[Organization]:
    """The lead oferent, then the partners who confirmed the joint offer."""
    partners = offer.partners.select_related("organization").filter(status=OfferPartner.Status.CONFIRMED)
    return [offer.organization, *(p.organization for p in partners.order_by("invited_at", "id"))]


def default_declarations(offer: Offer) -> dict[str, str]:
    """What most oferents declare: no arrears, the register of the lead oferent, confirmed (for the demo and tests)."""
    register = "KRS" if offer.organization.register_type == Organization.RegisterType.KRS else "inna ewidencja"
    return {"taxes": "nie zalega", "social_insurance": "nie zalega", "register": register, "confirmed": "yes"}


def declaration_problems(declarations: Mapping[str, Any]) -> dict[str, str]:
    """The statements of section VII left out, by form field."""
    problems: dict[str, str] = {}
    texts = {
        "taxes": _("Statement 3: say whether the oferent owes taxes (does not owe / owes)."),
        "social_insurance": _("Statement 4: say whether the oferent owes social insurance contributions."),
        "register": _("Statement 5: say whether section II agrees with the KRS or with another register."),
    }
    for key, allowed in content_module.DECLARATION_CHOICES.items():
        if str(declarations.get(key) or "").strip() not in allowed:
            problems[key] = texts[key]
    if str(declarations.get(content_module.CONFIRMED) or "").strip().lower() not in content_module.YES:
        problems[content_module.CONFIRMED] = _("Tick the box to confirm the statements of section VII.")
    return problems


def signatory_field(organization: Organization) -> str:
    return f"signatories_{organization.pk}"


def signatory_problems(offer: Offer, organizations: list[Organization], chosen: Iterable[Any]) -> dict[str, str]:
    """Who signs for each oferent: people entitled to represent it (``Representative``), enough of them."""
    ids = {getattr(person, "pk", person) for person in chosen}
    people = list(Representative.objects.filter(pk__in=ids).select_related("organization"))
    problems: dict[str, str] = {}
    known = {org.pk for org in organizations}
    strangers = [p for p in people if p.organization_id not in known]
    if strangers or len(people) != len(ids):
        problems[NON_FIELD_ERRORS] = _(
            "A chosen signatory does not represent any oferent of this offer: %(names)s."
        ) % {"names": ", ".join(p.full_name for p in strangers) or "?"}
    recorded = {org.pk: 0 for org in organizations}
    for org_id in Representative.objects.filter(organization__in=known).values_list("organization_id", flat=True):
        recorded[org_id] += 1
    for org in organizations:
        field = signatory_field(org)
        mine = [p for p in people if p.organization_id == org.pk]
        if not recorded[org.pk]:
            url = reverse("organizations:representatives", kwargs={"pk": org.pk})
            problems[field] = _(
                "%(org)s has no people entitled to represent it recorded in Razem. Its administrator records them "
                "(with the representation rule of its KRS entry or statute) on the page “Representation” (%(url)s)."
            ) % {"org": org.name, "url": url}
        elif not mine:
            problems[field] = _("Choose who signs the offer for %(org)s.") % {"org": org.name}
        elif not any(p.signs_alone for p in mine) and len(mine) < org.signatures_required:
            rule = org.representation_rule.strip() or _("no rule recorded")
            problems[field] = _(
                "%(org)s is represented by %(required)s persons signing together (its representation rule: "
                "“%(rule)s”); you chose %(chosen)s: %(names)s. Choose %(required)s, or one who may sign alone."
            ) % {
                "org": org.name,
                "required": org.signatures_required,
                "rule": rule,
                "chosen": len(mine),
                "names": ", ".join(p.full_name for p in mine),
            }
    return problems


def _filing_problems(offer: Offer) -> list[str]:
    from razem.grants.validation import filing_problems

    return [str(issue.message) for issue in filing_problems(offer)]


def check(offer: Offer, *, signatories: Iterable[Any], declarations: Mapping[str, Any], reopened: Any = None) -> None:
    """Refuse (one ``ValidationError`` listing every problem, by field) an offer that cannot be filed as it is; a
    reopened offer (``reopened``, a ``grants.reopening.Reopening``) also by the reopening's own checks."""
    errors: dict[str, list[str]] = {}
    general = _filing_problems(offer)  # the partners' confirmations included
    if reopened is not None and reopened.check is not None:
        general += [str(issue.message) for issue in reopened.check(offer)]
    if general:
        errors[NON_FIELD_ERRORS] = list(dict.fromkeys(general))
    for field, message in declaration_problems(declarations).items():
        errors.setdefault(field, []).append(message)
    for field, message in signatory_problems(offer, oferents(offer), signatories).items():
        errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError({field: [ValidationError(m, code="filing") for m in ms] for field, ms in errors.items()})


def _deadline_passed(call: Call) -> ValidationError:
    return ValidationError(
        _("Offers could be filed until %(deadline)s; the deadline has passed.")
        % {"deadline": when(call.submission_deadline)},
        code="deadline",
    )


def _next_number(call: Call) -> str:
    """``<call number>/<n>``: one more than the highest number given in this call, under the call's row lock (on
    SQLite every write transaction is IMMEDIATE, so filings are one at a time anyway)."""
    Call.objects.select_for_update().filter(pk=call.pk).values_list("pk", flat=True).get()
    prefix = f"{call.number}/"
    taken = [0]
    for number in Offer.objects.filter(call=call, number__startswith=prefix).values_list("number", flat=True):
        tail = number[len(prefix) :]
        if tail.isdigit():
            taken.append(int(tail))
    return f"{prefix}{max(taken) + 1:03d}"


def freeze(
    offer: Offer,
    *,
    actor: Any,
    signatories: Iterable[Any],
    declarations: Mapping[str, Any],
    reopened: Any = None,
) -> OfferVersion:
    """Store the content of the locked ``offer`` as its next version (the workflow's effect, under the lock).

    A reopened offer (``reopened``, a ``grants.reopening.Reopening``) is filed after the call's deadline, but
    nothing outside the reopening's sections may differ from the current version."""
    call = offer.call
    filed_at = offer.filed_at or timezone.now()
    if call is None:
        raise ValidationError(_("This offer does not belong to a call."))
    if reopened is None and filed_at > call.submission_deadline:
        raise _deadline_passed(call)
    people = list(Representative.objects.filter(pk__in={getattr(p, "pk", p) for p in signatories}))
    content = content_module.offer_content(offer, declarations=declarations, signatories=people)
    checksum = content_module.content_checksum(content)
    current = offer.current_version
    if current is not None and current.checksum == checksum:
        raise ValidationError(
            _("Nothing changed since version %(number)s, filed on %(when)s; it stays the filed version.")
            % {"number": current.number, "when": when(current.filed_at)},
            code=UNCHANGED,
        )
    if reopened is not None and current is not None:
        outside = reopening_module.outside_changes(current.content, content, reopened.sections)
        if outside:
            raise ValidationError(
                reopening_module.outside_message(outside, reopened.sections, current.number), code="outside_sections"
            )
    last = offer.versions.order_by("-number").values_list("number", flat=True).first() or 0
    budget = content["budget"]
    version = OfferVersion.objects.create(
        offer=offer,
        number=last + 1,
        filed_at=filed_at,
        filed_by=actor if getattr(actor, "is_authenticated", False) else None,
        content=content,
        checksum=checksum,
        total_cost=Decimal(budget["total_cost"]),
        grant_requested=Decimal(budget["sources"]["grant"]),
    )
    if not offer.number:
        offer.number = _next_number(call)
    offer.current_version = version
    audit.record(
        actor=actor,
        action="grants.offer_version.filed",
        obj=version,
        data={"offer": offer.pk, "number": offer.number, "version": version.number, "checksum": checksum},
    )
    return version


def offer_file(
    *,
    actor: User,
    offer: Offer,
    signatories: list[Representative],
    declarations: dict[str, str],
    request: HttpRequest | None = None,
) -> OfferVersion:
    """File ``offer`` (or file it again as a corrected version): the frozen version with its checksum.

    Refused, and nothing changed, when the person may not file for the leading oferent, the organization is not
    verified, the offer was withdrawn, the deadline has passed (by the server clock, to the second), the offer is
    incomplete, a partner has not confirmed, a statement of section VII is missing, the signatories do not
    represent an oferent or are too few for its representation rule, or nothing changed since the current
    version.

    An offer reopened after the deadline (``grants.reopening``: a call for corrections, the update after a partial
    award) is filed through ``grants.reopening.file_reopened`` instead: until the reopening's ``due``, changing only
    its sections."""
    if reopening_module.reopening(offer) is not None:
        reopened: OfferVersion = reopening_module.file_reopened(
            actor=actor, offer=offer, signatories=signatories, declarations=declarations, request=request
        )
        return reopened
    filed = OFFER.take(
        offer,
        ("file", "correct"),
        actor=actor,
        request=request,
        signatories=list(signatories),
        declarations=dict(declarations),
    )
    version = filed.current_version
    if version is None:  # pragma: no cover - the effect always sets it
        raise ValidationError(_("The offer could not be filed; try again."))
    offer.status, offer.number, offer.filed_at, offer.filed_by = filed.status, filed.number, filed.filed_at, actor
    offer.current_version = version
    return version


def offer_withdraw(*, actor: User, offer: Offer, reason: str = "", request: HttpRequest | None = None) -> Offer:
    """Withdraw a filed offer before the deadline (the versions stay, for the record)."""
    withdrawn: Offer = OFFER.take(offer, "withdraw", actor=actor, reason=reason, request=request)
    return withdrawn


# A reopened offer (grants.reopening) ------------------------------------------------------------------------------


FILED_REOPENING = "_razem_filed_reopening"  # the reopening being filed, kept on the locked offer for the hooks


def _reopened(offer: Offer) -> Any:
    opened = reopening_module.reopening(offer)
    if opened is None:
        raise ValidationError(str(reopening_module.NOT_REOPENED), code="not_reopened")
    if not reopening_module.is_due(opened):
        raise ValidationError(reopening_module.lapsed_message(opened), code="lapsed")
    return opened


def reopened_guard(offer: Offer, step: Step) -> None:
    """The guard of a transition that files a reopened offer: still due, and complete as filing requires, with the
    reopening's own checks (under the lock)."""
    opened = _reopened(offer)
    offer.__dict__[FILED_REOPENING] = opened
    check(
        offer,
        signatories=step.data.get("signatories", ()),
        declarations=step.data.get("declarations", {}),
        reopened=opened,
    )


def reopened_effect(offer: Offer, step: Step) -> None:
    """The effect of a transition that files a reopened offer: the new version (only the reopened sections
    changed), then the reopening's ``after_file``."""
    opened = offer.__dict__.get(FILED_REOPENING) or _reopened(offer)
    offer.__dict__[FILED_REOPENING] = opened
    version = freeze(
        offer,
        actor=step.actor,
        signatories=step.data.get("signatories", ()),
        declarations=step.data.get("declarations", {}),
        reopened=opened,
    )
    if opened.after_file is not None:
        opened.after_file(offer, version, step.actor)
    reopening_module.forget(offer)


def tell_reopened_filed(offer: Offer, step: Step) -> None:
    """The receipt of a reopened filing, to the people acting for the oferents (after the commit)."""
    version = offer.current_version
    if version is None:  # pragma: no cover - the effect always sets it
        return
    opened = offer.__dict__.get(FILED_REOPENING)
    notify_many(
        kind="grants/offer_correction_receipt",
        audience=_oferent_people(offer),
        context={
            "offer": offer,
            "call": offer.call,
            "number": offer.number,
            "version_number": version.number,
            "checksum": version.checksum,
            "filed_at": version.filed_at,
            "label": str(opened.label) if opened is not None else "",
            "pdf_url": reverse("grants:version_pdf", args=[offer.pk, version.number]),
        },
        url=reverse("grants:receipt", args=[offer.pk, version.number]),
    )


def take_reopened(
    offer: Offer,
    opened: Any,
    *,
    actor: Any,
    signatories: Iterable[Any],
    declarations: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Offer:
    """File a reopened offer whose reopening names no Workflow transition: under the row lock, the permission,
    :func:`reopened_guard`, the status ``opened.target_status``, :func:`reopened_effect`, the audit entry
    ``grants.offer.<kind>_filed`` and the receipt."""
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        ensure(actor, "grants.file_offer", locked)
        source, target = locked.status, opened.target_status
        transition = Transition(f"{opened.kind}_filed", sources=(source,), target=target)
        data = {"signatories": list(signatories), "declarations": dict(declarations)}
        step = Step(transition, actor, source, target, "", request, data)
        reopened_guard(locked, step)
        locked.status = target
        locked.filed_at, locked.filed_by = timezone.now(), actor
        reopened_effect(locked, step)
        locked.save()
        audit.record(
            actor=actor,
            action=f"grants.offer.{opened.kind}_filed",
            obj=locked,
            data={"from": source, "to": target, "version": locked.current_version.number},  # type: ignore[union-attr]
            request=request,
        )
        tell_reopened_filed(locked, step)
    return locked
