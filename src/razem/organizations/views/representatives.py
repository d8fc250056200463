"""The organization's representatives (the people who sign for it, as its register shows) and its rule."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from razem.accounts.http import AuthenticatedHttpRequest
from razem.core.access import get_visible_or_404, require_perm
from razem.core.forms import add_service_error
from razem.organizations import representation
from razem.organizations.models import Organization
from razem.organizations.services.representatives import representatives_from_krs, representatives_replace
from razem.organizations.views.public import VIEW

SEE = "organizations.view_representatives_organization"
MANAGE = "organizations.manage_representatives_organization"
EXTRA_ROWS = 3


class RepresentativeRowForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200, required=False)
    function = forms.CharField(label=gettext_lazy("Function"), max_length=200, required=False)
    signs_alone = forms.BooleanField(label=gettext_lazy("May sign alone"), required=False)


RowFormSet = forms.formset_factory(RepresentativeRowForm, extra=EXTRA_ROWS, max_num=60, validate_max=True)


class RuleForm(forms.Form):
    representation_rule = forms.CharField(
        label=gettext_lazy("Representation rule"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy('As the KRS entry ("sposób reprezentacji") or the statute words it.'),
    )
    signatures_required = forms.IntegerField(
        label=gettext_lazy("Signatures required together"),
        min_value=1,
        max_value=60,
        help_text=gettext_lazy("How many representatives sign together when none who may sign alone signs."),
    )


def _page(
    request: AuthenticatedHttpRequest, organization: Organization, rows: Any = None, rule: Any = None, status: int = 200
) -> HttpResponse:
    people = list(organization.representatives.all())
    can_manage = request.user.has_perm(MANAGE, organization)
    if can_manage and rows is None:
        rows = RowFormSet(
            initial=[{"full_name": p.full_name, "function": p.function, "signs_alone": p.signs_alone} for p in people],
            prefix="rows",
        )
    if can_manage and rule is None:
        rule = RuleForm(
            initial={
                "representation_rule": organization.representation_rule,
                "signatures_required": organization.signatures_required,
            }
        )
    extract = organization.krs_extract or {}
    context = {
        "organization": organization,
        "people": people,
        "can_manage": can_manage,
        "rows": rows,
        "rule_form": rule,
        "reading": representation.parse(organization.representation_rule, board_size=len(people)),
        "krs_board": extract.get("board") or [],
        "krs_rule": extract.get("representation_rule") or "",
        "krs_checked_at": organization.krs_checked_at,
    }
    return render(request, "organizations/representatives.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def representatives(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organization = get_visible_or_404(request, Organization.objects.all(), VIEW, pk=pk)
    require_perm(request, SEE, organization)
    if request.method != "POST":
        return _page(request, organization)
    require_perm(request, MANAGE, organization)
    if request.POST.get("action") == "krs":
        try:
            people = representatives_from_krs(actor=request.user, organization=organization, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(count)s representatives were read from the KRS extract.") % {"count": len(people)}
            )
        return redirect("organizations:representatives", pk=organization.pk)
    rows = RowFormSet(request.POST, prefix="rows")
    rule = RuleForm(request.POST)
    if rows.is_valid() and rule.is_valid():
        try:
            representatives_replace(
                actor=request.user,
                organization=organization,
                rows=[form.cleaned_data for form in rows.forms if form.cleaned_data],
                rule=rule.cleaned_data["representation_rule"],
                signatures_required=rule.cleaned_data["signatures_required"],
                request=request,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "rows" in error.error_dict:
                rule.add_error(None, error.error_dict.pop("rows"))
            add_service_error(rule, error)
        else:
            messages.success(request, _("The representatives of %(name)s are saved.") % {"name": organization.name})
            return redirect("organizations:representatives", pk=organization.pk)
    return _page(request, organization, rows=rows, rule=rule)
