"""What the figures count, in one place, so that the yearly figures and the path of a call agree.

- a call counts once it is published and as long as it is not cancelled (``Call.Status`` announced or decided);
- an offer counts once filed: any status but a draft or a withdrawn offer (formally rejected, not funded and
  resigned offers were filed and asked for a grant);
- an award counts once it is public: the results of its call are published (``Decision.results_published_at``),
  or it is a small grant (art. 19a: the decision has no call; the offer itself was published for comments), and
  not when the oferent resigned from it;
- a contract counts as signed when it has its date of signing (signed, or signed and terminated later);
- the reports and the settlements are the reports app's (``reports.Report``, ``reports.Settlement``).
"""

from django.db.models import Q, QuerySet

from razem.grants.models import Call, Offer
from razem.reports.models import Report, Settlement

PUBLIC_CALL_STATUSES = (Call.Status.ANNOUNCED, Call.Status.DECIDED)
NOT_FILED = (Offer.Status.DRAFT, Offer.Status.WITHDRAWN)


def filed_offer(prefix: str = "") -> Q:
    """``prefix`` leads to the offer: ``""`` on Offer, ``"offer__"`` on Award."""
    return ~Q(**{f"{prefix}status__in": NOT_FILED})


def counted_call(prefix: str = "") -> Q:
    """The offer's call is public, or it is a small grant (no call). ``prefix`` leads to the offer."""
    return Q(**{f"{prefix}call__isnull": True}) | Q(**{f"{prefix}call__status__in": PUBLIC_CALL_STATUSES})


def public_award(prefix: str = "", offer: str | None = None) -> Q:
    """``prefix`` leads to the award (``""`` on Award, ``"award__"`` on AwardYear or Offer), ``offer`` to its offer
    (``prefix + "offer__"`` unless given; ``""`` on Offer)."""
    offer = f"{prefix}offer__" if offer is None else offer
    published = Q(**{f"{prefix}decision__results_published_at__isnull": False})
    small_grant = Q(**{f"{prefix}decision__call__isnull": True})
    resigned = Q(**{f"{offer}status": Offer.Status.RESIGNED})
    return (published | small_grant) & ~resigned


def signed_contract(prefix: str = "") -> Q:
    """``prefix`` leads to the contract."""
    return Q(**{f"{prefix}signed_on__isnull": False})


def settlements() -> QuerySet[Settlement]:
    """``reports.Settlement``: per contract and budget year, ``to_return`` and ``returned``."""
    return Settlement.objects.all()


def accepted_reports() -> QuerySet[Report]:
    """The reports the office accepted (``reports.Report``, partial or final)."""
    return Report.objects.filter(status=Report.Status.ACCEPTED)
