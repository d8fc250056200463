"""Django's own strings that its Polish catalogue lacks (new in Django 6.1), translated in ours.

Marked here only so that makemessages keeps them in our catalogue, which takes precedence over Django's.
"""

from django.utils.translation import gettext_noop

TERMS = [
    gettext_noop("- Select an option -"),  # the empty choice of every select built from model choices
]
