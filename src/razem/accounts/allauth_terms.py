"""allauth's own strings whose Polish wording we set ourselves, so that the sign-in pages use the same terms
as the rest of Razem (logowanie dwuetapowe, aplikacja uwierzytelniająca, kody zapasowe, Załóż konto).

Marked here only so that makemessages keeps them in our catalogue, which takes precedence over allauth's.
"""

from django.utils.translation import gettext_noop

TERMS = [
    gettext_noop("Sign In"),
    gettext_noop("Sign Up"),
    gettext_noop("Signup"),
    gettext_noop("Forgot your password?"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."
    ),
    gettext_noop("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Two-Factor Authentication"),
    gettext_noop("Authenticator App"),
    gettext_noop("Authenticator app activated."),
    gettext_noop("Authenticator app deactivated."),
    gettext_noop("Authentication using an authenticator app is active."),
    gettext_noop("An authenticator app is not active."),
    gettext_noop("Authorization code"),
    gettext_noop("Recovery Codes"),
    gettext_noop("Recovery codes"),
    gettext_noop("No recovery codes set up."),
    gettext_noop("A new set of recovery codes has been generated."),
    gettext_noop("You are about to generate a new set of recovery codes for your account."),
    gettext_noop("I have saved my recovery codes"),
    # The second-factor pages in the site's voice (docs/polish.md): field labels, errors and choices allauth builds.
    gettext_noop("Authenticator code"),
    gettext_noop("Incorrect code."),
    gettext_noop("Use your password"),
    gettext_noop("Use authenticator app or code"),
    gettext_noop("Authenticator App Activated"),
    gettext_noop("Authenticator App Deactivated"),
    gettext_noop("New Recovery Codes Generated"),
    gettext_noop("A new set of Two-Factor Authentication recovery codes has been generated."),
]
