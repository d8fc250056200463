"""``razem check_translations``: the Polish catalogue is complete and every compiled catalogue is current.

CI runs it (ARCHITECTURE.md, Language): it fails on an untranslated or fuzzy Polish entry, on a missing
Polish catalogue, and on a ``.mo`` file that is missing or does not hold what its ``.po`` says. The compiled
``.mo`` files are committed because a fresh clone with only uv has no msgfmt; ``make messages`` refreshes both.

Whether a ``.mo`` is current is decided by its content, not its modification time: a fresh clone gives every
file the time of the checkout, so a ``.mo`` can look older than its ``.po`` without being stale.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

REQUIRED_LOCALES = ("pl",)

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


class Command(BaseCommand):
    help = (
        "Check the translation catalogues: fail on an untranslated or fuzzy Polish entry, "
        "a missing Polish catalogue, or a compiled .mo file that is missing or out of date."
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
