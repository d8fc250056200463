"""The canonical content of a simplified offer as filed.

It is ``grants.content.offer_content`` (the same keys, so that the office's pages, the contract and the report read
a small grant like any offer; ``call`` is None) with the form named as the simplified offer of Dz.U. 2018
poz. 2055, and a ``small_grant`` part: the organ, the kind of task (the public-benefit area), the place, the budget
year and the estimate with the grant part of each line. The checksum is ``grants.content.content_checksum``.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from razem.grants import content as grants_content
from razem.small_grants import estimate

FORM = "Dz.U. 2018 poz. 2055, uproszczony wzór oferty (art. 19a)"


def small_grant_content(
    offer: Any, *, declarations: Mapping[str, Any] | None = None, signatories: Iterable[Any] = ()
) -> dict[str, Any]:
    content = grants_content.offer_content(offer, declarations=declarations, signatories=signatories)
    small_grant = offer.small_grant
    area = small_grant.area
    content["form"] = FORM
    content["small_grant"] = {
        "organ": small_grant.organ,
        "area": {"code": area.code, "name": area.name, "legal_ref": area.legal_ref} if area is not None else None,
        "place": small_grant.place,
        "year": offer.start_date.year if offer.start_date else None,
        "estimate": estimate.from_offer(offer).as_dict(),
    }
    return content


def content_checksum(content: Mapping[str, Any]) -> str:
    return grants_content.content_checksum(content)
