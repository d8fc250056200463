from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.mfa.base.forms import AuthenticateForm as MFAAuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as MFAReauthenticateForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from razem.accounts.models import User


class SignupForm(AllauthSignupForm):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    accept_privacy = forms.BooleanField(
        label=_("I have read the privacy notice."),
        help_text=_("The privacy notice says who processes your data, why, and what your rights are."),
    )

    field_order = ["full_name", "email", "password1", "password2", "accept_privacy"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("email", "password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "grammatical_gender", "phone", "preferred_language"]
        labels = {"grammatical_gender": _("How should we address you?")}
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "grammatical_gender": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        help_texts = {
            "phone": _("Optional. Shown only to the city office and the organizations you act for."),
            "preferred_language": _("The language of the pages and of the e-mails we send you."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One choice is always checked on the page; a request without it keeps what the person chose before.
        self.fields["grammatical_gender"].required = False

    def clean_grammatical_gender(self) -> str:
        return self.cleaned_data["grammatical_gender"] or self.instance.grammatical_gender

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = [c for c in phone if c.isdigit()]
        if phone and (len(digits) < 9 or any(c not in "0123456789+ -()" for c in phone)):
            raise forms.ValidationError(_("Enter a phone number, e.g. +48 12 345 67 89."))
        return phone

    def clean_preferred_language(self) -> str:
        value = self.cleaned_data["preferred_language"]
        if value not in dict(settings.LANGUAGES):
            raise forms.ValidationError(_("Choose a language from the list."))
        return value


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class _SecondFactorLockoutMixin:
    """The second step counts like the password (razem.accounts.lockout): per address, per (address, account) and
    per account, instead of allauth's lock of the account for everybody."""

    user: Any

    def clean_code(self) -> str:
        from allauth.core import context

        from razem.accounts import lockout

        request = context.request
        usage = lockout.consume(request, user=self.user, step=lockout.STEP_SECOND_FACTOR)
        try:
            code: str = super().clean_code()  # type: ignore[misc]
        except forms.ValidationError as error:
            if lockout.is_lockout(error):  # allauth's per-address limit
                usage.rollback()
                lockout.locked(request, limit=lockout.LIMIT_ADDRESS, step=lockout.STEP_SECOND_FACTOR, user=self.user)
            raise
        usage.rollback()  # the right code is not a failure
        return code


class SecondFactorForm(_SecondFactorLockoutMixin, MFAAuthenticateForm):
    pass


class SecondFactorReauthenticateForm(_SecondFactorLockoutMixin, MFAReauthenticateForm):
    pass
