"""A filed report as a PDF on the 2018 report form (Załącznik nr 5 to Dz.U. 2018 poz. 2057; the simplified report
of a small grant, poz. 2055), rendered from the filing's frozen content only, always in Polish, and issued through
``core.documents.issue_pdf`` (kind ``reports.report``): kept as a snapshot, reused while its content is unchanged;
the contract number, the filing and the SHA-256 of the content are printed in the margins of every page."""

from typing import Any

from django.utils import translation

from razem.core.documents import issue_pdf
from razem.core.models import DocumentSnapshot
from razem.reports.models import ReportFiling
from razem.reports.presentation import present

KIND = "reports.report"
TEMPLATE = "reports/pdf/report.html"
LANGUAGE = "pl"


def _css(text: Any) -> str:
    """Text safe inside a CSS string of a page margin box."""
    return "".join(ch for ch in str(text or "") if ch not in '"\\\n\r<>')


def _day(iso: str | None) -> str:
    if not iso:
        return "—"
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def pdf_context(filing: ReportFiling) -> dict[str, Any]:
    content = filing.content
    contract = content.get("contract") or {}
    return {
        "filing": filing,
        "c": content,
        "shown": present(content),
        "header": {
            "number": _css(contract.get("number")),
            "filing": filing.number,
            "checksum": _css(filing.checksum),
        },
        "signed_on": _day(contract.get("signed_on")),
        "period_start": _day((content.get("period") or {}).get("start")),
        "period_end": _day((content.get("period") or {}).get("end")),
    }


def report_pdf(*, filing: ReportFiling, actor: Any = None) -> DocumentSnapshot:
    """The PDF of ``filing`` as issued (the same snapshot while its rendering is unchanged)."""
    with translation.override(LANGUAGE):
        number = (filing.content.get("contract") or {}).get("number") or filing.report_id
        return issue_pdf(
            template=TEMPLATE,
            context=pdf_context(filing),
            kind=KIND,
            obj=filing,
            title=f"Sprawozdanie do umowy {number}, złożenie {filing.number}",
            actor=actor,
        )


def filename(filing: ReportFiling) -> str:
    number = str((filing.content.get("contract") or {}).get("number") or filing.report_id).replace("/", "-")
    kind = "koncowe" if filing.content.get("kind") == "final" else "czesciowe"
    return f"sprawozdanie-{kind}-{number}-{filing.number}.pdf"
