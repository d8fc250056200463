"""The declaration of impartiality (art. 15 ust. 2f u.d.p.p.w. with art. 24 KPA), signed in Razem.

``declaration_sign(*, actor, call, answers, confirmed, request=None) -> Declaration``
    A member who is not excluded, after the deadline for offers and before the opinion is adopted, declares on the
    offers admitted so far that their declaration does not cover yet (all of them the first time): ``answers``
    maps each such offer's id to ``(conflict, nature)``; a ticked offer needs the nature of the conflict. The
    declaration covers those offers; the member may open those without a conflict. Offers admitted later are
    declared on by completing the declaration the same way (``amended_at``). A conflict, once declared, stays.
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.commissions import predicates
from razem.commissions.models import Conflict, Declaration, Member
from razem.commissions.selectors import undeclared_offers
from razem.commissions.services.members import _reevaluate
from razem.core import audit
from razem.core.permissions import ensure
from razem.grants.models import Call

MAX_NATURE = 2000


def declaration_text(call: Call, full_name: str) -> str:
    """The words the member signs (kept with the declaration as signed)."""
    return _(
        "I, %(name)s, a member of the competition commission of the call %(number)s „%(title)s”, declare "
        "that I know the grounds on which an employee is excluded from a case under art. 24 § 1 and 2 of the "
        "Code of Administrative Procedure, which art. 15 ust. 2f of the Act on public benefit activity and "
        "volunteering applies to the members of the commission. For every offer listed below that I have not "
        "marked, none of these grounds applies to me: I am not a party to it and have no legal relationship with "
        "the oferent that its result could affect; I am not the spouse, a relative or in-law up to the second "
        "degree of, nor bound by adoption, custody or guardianship to, a person acting for the oferent; I am not, "
        "and have not been in the last three years, employed by the oferent or a member of its bodies; and no "
        "other circumstance raises a justified doubt as to my impartiality. For every offer I have marked I state "
        "the nature of the conflict, and I will neither open, nor score, nor see the scores of that offer. I will "
        "keep the offers and the commission's deliberations confidential until the results are published, and "
        "I will tell the office at once if a ground of exclusion arises later."
    ) % {"name": full_name, "number": call.number, "title": call.title}


@transaction.atomic
def declaration_sign(
    *,
    actor: User,
    call: Call,
    answers: Mapping[int, tuple[bool, str]],
    confirmed: bool,
    request: HttpRequest | None = None,
) -> Declaration:
    predicates.changed()
    locked_call = Call.objects.select_for_update().get(pk=call.pk)
    member = Member.objects.filter(call=locked_call, user=actor).first()
    if member is not None:
        _reevaluate(locked_call, [member], actor=None, request=request)
        predicates.changed()
    ensure(actor, "commissions.sign_declaration", locked_call)
    member = Member.objects.select_for_update().select_related("call").get(call=locked_call, user=actor)
    offers = undeclared_offers(member)
    errors: dict[str, list[str]] = {}
    conflicts: dict[int, str] = {}
    for offer in offers:
        ticked, nature = answers.get(offer.pk, (False, ""))
        nature = (nature or "").strip()
        if ticked and not nature:
            errors[f"nature_{offer.pk}"] = [
                _("Describe the nature of the conflict with offer %(number)s.") % {"number": offer.number}
            ]
        elif not ticked and nature:
            errors[f"conflict_{offer.pk}"] = [
                _("You described a conflict with offer %(number)s: tick it too, or clear the description.")
                % {"number": offer.number}
            ]
        elif len(nature) > MAX_NATURE:
            errors[f"nature_{offer.pk}"] = [_("Describe it in at most %(count)s characters.") % {"count": MAX_NATURE}]
        elif ticked:
            conflicts[offer.pk] = nature
    if not confirmed:
        errors["confirm"] = [_("Confirm that you make this declaration: tick the box above the button.")]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    existing = getattr(member, "declaration", None)
    if existing is None:
        declaration = Declaration.objects.create(
            member=member,
            text=declaration_text(locked_call, member.full_name),
            signed_at=now,
            ip_address=audit.client_ip(request),
        )
        action = "commissions.declaration.signed"
    else:
        declaration = existing
        declaration.amended_at = now
        declaration.save(update_fields=["amended_at"])
        action = "commissions.declaration.completed"
    declaration.offers.add(*offers)
    Conflict.objects.bulk_create(
        [
            Conflict(member=member, offer_id=offer_id, reason=nature, declared_at=now)
            for offer_id, nature in conflicts.items()
        ]
    )
    audit.record(
        actor=actor,
        action=action,
        obj=declaration,
        data={
            "call": locked_call.number,
            "offers": [o.number for o in offers],
            "conflicts": [o.number for o in offers if o.pk in conflicts],
        },
        request=request,
    )
    predicates.changed()
    return declaration
