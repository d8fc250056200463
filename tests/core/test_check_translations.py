"""``razem check_translations``: completeness, compiled catalogues, and the Polish style rules it can see.

Each test feeds a small fake catalogue through the command (``--locale-dir``) and reads what it flags.
"""

import io
from pathlib import Path

import polib
import pytest
from django.core.management import CommandError, call_command

from razem.core.management.commands.check_translations import ALLOWED

PLURAL_FORMS = (
    "nplurals=4; plural=(n==1 ? 0 : (n%10>=2 && n%10<=4) && (n%100<12 || n%100>14) ? 1 : n!=1 && "
    "(n%10>=0 && n%10<=1) || (n%10>=5 && n%10<=9) || (n%100>=12 && n%100<=14) ? 2 : 3);"
)


def write_catalogue(root: Path, entries: list[polib.POEntry]) -> Path:
    """A pl catalogue of these entries, with its .mo compiled, under ``root``."""
    folder = root / "pl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "pl",
        "Plural-Forms": PLURAL_FORMS,
    }
    for entry in entries:
        catalogue.append(entry)
    catalogue.save(str(folder / "django.po"))
    catalogue.save_as_mofile(str(folder / "django.mo"))
    return root


def run_check(root: Path) -> tuple[bool, str]:
    """Whether the check passed, and what it printed (problems go to stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check_translations", locale_dir=root, stdout=out, stderr=err)
    except CommandError:
        return False, err.getvalue()
    return True, out.getvalue() + err.getvalue()


def single(msgid: str, msgstr: str) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr)


def plural(msgid: str, msgid_plural: str, forms: list[str]) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgid_plural=msgid_plural, msgstr_plural=dict(enumerate(forms)))


GOOD = [
    single("Sign in", "Zaloguj się"),
    single("Event of the organization: %(name)s", "Wydarzenie organizacji: %(name)s"),
    single("Offer %(number)s", "Oferta %(number)s"),  # a number that names, not counts
    single("Waiting for the check: %(n)s", "Czeka na sprawdzenie: %(n)s"),  # a count after a colon
    single("The call “%(title)s”", "Konkurs „%(title)s”"),
    single('<a href="%(url)s">Read more</a>', '<a href="%(url)s">Czytaj dalej</a>'),  # quotes inside a tag
    plural(
        "%(counter)s application waits",
        "%(counter)s applications wait",
        [
            "%(counter)s zgłoszenie czeka",
            "%(counter)s zgłoszenia czekają",
            "%(counter)s zgłoszeń czeka",
            "%(counter)s zgłoszeń czeka",
        ],
    ),
    plural(
        "in %(days)s day",
        "in %(days)s days",
        ["za %(days)s dzień", "za %(days)s dni", "za %(days)s dni", "za %(days)s dni"],
    ),
    plural("Questions (%(counter)s)", "Questions (%(counter)s)", ["Pytania (%(counter)s)"] * 4),  # a label
]


def test_a_clean_catalogue_passes(tmp_path):
    passed, output = run_check(write_catalogue(tmp_path, GOOD))
    assert passed, output
    assert "Translations are complete" in output


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("%(count)s people already have a seat.", "%(count)s osób ma już miejsce."),
        ("The opinion is longer than %(count)s characters.", "Opinia ma więcej niż %(count)s znaków."),
        ("Due within %(days)s days.", "Termin mija w ciągu %(days)s dni."),
        ("%(n)s offer(s) have a defect.", "%(n)s ofert ma brak."),
        ("The candidacy has the support of {n} organizations.", "Kandydaturę popiera {n} organizacji."),
        ("You have scored %(scored)s of %(total)s offers.", "Oceniono %(scored)s z %(total)s ofert."),
    ],
)
def test_a_count_in_a_message_with_one_form_is_flagged(tmp_path, msgid, msgstr):
    passed, output = run_check(write_catalogue(tmp_path, [*GOOD, single(msgid, msgstr)]))
    assert not passed
    assert "count-without-plural" in output
    assert repr(msgid) in output


def test_a_count_the_polish_puts_after_a_colon_passes(tmp_path):
    entries = [
        single("You have scored %(scored)s of %(total)s offers.", "Ocenione oferty: %(scored)s z %(total)s."),
        single("at most %(max)s points", "maks. %(max)s pkt"),  # an abbreviation does not change
    ]
    passed, output = run_check(write_catalogue(tmp_path, [*GOOD, *entries]))
    assert passed, output


def test_a_deliberate_exception_passes_and_carries_its_reason(tmp_path):
    msgid = next(iter(ALLOWED["count-without-plural"]))
    passed, output = run_check(write_catalogue(tmp_path, [*GOOD, single(msgid, "Oferta wnioskuje")]))
    assert passed, output
    for rule, entries in ALLOWED.items():
        for key, reason in entries.items():
            assert key and len(reason) > 10, f"{rule}: {key!r} needs a reason"


def test_a_plural_entry_with_an_empty_polish_form_is_flagged(tmp_path):
    entry = plural(
        "Try again in %(minutes)s minute.",
        "Try again in %(minutes)s minutes.",
        ["Spróbuj za %(minutes)s minutę.", "Spróbuj za %(minutes)s minuty.", "Spróbuj za %(minutes)s minut.", ""],
    )
    passed, output = run_check(write_catalogue(tmp_path, [*GOOD, entry]))
    assert not passed
    assert "plural-forms" in output and "form(s) 3 empty" in output


def test_a_plural_entry_whose_few_and_many_forms_are_the_same_is_flagged(tmp_path):
    entry = plural(
        "%(counter)s offer filed",
        "%(counter)s offers filed",
        ["%(counter)s złożona oferta", "%(counter)s złożone oferty", "%(counter)s złożone oferty", "x"],
    )
    passed, output = run_check(write_catalogue(tmp_path, [*GOOD, entry]))
    assert not passed
    assert "the few and many forms are the same" in output


@pytest.mark.parametrize(
    ("msgstr", "what"),
    [
        ("Zapisz the changes", "English word(s) the"),
        ("Kliknij, please", "English word(s) please"),
        ('Konkurs "%(title)s"', "quotation marks"),
        ("Konkurs “%(title)s”", "quotation marks"),
    ],
)
def test_english_left_in_a_translation_and_foreign_quotes_are_flagged(tmp_path, msgstr, what):
    passed, output = run_check(write_catalogue(tmp_path, [*GOOD, single("Some message %(title)s", msgstr)]))
    assert not passed
    assert "english:" in output and what in output


def test_the_real_catalogue_passes():
    passed, output = run_check(Path(__file__).resolve().parents[2] / "src" / "razem" / "locale")
    assert passed, output
