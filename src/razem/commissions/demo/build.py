"""The demo commission (see the package's doc)."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils import timezone

from razem.accounts.models import User
from razem.commissions.demo import CALL_PREFIX, PACKAGE
from razem.commissions.models import Member
from razem.commissions.services import declarations, members, opinion, scores
from razem.core import demo as toolkit
from razem.grants.models import Call, CommissionNomination, Criterion, Offer
from razem.organizations import demo as organizations_demo

OFFICER = "urzednik@razem.demo"
REPRESENTATIVE = "przedstawiciel@razem.demo"
MEMBER = "czlonek@razem.demo"
RESIDENT = "mieszkanka@razem.demo"
ONE_DECIMAL = Decimal("0.1")


def _second_officer(spec: Mapping[str, str]) -> User:
    user = User.objects.filter(email=spec["email"]).first()
    if user is None:
        user = User.objects.create_user(email=spec["email"], full_name=spec["full_name"], role=User.Role.OFFICER)
    return user


def _nomination(call: Call, organization: Any, person: User, data: Mapping[str, str], officer: User) -> Any:
    """A consented nomination, as the call's recruitment would leave it (the civic-centre call did not recruit)."""
    return CommissionNomination.objects.create(
        call=call, organization=organization, full_name=person.full_name, email=person.email, nominee=person,
        phone=data["phone"], qualifications=data["qualifications"], nominated_by=officer,
        status=CommissionNomination.Status.CONSENTED, consented_at=timezone.now(),
    )  # fmt: skip


def _score(actor: User, offer: Offer, criteria: list[Criterion], ratios: list[float], texts: Mapping[str, str]) -> None:
    points = {}
    justifications = {}
    for n, criterion in enumerate(criteria):
        ratio = Decimal(str(ratios[n % len(ratios)]))
        points[criterion.pk] = str((criterion.max_points * ratio).quantize(ONE_DECIMAL))
        justifications[criterion.pk] = texts.get(criterion.statutory) or texts["other"]
    scores.scores_save(actor=actor, offer=offer, points=points, justifications=justifications)


def build(users: Mapping[str, User]) -> bool:
    officer = users.get(OFFICER)
    call = Call.objects.filter(slug__startswith=CALL_PREFIX).first()
    needed = [users.get(e) for e in (REPRESENTATIVE, MEMBER, RESIDENT)]
    if officer is None or call is None or any(u is None for u in needed):
        return False
    representative, member_user, resident = needed
    offers = list(
        Offer.objects.filter(call=call, status__in=[Offer.Status.FILED, Offer.Status.ADMITTED]).order_by("number")
    )
    if len(offers) < 2:
        return False
    data = toolkit.read_json(PACKAGE, "commission.json")
    # The formal check's result, written directly (a demo shortcut).
    Offer.objects.filter(pk__in=[o.pk for o in offers], status=Offer.Status.FILED).update(
        status=Offer.Status.ADMITTED, checked_at=timezone.now(), checked_by=officer
    )
    first, second = (Offer.objects.select_related("call").get(pk=o.pk) for o in offers[:2])
    spnh = organizations_demo.organization_for(organizations_demo.FEATURED[1])
    criteria = list(Criterion.objects.filter(call=call).order_by("position", "id"))
    with toolkit.quietly():
        marek = _second_officer(data["second_representative"])
        members.member_appoint(actor=officer, call=call, role=Member.Role.MAYOR, user=officer, chair=True)
        members.member_appoint(actor=officer, call=call, role=Member.Role.MAYOR, user=marek)
        ngo = _nomination(call, spnh, representative, data["nominee"], officer)  # type: ignore[arg-type]
        members.member_appoint(actor=officer, call=call, role=Member.Role.NGO, nomination=ngo)
        taking_part = _nomination(call, first.organization, member_user, data["excluded_nominee"], officer)  # type: ignore[arg-type]
        members.member_appoint(actor=officer, call=call, role=Member.Role.NGO, nomination=taking_part)
        members.member_appoint(actor=officer, call=call, role=Member.Role.EXPERT, email=resident.email)  # type: ignore[union-attr]
        no_conflicts = {first.pk: (False, ""), second.pk: (False, "")}
        declarations.declaration_sign(actor=officer, call=call, answers=no_conflicts, confirmed=True)
        declarations.declaration_sign(
            actor=marek, call=call, answers={first.pk: (False, ""), second.pk: (True, data["conflict"])}, confirmed=True
        )
        declarations.declaration_sign(actor=representative, call=call, answers=no_conflicts, confirmed=True)  # type: ignore[arg-type]
        ratios, texts = data["ratios"], data["justifications"]
        _score(officer, first, criteria, ratios["urzednik"]["a"], texts["a"])
        _score(officer, second, criteria, ratios["urzednik"]["b"], texts["b"])
        _score(marek, first, criteria, ratios["second"]["a"], texts["a"])
        _score(representative, first, criteria, ratios["nominee"]["a"], texts["a"])  # type: ignore[arg-type]
        requested = first.current_version.grant_requested if first.current_version else Decimal(0)
        opinion.proposals_save(actor=officer, call=call, amounts={first.pk: str(requested)})
    return True
