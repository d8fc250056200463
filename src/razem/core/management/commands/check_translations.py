"""``razem check_translations``: the Polish catalogue is complete and every compiled catalogue is current.

CI runs it (ARCHITECTURE.md, Language): it fails on an untranslated or fuzzy Polish entry, on a missing
Polish catalogue, and on a ``.mo`` file that is missing or does not hold what its ``.po`` says. The compiled
``.mo`` files are committed because a fresh clone with only uv has no msgfmt; ``make messages`` refreshes both.

Whether a ``.mo`` is current is decided by its content, not its modification time: a fresh clone gives every
file the time of the checkout, so a ``.mo`` can look older than its ``.po`` without being stale.

It also flags, in the Polish catalogue, the mistakes of style a machine can see (docs/polish.md is the reviewer's
checklist; the rules that need a reader, such as whether "poniżej" is true, are left to review):

- ``count-without-plural``: a message that is not a plural entry puts a count before a noun ("%(n)s organizations",
  "%(days)s days", "%(n)s offer(s)"), and its Polish puts a word after that number too ("%(days)s dni"). Polish has
  three forms (1 zgłoszenie, 2 zgłoszenia, 5 zgłoszeń): use ``ngettext`` / ``{% blocktranslate count %}``, or put
  the count after a colon ("Ocenione oferty: %(scored)s z %(total)s").
- ``plural-forms``: a plural entry whose Polish forms are not all filled, or whose "few" and "many" forms are the same
  (suspicious: 2 zgłoszenia, 5 zgłoszeń), unless the count is a label ("Pytania (%(counter)s)") or the noun after it
  has one form for both (dni, razy).
- ``english``: a Polish translation with English words left in it, or with straight or English quotation marks
  (Polish quotes „like this”).

Deliberate exceptions are listed in ``ALLOWED``, each with the reason a reviewer accepted.
"""

import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

REQUIRED_LOCALES = ("pl",)
STYLE_LOCALE = "pl"

# Placeholder names that usually hold a number of things (an identifier such as "offer %(number)s" is a number too,
# hence the second condition: the placeholder stands before a plural noun).
COUNT_NAME = re.compile(
    r"^(count|counter|n|m|num|number|total|days|hours|minutes|weeks|months|seats|points|max|min|required|needed|"
    r"size|left|remaining|experts|voting|excluded|scored|done|people|persons|votes|ballots|items|rows)$"
)
PLACEHOLDER = re.compile(r"%\((?P<a>\w+)\)[sdif]|\{(?P<b>\w+)\}")
NEXT_WORD = re.compile(r"\s+(?P<word>[A-Za-z-]+(?:\(s\))?)")
# Words ending in "s" that are not plural nouns: verbs and small words that may follow a name or a number.
NOT_PLURAL = frozenset(
    [
        "is",
        "was",
        "has",
        "does",
        "as",
        "its",
        "this",
        "his",
        "us",
        "yes",
        "plus",
        "less",
        "unless",
        "thus",
        "whereas",
        "across",
        "always",
        "perhaps",
    ]
)
IRREGULAR_PLURALS = frozenset(["people", "persons", "children", "men", "women"])
# Polish nouns with one form for "few" and "many" (2 dni, 5 dni; 2 razy, 5 razy).
SAME_FEW_AND_MANY = frozenset(["dni", "dniach", "razy"])
# Abbreviations that do not change with the number (1 pkt, 5 pkt; 1 zł, 5 zł).
ABBREVIATIONS = frozenset(["pkt", "zł", "proc"])
ENGLISH_WORDS = re.compile(
    r"\b(the|and|with|please|click|submit|cancel|save|delete|password|account|settings|your|you|this|that|"
    r"is|are|for|from|of|not|have|has|will|here|yes|or|an|it|be|which|should|must|can)\b",
    re.IGNORECASE,
)
TAG = re.compile(r"<[^>]*>")
URL = re.compile(r"\w+://\S+|\S+@\S+")

# Deliberate exceptions, by rule and msgid, each with its reason. Keep it short: fix the message when you can.
ALLOWED: dict[str, dict[str, str]] = {
    "count-without-plural": {
        "%(amount)s is more than offer %(number)s requests for %(year)s, %(requested)s; a grant may be smaller "
        "than requested, never larger.": '"requests" is the verb; %(number)s is the offer\'s number.',
        "Offer %(number)s requests ": '"requests" is the verb; %(number)s is the offer\'s number.',
        "Criterion %(n)s repeats a statutory criterion.": '"repeats" is the verb; %(n)s is the criterion\'s number.',
    },
    "plural-forms": {
        "up to %(n)s candidate": 'after "do" the noun is in the genitive: do 2 kandydatów, do 5 kandydatów.',
        "Mark up to %(n)s candidate": 'after "maksymalnie" the genitive: maksymalnie 2/5 kandydatów.',
        "%(name)s: mark up to %(n)s candidate": 'after "maksymalnie" the genitive: maksymalnie 2/5 kandydatów.',
        "%(counter)s member, quorum %(required)s": "a masculine personal noun: 2 członków, 5 członków.",
        "%(counter)s member": "a masculine personal noun: 2 członków, 5 członków.",
        "%(counter)s offer not funded.": "after a negated verb the genitive: nie dofinansowano 2/5 ofert.",
        "%(counter)s withdrawn offer does not": "after a negated verb the genitive: nie uwzględniono 2/5 ofert.",
        "%(counter)s not funded": '"bez dotacji" does not change with the number.',
        "The points of an offer are the average of the totals given by the %(counter)s voting member": (
            'after "spośród" the genitive: spośród 2/5 członków.'
        ),
        "A candidacy needs the candidate's consent and the support of %(counter)s organization": (
            '"poparcie" takes the genitive: poparcie 2/5 organizacji.'
        ),
        "Record each paper ballot of an organization of the electorate": (
            'after "najwyżej" the genitive: najwyżej 2/5 kandydatów.'
        ),
        "%(counter)s of them was rejected in the formal check.": '"z nich" does not change with the number.',
        "The commission has %(counter)s member:": '"liczy" with the genitive: liczy 2/5 członków.',
    },
    "english": {},
}


Key = tuple[str | None, str, str | None]


def _entry_label(entry: Any) -> str:
    where = f"{entry.linenum}"
    if entry.occurrences:
        where += " (" + ", ".join(f"{path}:{line}" if line else path for path, line in entry.occurrences[:3]) + ")"
    context = f" [context {entry.msgctxt!r}]" if entry.msgctxt else ""
    return f"line {where}: {entry.msgid!r}{context}"


def _translations(entries: Any) -> dict[Key, str | tuple[str, ...]]:
    """The messages a compiled catalogue holds: translated, not fuzzy, not obsolete; the header excluded."""
    result: dict[Key, str | tuple[str, ...]] = {}
    for entry in entries:
        if not entry.msgid or entry.obsolete or "fuzzy" in entry.flags:
            continue
        key = (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None)
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural, key=int))
            if forms and all(forms):
                result[key] = forms
        elif entry.msgstr:
            result[key] = entry.msgstr
    return result


def _allowed(rule: str, msgid: str) -> bool:
    """An entry is allowed when its msgid starts with a key of ``ALLOWED[rule]`` (long messages by their start)."""
    return any(msgid.startswith(key) for key in ALLOWED.get(rule, {}))


def _counted_nouns(text: str) -> list[str]:
    """The placeholders in ``text`` that stand before a plural noun and are named like a count, or before "(s)"."""
    found = []
    for match in PLACEHOLDER.finditer(text):
        name = match.group("a") or match.group("b")
        following = NEXT_WORD.match(text, match.end())
        if not following:
            continue
        word = following.group("word")
        if word.endswith("(s)"):
            found.append(match.group(0))
            continue
        lower = word.lower()
        plural = lower in IRREGULAR_PLURALS or (lower.endswith("s") and len(lower) > 2 and lower not in NOT_PLURAL)
        if plural and COUNT_NAME.match(name):
            found.append(match.group(0))
    return found


def _plural_count(header: str) -> int | None:
    match = re.search(r"nplurals\s*=\s*(\d+)", header or "")
    return int(match.group(1)) if match else None


def _few_and_many_differ_as_they_should(few: str, many: str) -> bool:
    """Whether identical "few" and "many" forms are expected: the count is a label (no word after it), or the noun
    after it has one form for both (2 dni, 5 dni)."""
    if few != many:
        return True
    for match in PLACEHOLDER.finditer(few):
        if not COUNT_NAME.match(match.group("a") or match.group("b")):
            continue  # a date or a name ("%(earliest)s lub później"), not the count
        following = re.match(r"\s+(?P<word>\w+)", few[match.end() :])
        if following and following.group("word").lower() not in SAME_FEW_AND_MANY:
            return False
    return True


def _bare_text(text: str) -> str:
    """The words a reader sees: without tags, placeholders and addresses."""
    return URL.sub(" ", PLACEHOLDER.sub(" ", re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", TAG.sub(" ", text))))


def style_problems(catalogue: Any) -> list[str]:
    """The mistakes of style the Polish catalogue shows (module docstring); one line each."""
    problems: list[str] = []
    nplurals = _plural_count(catalogue.metadata.get("Plural-Forms", ""))
    for entry in catalogue:
        if entry.obsolete or not entry.msgid or "fuzzy" in entry.flags:
            continue
        label = _entry_label(entry)
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(max(nplurals or 0, len(entry.msgstr_plural)))]
            if not _allowed("plural-forms", entry.msgid):
                if not all(forms):
                    missing = ", ".join(str(i) for i, form in enumerate(forms) if not form)
                    problems.append(
                        f"plural-forms: {label}: Polish form(s) {missing} empty; fill all {len(forms)} "
                        "(one, few, many, and the fourth, for fractions, as many)"
                    )
                elif len(forms) > 2 and not _few_and_many_differ_as_they_should(forms[1], forms[2]):
                    problems.append(
                        f"plural-forms: {label}: the few and many forms are the same ({forms[1]!r}); "
                        "2 zgłoszenia, 5 zgłoszeń"
                    )
            texts = [form for form in forms if form]
        else:
            counted = [
                placeholder
                for placeholder in _counted_nouns(entry.msgid)
                if not entry.msgstr
                or any(
                    word not in ABBREVIATIONS for word in re.findall(re.escape(placeholder) + r"\s+(\w+)", entry.msgstr)
                )
            ]
            if counted and not _allowed("count-without-plural", entry.msgid):
                problems.append(
                    f"count-without-plural: {label}: {', '.join(counted)} counts a noun in a message with one form; "
                    "use ngettext / {% blocktranslate count %}, or put the number after a colon"
                )
            texts = [entry.msgstr] if entry.msgstr else []
        if _allowed("english", entry.msgid):
            continue
        for text in texts:
            bare = _bare_text(text)
            words = sorted({match.group(0) for match in ENGLISH_WORDS.finditer(bare)})
            if words:
                problems.append(f"english: {label}: English word(s) {', '.join(words)} in {text!r}")
            if '"' in bare or "\u201c" in bare:
                problems.append(f"english: {label}: straight or English quotation marks in {text!r}; use „…”")
    return problems


class Command(BaseCommand):
    help = (
        "Check the translation catalogues: fail on an untranslated or fuzzy Polish entry, "
        "a missing Polish catalogue, a compiled .mo file that is missing or out of date, "
        "or a mistake of Polish style the check can see (docs/polish.md)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--locale-dir",
            type=Path,
            default=None,
            help="The locale folder to check (default: the first of LOCALE_PATHS, src/razem/locale).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            import polib
        except ImportError as error:  # polib is a development dependency (uv sync installs it)
            raise CommandError("check_translations needs polib: run it with the development dependencies.") from error

        locale_dir: Path = options["locale_dir"] or Path(settings.LOCALE_PATHS[0])
        problems: list[str] = []
        for code in REQUIRED_LOCALES:
            required = locale_dir / code / "LC_MESSAGES" / "django.po"
            if not required.is_file():
                problems.append(
                    f"{required}: missing. The {code} catalogue is required; create it with `make messages`, "
                    "translate every entry, and commit the .po and .mo files."
                )

        po_files = sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))
        for po_path in po_files:
            locale = po_path.parent.parent.name
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, ValueError) as error:
                problems.append(f"{po_path}: cannot be read: {error}")
                continue
            checked = 0
            if locale in REQUIRED_LOCALES:
                for entry in catalogue:
                    if entry.obsolete:
                        continue
                    checked += 1
                    if "fuzzy" in entry.flags:
                        problems.append(f"{po_path}: fuzzy {_entry_label(entry)}")
                    elif not entry.translated():
                        problems.append(f"{po_path}: untranslated {_entry_label(entry)}")
            if locale == STYLE_LOCALE:
                problems.extend(f"{po_path}: {problem}" for problem in style_problems(catalogue))
            problems.extend(self._check_compiled(polib, po_path, catalogue))
            self.stdout.write(
                f"{po_path}: {len(catalogue.translated_entries())} translated, "
                f"{len(catalogue.untranslated_entries())} untranslated, {len(catalogue.fuzzy_entries())} fuzzy"
                + (f" ({checked} entries checked for completeness)" if locale in REQUIRED_LOCALES else "")
            )

        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} translation problem(s); see the list above.")
        self.stdout.write(self.style.SUCCESS(f"Translations are complete and compiled ({len(po_files)} catalogues)."))

    def _check_compiled(self, polib: Any, po_path: Path, catalogue: Any) -> list[str]:
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.is_file():
            return [f"{mo_path}: missing; run `make messages` (compilemessages) and commit it."]
        try:
            compiled = polib.mofile(str(mo_path))
        except (OSError, ValueError) as error:
            return [f"{mo_path}: cannot be read: {error}"]
        expected, actual = _translations(catalogue), _translations(compiled)
        if expected == actual:
            return []
        changed = sorted(k[1] for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k))
        sample = ", ".join(repr(msgid) for msgid in changed[:5]) + (", ..." if len(changed) > 5 else "")
        return [
            f"{mo_path}: out of date with {po_path.name} ({len(changed)} message(s) differ: {sample}); "
            "run `make messages` (compilemessages) and commit it."
        ]
