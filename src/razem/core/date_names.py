"""Weekday and month names as Polish writes them mid-sentence: lowercase ("poniedziałek", "grudzień 2026").

Django's Polish catalogue capitalises them ("Poniedziałek", "Grudzień"). Marked here only so that makemessages keeps
them in our catalogue, which takes precedence over Django's; nothing imports this module. Month names in the genitive
("7 grudnia", format ``E``) are lowercase in Django already. docs/polish.md, Dates.
"""

from django.utils.translation import gettext_noop

NAMES = [
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
    gettext_noop("Mon"),
    gettext_noop("Tue"),
    gettext_noop("Wed"),
    gettext_noop("Thu"),
    gettext_noop("Fri"),
    gettext_noop("Sat"),
    gettext_noop("Sun"),
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
