"""Account pages under /konto/: our own views and allauth's, on Polish paths."""

from allauth.account import views as account
from allauth.mfa.base import views as mfa
from allauth.mfa.recovery_codes import views as recovery
from allauth.mfa.totp import views as totp
from django.urls import path, re_path

from razem.accounts import views
from razem.core.throttle import throttled

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profil/", views.profile, name="profile"),
    path("moje-dane/", views.data_export, name="data_export"),
    path("usun-konto/", views.delete_account, name="delete"),
]

# allauth reverses its own names without a namespace, so these are included at the top level.
allauth_urlpatterns = [
    path("logowanie/", account.login, name="account_login"),
    path("wylogowanie/", account.logout, name="account_logout"),
    path("nieaktywne/", account.account_inactive, name="account_inactive"),
    path("rejestracja/", throttled("accounts.signup")(account.signup), name="account_signup"),
    path("potwierdz-tozsamosc/", account.reauthenticate, name="account_reauthenticate"),
    path("adresy-email/", throttled("accounts.email", key="user")(account.email), name="account_email"),
    path("potwierdz-email/", account.email_verification_sent, name="account_email_verification_sent"),
    re_path(r"^potwierdz-email/(?P<key>[-:\w]+)/$", account.confirm_email, name="account_confirm_email"),
    path("haslo/zmiana/", account.password_change, name="account_change_password"),
    path("haslo/ustaw/", account.password_set, name="account_set_password"),
    path("haslo/reset/", throttled("accounts.password_reset")(account.password_reset), name="account_reset_password"),
    path("haslo/reset/wyslano/", account.password_reset_done, name="account_reset_password_done"),
    re_path(
        r"^haslo/reset/klucz/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        account.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path("haslo/reset/gotowe/", account.password_reset_from_key_done, name="account_reset_password_from_key_done"),
    path("kod-logowania/", account.confirm_login_code, name="account_confirm_login_code"),
    path("dwa-etapy/", mfa.index, name="mfa_index"),
    path("dwa-etapy/weryfikacja/", mfa.authenticate, name="mfa_authenticate"),
    path("dwa-etapy/potwierdz/", mfa.reauthenticate, name="mfa_reauthenticate"),
    path("dwa-etapy/aplikacja/wlacz/", totp.activate_totp, name="mfa_activate_totp"),
    path("dwa-etapy/aplikacja/wylacz/", totp.deactivate_totp, name="mfa_deactivate_totp"),
    path("dwa-etapy/kody-zapasowe/", recovery.view_recovery_codes, name="mfa_view_recovery_codes"),
    path("dwa-etapy/kody-zapasowe/nowe/", recovery.generate_recovery_codes, name="mfa_generate_recovery_codes"),
    path("dwa-etapy/kody-zapasowe/pobierz/", recovery.download_recovery_codes, name="mfa_download_recovery_codes"),
]
