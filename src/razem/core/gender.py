"""Positions and past participles that agree with the person's grammatical gender, where the person chose it in
their profile (``accounts.User.grammatical_gender``), and neutral otherwise.

Polish agrees them ("Przewodnicząca" / "Przewodniczący" / "Osoba przewodnicząca"), English mostly does not: write
one English msgid under three gettext contexts, so that each form has its own Polish::

    gendered(
        person,
        pgettext_lazy("feminine", "Chair"),
        pgettext_lazy("masculine", "Chair"),
        pgettext_lazy("neutral", "Chair"),
    )

In a template, ``{% gendered person feminine masculine neutral %}`` (``razem`` tags) does the same with the three
forms translated beforehand (``{% translate "Chair" context "feminine" as feminine %}``).
"""

from typing import Any

FEMININE = "feminine"
MASCULINE = "masculine"
UNSPECIFIED = "unspecified"


def gender_of(person: Any) -> str:
    """The grammatical gender the person chose (``FEMININE``, ``MASCULINE``), else ``UNSPECIFIED``; a person that
    is no account (a name typed into a form, ``None``) is ``UNSPECIFIED`` too."""
    value = getattr(person, "grammatical_gender", "")
    return value if value in (FEMININE, MASCULINE) else UNSPECIFIED


def gendered[T](person: Any, feminine: T, masculine: T, neutral: T) -> T:
    """The form that agrees with ``person``: feminine or masculine as they chose, neutral when they did not."""
    gender = gender_of(person)
    if gender == FEMININE:
        return feminine
    if gender == MASCULINE:
        return masculine
    return neutral
