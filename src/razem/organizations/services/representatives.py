"""The people entitled to represent an organization (who sign its offers) and its representation rule.

``representatives_replace`` records them as the organization's administrator (or an officer) enters them;
``representatives_from_krs`` fills them from the board and the "sposób reprezentacji" of the KRS extract kept on the
organization (``Organization.krs_extract``), reading the rule with ``organizations.representation``."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.accounts.models import User
from razem.core import audit, history
from razem.organizations import representation
from razem.organizations.models import Organization, Representative

__all__ = ["representatives_from_krs", "representatives_replace"]

history.describe("organizations.organization.representatives_replaced", gettext_lazy("Representatives recorded"))
history.describe("organizations.organization.representatives_from_krs", gettext_lazy("Representatives read from KRS"))


def _clean_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    cleaned = []
    for number, row in enumerate(rows, start=1):
        name = " ".join(str(row.get("full_name") or "").split())
        function = " ".join(str(row.get("function") or "").split())
        if not name and not function:
            continue
        if not name:
            raise ValidationError(
                {
                    "rows": _("Row %(n)s: give the full name of the person (the function is %(function)s).")
                    % {"n": number, "function": function}
                }  # fmt: skip
            )
        cleaned.append(
            {
                "full_name": name[:200],
                "function": function[:200],
                "signs_alone": bool(row.get("signs_alone")),
                "source": row.get("source") or Representative.Source.MANUAL,
            }
        )
    return cleaned


def _store(
    *,
    actor: User | None,
    organization: Organization,
    rows: list[dict[str, Any]],
    rule: str,
    signatures_required: int,
    action: str,
    request: HttpRequest | None,
) -> list[Representative]:
    locked = Organization.objects.select_for_update().get(pk=organization.pk)
    locked.representatives.all().delete()
    people = Representative.objects.bulk_create(
        Representative(organization=locked, position=position, **row) for position, row in enumerate(rows, start=1)
    )
    locked.representation_rule = rule
    locked.signatures_required = signatures_required
    locked.save(update_fields=["representation_rule", "signatures_required", "updated_at"])
    audit.record(
        actor=actor,
        action=action,
        obj=locked,
        request=request,
        data={
            "representatives": [f"{r.full_name} ({r.function})" + (" *" if r.signs_alone else "") for r in people],
            "rule": rule,
            "signatures_required": signatures_required,
        },
    )
    organization.representation_rule, organization.signatures_required = rule, signatures_required
    return people


@transaction.atomic
def representatives_replace(
    *,
    actor: User,
    organization: Organization,
    rows: Iterable[Mapping[str, Any]],
    rule: str,
    signatures_required: int,
    request: HttpRequest | None = None,
) -> list[Representative]:
    """Record the people entitled to represent ``organization`` (``rows`` of full_name, function, signs_alone; empty
    rows are skipped) and its rule, replacing what was recorded. Refused when the rule could never be met."""
    cleaned = _clean_rows(rows)
    rule = (rule or "").strip()
    try:
        required = int(signatures_required)
    except (TypeError, ValueError):
        raise ValidationError({"signatures_required": _("Give the number of signatures as a whole number.")}) from None
    if required < 1:
        raise ValidationError({"signatures_required": _("At least one signature is required.")})
    if cleaned and required > len(cleaned) and not any(row["signs_alone"] for row in cleaned):
        raise ValidationError(
            {
                "signatures_required": _(
                    "The rule needs %(required)s signatures together, but only %(count)s representatives are recorded "
                    "and none may sign alone: nobody could sign."
                )
                % {"required": required, "count": len(cleaned)}
            }
        )
    return _store(
        actor=actor,
        organization=organization,
        rows=cleaned,
        rule=rule,
        signatures_required=required,
        action="organizations.organization.representatives_replaced",
        request=request,
    )


@transaction.atomic
def representatives_from_krs(
    *, actor: User | None, organization: Organization, request: HttpRequest | None = None
) -> list[Representative]:
    """Fill the representatives from the board and the representation rule of the stored KRS extract (the people
    recorded by hand are replaced). Refused when no extract with a board is stored."""
    extract = organization.krs_extract or {}
    board = [m for m in extract.get("board") or [] if (m.get("name") or "").strip()]
    if not board:
        raise ValidationError(_("No KRS extract with the board is stored for this organization; enter the people."))
    rule = (extract.get("representation_rule") or "").strip()
    parsed = representation.parse(rule, board_size=len(board))
    rows = [
        {
            "full_name": m["name"],
            "function": (m.get("function") or "").strip().capitalize(),
            "signs_alone": parsed.signs_alone(m.get("function") or ""),
            "source": Representative.Source.KRS,
        }
        for m in board
    ]
    return _store(
        actor=actor,
        organization=organization,
        rows=_clean_rows(rows),
        rule=rule,
        signatures_required=parsed.signatures_required(len(board)),
        action="organizations.organization.representatives_from_krs",
        request=request,
    )
