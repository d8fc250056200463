"""The filed simplified offer as a PDF (the simplified form of Dz.U. 2018 poz. 2055), rendered from the version's
content only, in Polish, with the offer number, the version and the SHA-256 of the filed content in the margins of
every page; issued through ``core.documents.issue_pdf`` (kind ``small_grants.offer``), reused while unchanged."""

from typing import Any

from django.utils import translation

from razem.core.documents import issue_pdf
from razem.core.models import DocumentSnapshot
from razem.grants.models import OfferVersion
from razem.grants.pdf import amount

KIND = "small_grants.offer"
TEMPLATE = "small_grants/pdf/offer.html"
LANGUAGE = "pl"


def _css(text: Any) -> str:
    return "".join(ch for ch in str(text or "") if ch not in '"\\\n\r<>')


def _day(iso: str | None) -> str:
    if not iso:
        return "—"
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def quantity(text: str) -> str:
    """A number of units as the form shows it: "60", "2,5"."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def presented(content: dict[str, Any]) -> dict[str, Any]:
    """The filed content arranged for a page or the PDF: the estimate's amounts as text of the table."""
    part = content.get("small_grant") or {}
    figures = part.get("estimate") or {}
    return {
        "part": part,
        "lines": [
            {
                **line,
                "value_text": amount(line["value"]),
                "grant_text": amount(line["grant"]),
                "own_text": amount(line["own"]),
                "unit_cost_text": amount(line["unit_cost"]),
                "quantity_text": quantity(line["quantity"]),
            }
            for line in figures.get("lines", [])
        ],  # fmt: skip
        "total": amount(figures.get("total", "0")),
        "grant": amount(figures.get("grant", "0")),
        "own": amount(figures.get("own", "0")),
        "grant_share": figures.get("grant_share", "0"),
        "own_share": figures.get("own_share", "0"),
        "own_by_kind": {k: amount(v) for k, v in (figures.get("own_by_kind") or {}).items()},
        "start_date": _day((content.get("task") or {}).get("start_date")),
        "end_date": _day((content.get("task") or {}).get("end_date")),
        "activities": [row for rows in (content.get("activities") or {}).values() for row in rows],
    }


def pdf_context(version: OfferVersion) -> dict[str, Any]:
    offer = version.offer
    return {
        "version": version,
        "c": version.content,
        "p": presented(version.content),
        "number": offer.number,
        "header": {"number": _css(offer.number), "version": version.number, "checksum": _css(version.checksum)},
    }


def offer_pdf(*, version: OfferVersion, actor: Any = None) -> DocumentSnapshot:
    with translation.override(LANGUAGE):
        return issue_pdf(
            template=TEMPLATE,
            context=pdf_context(version),
            kind=KIND,
            obj=version,
            title=f"Oferta uproszczona {version.offer.number}, wersja {version.number}",
            actor=actor,
        )


def filename(version: OfferVersion) -> str:
    number = (version.offer.number or str(version.offer_id)).replace("/", "-")
    return f"oferta-uproszczona-{number}.pdf"
