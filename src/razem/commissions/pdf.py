"""The protocol of the commission's sitting and its opinion, as PDFs (``core.documents.issue_pdf``), in Polish.

The protocol holds who took part (the composition, the members present, the excluded nominees and why), the
declarations of impartiality with the time each was signed (and completed), the conflicts declared (which member,
which offer; the nature of a conflict stays in Razem), every score with its justification, the ranking and the
proposed amounts with their sums per year against the call's funds. The opinion holds the commission's text, the
ranking and the proposed amounts. Both are issued when the opinion is adopted (kinds ``commissions.protocol`` and
``commissions.opinion``, on the ``Opinion``) and reused while their content is unchanged.
"""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.utils import translation

from razem.commissions import selectors
from razem.commissions.models import Opinion, Score
from razem.core.documents import issue_pdf
from razem.core.models import DocumentSnapshot

PROTOCOL = "commissions.protocol"
OPINION = "commissions.opinion"
LANGUAGE = "pl"


def context(opinion: Opinion) -> dict[str, Any]:
    call = opinion.call
    composition = selectors.composition(call)
    ranking = selectors.ranking(call)
    present = set(opinion.present.values_list("pk", flat=True))
    conflicts: dict[int, list[str]] = defaultdict(list)
    declarations = list(selectors.declarations_of(call))
    for declaration in declarations:
        for conflict in declaration.member.conflicts.all():
            conflicts[declaration.member_id].append(conflict.offer.number or str(conflict.offer_id))
    scores: dict[int, dict[int, dict[int, Score]]] = defaultdict(lambda: defaultdict(dict))
    for score in Score.objects.filter(offer__call=call).order_by("member_id", "criterion_id"):
        scores[score.offer_id][score.member_id][score.criterion_id] = score
    members = {m.pk: m for m in composition.members}
    criterion_ids = [c.pk for c in ranking.criteria]
    offers: list[dict[str, Any]] = []
    for row in ranking.rows:
        cards: list[dict[str, Any]] = []
        for member_id, card in scores.get(row.offer.pk, {}).items():
            member = members.get(member_id)
            if member is None or not all(c in card for c in criterion_ids):
                continue
            cards.append(
                {
                    "member": member,
                    "scores": [card[c] for c in criterion_ids],
                    "total": sum((card[c].points for c in criterion_ids), Decimal(0)),
                }
            )
        cards.sort(key=lambda c: (not c["member"].votes, selectors.ROLE_ORDER.get(c["member"].role, 9)))
        offers.append({"row": row, "cards": cards})
    return {
        "call": call,
        "opinion": opinion,
        "composition": composition,
        "present": [m for m in composition.members if m.pk in present],
        "absent": [m for m in composition.sitting if m.pk not in present],
        "declarations": declarations,
        "unsigned": [m for m in composition.sitting if getattr(m, "declaration", None) is None],
        "conflicts": [(members[m], numbers) for m, numbers in conflicts.items() if m in members],
        "ranking": ranking,
        "offers": offers,
    }


def issue(opinion: Opinion, *, actor: Any = None) -> tuple[DocumentSnapshot, DocumentSnapshot]:
    """The protocol and the opinion as issued (the same snapshots while their rendering is unchanged)."""
    data = context(opinion)
    number = opinion.call.number
    with translation.override(LANGUAGE):
        protocol = issue_pdf(
            template="commissions/pdf/protocol.html",
            context=data,
            kind=PROTOCOL,
            obj=opinion,
            title=f"Protokół komisji konkursowej, {number}",
            actor=actor,
        )
        text = issue_pdf(
            template="commissions/pdf/opinion.html",
            context=data,
            kind=OPINION,
            obj=opinion,
            title=f"Opinia komisji konkursowej, {number}",
            actor=actor,
        )
    return protocol, text


def filename(opinion: Opinion, kind: str) -> str:
    stem = "protokol-komisji" if kind == PROTOCOL else "opinia-komisji"
    return f"{stem}-{opinion.call.number.replace('/', '-')}.pdf"
