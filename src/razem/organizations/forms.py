from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from razem.core.forms import IdMultipleChoiceField
from razem.core.identifiers import clean_krs, clean_nip, clean_postal_code, clean_regon
from razem.core.images import LOGO, fit_picture
from razem.core.lists import FilterForm
from razem.core.models import District, PublicBenefitArea
from razem.core.reference import area_choices, district_choices
from razem.organizations.models import Membership, Organization, TargetGroup

TYPED_LENGTHS = {"krs": 16, "nip": 16, "regon": 20, "postal_code": 8}


def validate_logo(upload: Any) -> Any:
    """A logo is a real image of at most 2 MB and 4000 px a side, kept re-encoded in the size the pages show it,
    without metadata (``core.images.fit_picture``)."""
    return fit_picture(
        upload,
        LOGO,
        too_big=_("The logo may be at most 2 MB; this file has %(size)s MB."),
        not_an_image=_("The logo must be an image file (PNG, JPEG, WebP or GIF)."),
        too_large=_("The logo may be at most 4000 × 4000 pixels."),
    )


class KrsLookupForm(forms.Form):
    krs = forms.CharField(
        label=_("KRS number"), max_length=14,
        help_text=_("10 digits, e.g. 0000123456. We fill in the form from the National Court Register."),
    )  # fmt: skip

    def clean_krs(self) -> str:
        value = clean_krs(self.cleaned_data["krs"])
        if not value:
            raise ValidationError(_("Enter the KRS number."))
        return value


class OrganizationForm(forms.ModelForm):
    areas = IdMultipleChoiceField(
        label=_("Public-benefit areas"), queryset=PublicBenefitArea.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("The areas of art. 4 of the Act your statute names."),
    )  # fmt: skip
    target_groups = IdMultipleChoiceField(
        label=_("Who you work for"), queryset=TargetGroup.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)

    class Meta:
        model = Organization
        fields = [
            "name", "short_name", "legal_form", "register_type", "krs", "register_number", "nip", "regon", "is_opp",
            "street", "postal_code", "city", "district", "description", "logo", "website", "email", "phone",
            "facebook", "instagram", "linkedin",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "postal_code": forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
        }
        help_texts = {
            "krs": _("10 digits. Leave empty if the organization is not in KRS (e.g. an ordinary association)."),
            "register_number": _("For organizations outside KRS: the number in the register that keeps them."),
            "nip": _("Optional. 10 digits; we check the check digit."),
            "regon": _("Optional. 9 or 14 digits; we check the check digit."),
            "logo": _("PNG, JPEG, WebP or GIF, at most 2 MB."),
            "description": _("What the organization does, for whom and where. Plain text."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = self.fields["areas"]
        district = self.fields["district"]
        assert isinstance(areas, forms.ModelMultipleChoiceField)  # noqa: S101 - narrows the type
        assert isinstance(district, forms.ModelChoiceField)  # noqa: S101
        areas.queryset = PublicBenefitArea.objects.valid_on(timezone.localdate())
        district.queryset = District.objects.all()
        district.empty_label = _("Outside the districts / not applicable")
        if not (self.instance.pk and self.instance.logo):
            del self.fields["remove_logo"]
        # People type identifiers with spaces and dashes ("123-456-32-18"); the clean_* methods compact them, so
        # the model's max_length (digits only) must not refuse them first with a message about characters.
        for name, length in TYPED_LENGTHS.items():
            field = self.fields[name]
            field.max_length = length  # type: ignore[attr-defined]
            field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
            field.validators.append(MaxLengthValidator(length))
            field.widget.attrs["maxlength"] = str(length)
        # Django's ImageField refuses a non-image before clean_logo runs: say it in our words.
        not_an_image = _("The logo must be an image file (PNG, JPEG, WebP or GIF).")
        self.fields["logo"].error_messages["invalid_image"] = not_an_image

    def clean_krs(self) -> str:
        krs = clean_krs(self.cleaned_data.get("krs", ""))
        # Checked here, not only in the service: otherwise the model's unique constraint answers first with
        # a generic "constraint violated" message that does not say which organization has the number.
        other = Organization.objects.filter(krs=krs).exclude(pk=self.instance.pk).only("name").first() if krs else None
        if other is not None:
            raise ValidationError(
                _("This KRS number is already registered in Razem by: %(name)s.") % {"name": other.name},
                code="duplicate_krs",
            )
        return krs

    def clean_nip(self) -> str:
        return clean_nip(self.cleaned_data.get("nip", ""))

    def clean_regon(self) -> str:
        return clean_regon(self.cleaned_data.get("regon", ""))

    def clean_postal_code(self) -> str:
        return clean_postal_code(self.cleaned_data.get("postal_code", ""))

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            logo = validate_logo(logo)  # the re-encoded picture, without its metadata
        return logo

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("register_type") == Organization.RegisterType.KRS
            and not data.get("krs")
            and "krs" not in self.errors
        ):
            self.add_error("krs", _("Enter the KRS number, or choose the register the organization is in."))
        outside_krs = data.get("register_type") not in (
            None,
            "",
            Organization.RegisterType.KRS,
            Organization.RegisterType.NONE,
        )
        if outside_krs and not data.get("register_number"):
            self.add_error("register_number", _("Enter the number in that register."))
        return data

    def profile_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name] for name in self.Meta.fields if name != "logo" and name in self.cleaned_data
        }

    def logo_change(self) -> Any:
        """None: keep the logo; False: remove it; an upload: replace it."""
        if self.cleaned_data.get("remove_logo"):
            return False
        logo = self.cleaned_data.get("logo")
        return logo if logo and hasattr(logo, "content_type") else None


class StatusForm(forms.Form):
    """The officer's decision: the statuses offered are the workflow's transitions the officer may take now
    (``VERIFICATION.available``); any status passes the form, so that the service says why another one cannot be
    chosen (someone else decided a moment earlier, say)."""

    status = forms.ChoiceField(label=_("Decision"), choices=Organization.Status.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting or suspending. The organization's administrators will read it."),
    )  # fmt: skip

    def __init__(self, data: Any = None, *, transitions: Iterable[Any] = ()) -> None:
        super().__init__(data)
        self.fields["status"].widget.choices = [(t.target, t.label) for t in transitions]  # type: ignore[attr-defined]


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the administrators"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Optional: who you are in the organization."),
    )  # fmt: skip


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


# The directory's choice fields as rendered (core/forms/field.html), by (language, field, value chosen): a few hundred
# at most, since only values among the choices are kept (a form with an error is rendered anew). Each entry keeps
# the reference list it was rendered from (None for the fixed lists), and is rendered anew when that list changes.
_rendered_choices: dict[tuple[str, str, str, str], tuple[list[tuple[int, str]] | None, SafeString]] = {}


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Name, short name, KRS or a word from the description."),
    )
    # Plain choices from the reference cache: this form is on every directory request.
    obszar = forms.TypedChoiceField(label=_("Public-benefit area"), required=False, coerce=int, empty_value=None)
    dzielnica = forms.TypedChoiceField(label=_("District"), required=False, coerce=int, empty_value=None)
    forma = forms.ChoiceField(
        label=_("Legal form"), required=False, choices=[("", _("Any")), *Organization.LegalForm.choices]
    )
    opp = forms.ChoiceField(
        label=_("OPP status"),
        required=False,
        choices=[("", _("Any")), ("tak", _("Public benefit organizations only")), ("nie", _("Without OPP status"))],
    )
    sortuj = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("nazwa", _("Name A–Z")),
            ("-nazwa", _("Name Z–A")),
            ("najnowsze", _("Newest first")),
            ("dzielnica", _("District")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["obszar"]
        district = self.fields["dzielnica"]
        assert isinstance(area, forms.ChoiceField) and isinstance(district, forms.ChoiceField)  # noqa: S101
        # Callables: the lists are read only when the form is shown or a value is checked.
        area.choices = lambda: [("", _("Any")), *area_choices()]
        district.choices = lambda: [("", _("Any")), *district_choices()]

    def render_fields(self) -> SafeString:
        """The visible fields, each as ``field.as_field_group`` renders it. The public directory shows them on every
        request, and a choice field looks the same for everyone who chose the same value: its HTML is kept in the
        process (``_rendered_choices``) and rendered only on the first request or when its reference list changed.
        """
        language = get_language() or ""
        references = {"obszar": area_choices, "dzielnica": district_choices}
        html = []
        for field in self.visible_fields():
            choice = isinstance(field.field, forms.ChoiceField) and not field.errors
            if not choice:
                html.append(field.as_field_group())
                continue
            reference = references[field.name]() if field.name in references else None
            if reference is not None:
                # The list read once: the value was checked against it and the options are rendered from it.
                field.field.choices = [("", _("Any")), *reference]  # type: ignore[attr-defined]
            value = field.value()
            key = (language, field.html_name, field.auto_id, "" if value is None else str(value))
            kept = _rendered_choices.get(key)
            if kept is None or kept[0] != reference:
                kept = (reference, field.as_field_group())
                _rendered_choices[key] = kept
            html.append(kept[1])
        return mark_safe("".join(html))  # noqa: S308 - joined HTML rendered by the form's own templates

    def filters(self) -> Any:
        from razem.organizations.selectors import DirectoryFilters

        if not self.is_valid():
            return DirectoryFilters()
        d = self.cleaned_data
        return DirectoryFilters(
            query=d.get("q", ""),
            area=d.get("obszar"),
            district=d.get("dzielnica"),
            legal_form=d.get("forma", ""),
            opp={"tak": True, "nie": False}.get(d.get("opp", "")),
            sort=d.get("sortuj") or "nazwa",
        )


class StaffFilterForm(DirectoryFilterForm, FilterForm):
    """The office's list (``razem.core.lists.staff_list``): the directory's filters and order, and the status."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *Organization.Status.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sort = self.fields["sortuj"]
        sort.choices = [*sort.choices, ("najstarsze", _("Oldest first"))]  # type: ignore[attr-defined]

    def filters(self) -> Any:
        base = super().filters()
        from dataclasses import replace

        return replace(base, status=self.cleaned_data.get("status", "") if self.is_valid() else "")

    def filter(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """Filtered and ordered as the form says (its "Sort by" field: the list has no sorting headers)."""
        from razem.organizations.selectors import organizations_filtered

        if self.is_bound and not self.is_valid():
            return queryset.none()
        return organizations_filtered(queryset, self.filters())


ACCEPTED_IMPORT_TYPES = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "UTF-8 or Windows-1250 CSV (separated by semicolons, commas or tabs), or an Excel XLSX sheet, "
            "with the documented columns."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_IMPORT_TYPES}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > settings.RAZEM_IMPORT_MAX_BYTES:
            raise ValidationError(
                _("The file is too large (at most %(mb)s MB).") % {"mb": settings.RAZEM_IMPORT_MAX_BYTES // 1048576}
            )
        head = upload.read(4)
        upload.seek(0)
        if name.endswith(".xlsx") and head != b"PK\x03\x04":
            raise ValidationError(_("This file is not a valid XLSX workbook."))
        if name.endswith(".csv") and b"\x00" in upload.read(2048):
            upload.seek(0)
            raise ValidationError(_("This file does not look like CSV text."))
        upload.seek(0)
        return upload
