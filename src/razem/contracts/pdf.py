"""The contract and its annexes as PDFs for signing, on the 2018 framework template (Załącznik nr 3 to Dz.U. 2018
poz. 2057), issued through ``core.documents.issue_pdf`` (kinds ``contracts.contract`` and ``contracts.annex``).

A draft renders from its rows (``contracts.content.contract_content``): the office prints it, the parties sign it.
Once the signing is recorded the PDF renders from the content frozen at that moment, so the document in Razem is
the one that was signed, whatever is edited or annexed later. The PDFs are always in Polish."""

from typing import Any

from django.utils import translation

from razem.contracts import content as content_module
from razem.contracts.models import Contract, ContractAnnex
from razem.core.documents import issue_pdf
from razem.core.models import DocumentSnapshot

LANGUAGE = "pl"


def contract_context(contract: Contract) -> dict[str, Any]:
    content = contract.content if contract.content else content_module.contract_content(contract)
    return {"c": content, "contract": contract, "draft": not contract.content}


def contract_pdf(*, contract: Contract, actor: Any = None) -> DocumentSnapshot:
    with translation.override(LANGUAGE):
        return issue_pdf(
            template="contracts/pdf/contract.html",
            context=contract_context(contract),
            kind="contracts.contract",
            obj=contract,
            title=f"Umowa {contract.number or contract.pk}",
            actor=actor,
        )


def annex_context(annex: ContractAnnex) -> dict[str, Any]:
    content = annex.content if annex.content else content_module.annex_content(annex)
    return {"a": content, "annex": annex, "draft": not annex.content}


def annex_pdf(*, annex: ContractAnnex, actor: Any = None) -> DocumentSnapshot:
    with translation.override(LANGUAGE):
        return issue_pdf(
            template="contracts/pdf/annex.html",
            context=annex_context(annex),
            kind="contracts.annex",
            obj=annex,
            title=f"Aneks nr {annex.number} do umowy {annex.contract.number}",
            actor=actor,
        )


def filename(contract: Contract) -> str:
    return f"umowa-{(contract.number or str(contract.pk)).replace('/', '-')}.pdf"


def annex_filename(annex: ContractAnnex) -> str:
    return f"aneks-{annex.number}-umowa-{(annex.contract.number or str(annex.contract_id)).replace('/', '-')}.pdf"
