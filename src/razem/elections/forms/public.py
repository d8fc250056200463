"""Forms of the public election pages: nominating a candidate, the candidate's consent, support, the vote's first
step and the tracker check. The ballot itself is read from the POST as it is: the service judges every mark and
says, in words, why a ballot is refused."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from razem.core.images import CANDIDATE_PHOTO, fit_picture
from razem.elections.models import Election


def validate_photo(upload: Any) -> Any:
    """A candidate's photo is a real image of at most 2 MB and 4000 px a side, kept re-encoded in the size the
    candidacy page shows it, without metadata (``core.images.fit_picture``): ``NominationForm.clean_photo`` stores
    what this returns."""
    return fit_picture(
        upload,
        CANDIDATE_PHOTO,
        too_big=_("The photo may be at most 2 MB; this file has %(size)s MB."),
        not_an_image=_("The photo must be an image file (PNG, JPEG, WebP or GIF)."),
        too_large=_("The photo may be at most 4000 × 4000 pixels."),
    )


def _organization_field(organizations: list[Any], label: Any, help_text: Any = "") -> forms.TypedChoiceField:
    field = forms.TypedChoiceField(label=label, coerce=int, help_text=help_text)
    field.choices = [(o.pk, o.name) for o in organizations]
    # Any number is accepted here: the service says, in words, when the person does not act for it.
    field.valid_value = lambda value: True  # type: ignore[method-assign]
    return field


class ServiceErrorsMixin:
    """A service's refusal next to the field it names (``person`` is the e-mail field here), else at the top."""

    service_field_names: dict[str, str] = {}

    def add_service_error(self, error: ValidationError) -> None:
        form: Any = self
        if hasattr(error, "error_dict"):
            for key, errors in error.error_dict.items():
                name = self.service_field_names.get(key, key)
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, error)


class NominationForm(ServiceErrorsMixin, forms.Form):
    service_field_names = {"person": "email"}

    email = forms.EmailField(
        label=_("The candidate's e-mail address"),
        help_text=_("The address of the candidate's account in Razem. The candidate then consents in Razem."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    statement = forms.CharField(
        label=_("Statement"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why this person stands and what they want to do in the body."),
    )
    biography = forms.CharField(
        label=_("Short biography"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("Optional: PNG, JPEG, WebP or GIF, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
    )

    def clean_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        return validate_photo(photo) if photo else photo  # the re-encoded picture, without its metadata

    def __init__(self, *args: Any, election: Election, organizations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        organization = _organization_field(organizations, _("Nominating organization"))
        if len(organizations) == 1:
            organization.widget = forms.HiddenInput()
            organization.initial = organizations[0].pk
        self.fields = {"organization": organization, **fields}
        lists = list(election.lists.all())
        if lists:
            self.fields["candidate_list"] = forms.TypedChoiceField(
                label=_("List"), coerce=int, choices=[("", "—"), *[(c.pk, c.name) for c in lists]]
            )
        self.lists = {c.pk: c for c in lists}

    def clean_email(self) -> Any:
        from razem.accounts.models import User

        email = self.cleaned_data["email"]
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise ValidationError(
                _("No account in Razem has this address. The candidate must first create an account in Razem."),
                code="no_account",
            )
        self.person = person
        return email

    def candidate_list(self) -> Any:
        return self.lists.get(self.cleaned_data.get("candidate_list") or 0)


class ConsentForm(ServiceErrorsMixin, forms.Form):
    declarations = forms.BooleanField(
        label=_("I consent to my candidacy and I make the declarations above."),
        error_messages={"required": _("Confirm the declarations to consent.")},
    )


class OrganizationForm(ServiceErrorsMixin, forms.Form):
    """Choosing one of the person's organizations: to support a candidate, or to vote for it."""

    def __init__(self, *args: Any, organizations: list[Any], label: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"] = _organization_field(organizations, label)
        field: Any = self.fields["organization"]
        if len(organizations) > 1:
            field.widget = forms.RadioSelect(choices=field.choices)


class TrackerForm(forms.Form):
    tracker = forms.CharField(
        label=_("Ballot tracker"),
        max_length=40,
        help_text=_("The code you received when you cast the ballot, e.g. ABCD-EFGH-JKLM-NPQR."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )

    def clean_tracker(self) -> str:
        tracker = self.cleaned_data["tracker"]
        if not any(ch.isalnum() for ch in tracker):
            raise ValidationError(_("Enter the tracker you received."))
        return tracker
