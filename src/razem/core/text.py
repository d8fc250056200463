"""Text helpers for Polish: letters without diacritics, folded search text and page-address fragments (slugs).

Unicode decomposition (NFKD) strips most diacritics, but not the Polish "ł"/"Ł" (a letter of its own, not "l" with a
mark), so Django's ``slugify`` alone drops it: "Pełnomocnik" would become "penomocnik". Every slug made from text a
person typed goes through ``slugify_pl`` (a guard test keeps ``django.utils.text.slugify`` out of the rest of the
code).
"""

import unicodedata

from django.utils.text import slugify

# The Polish letters and their ASCII letters, both cases; decomposition handles the rest (and other languages).
POLISH_LETTERS = {
    "ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z", "ż": "z",
    "Ą": "A", "Ć": "C", "Ę": "E", "Ł": "L", "Ń": "N", "Ó": "O", "Ś": "S", "Ź": "Z", "Ż": "Z",
}  # fmt: skip
_TABLE = str.maketrans(POLISH_LETTERS)


def transliterate(text: str) -> str:
    """The text with Polish (and other decomposable) letters in ASCII, case kept: "Łódź" -> "Lodz"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case text without Polish (or any) diacritics, for search and matching: "Zażółć" -> "zazolc"."""
    return transliterate(text).casefold()


def slugify_pl(text: str, *, max_length: int | None = None, default: str = "") -> str:
    """A page-address fragment: "Pełnomocnik ds. Łódzkich" -> "pelnomocnik-ds-lodzkich".

    ``max_length`` cuts it without leaving a hyphen at the end; ``default`` stands in when nothing is left.
    """
    slug = slugify(transliterate(text or ""))
    if max_length is not None:
        slug = slug[:max_length].strip("-_")
    return slug or default
