"""Reading the representation rule of an organization (KRS "sposób reprezentacji", or its statute).

``parse(text, board_size=None)`` tells who may sign alone (everyone, or the holders of some functions: "prezes") and
how many must sign together otherwise. It reads the common wordings of KRS entries:

- "Do reprezentowania stowarzyszenia upoważnionych jest dwóch członków zarządu działających łącznie" → 2 together;
- "Prezes zarządu samodzielnie lub dwóch członków zarządu łącznie" → the prezes alone, otherwise 2;
- "Każdy członek zarządu samodzielnie" → everyone alone;
- "Do składania oświadczeń woli uprawniony jest prezes zarządu jednoosobowo" → only the prezes (alone);
- "W przypadku zarządu jednoosobowego … jeden członek zarządu; w przypadku zarządu wieloosobowego … dwóch członków
  zarządu łącznie" → by the size of the board.

What it cannot read gives one signature with a note that the organization should check the rule (``understood``
is False); conditions it does not model ("w tym prezes") are kept in the note.
"""

import dataclasses
import re

from django.utils.translation import gettext as _

from razem.organizations.models import fold

NUMBERS = {
    "jeden": 1, "jednego": 1, "jedna": 1, "jednej": 1, "jednym": 1, "1": 1,
    "dwoch": 2, "dwaj": 2, "dwu": 2, "dwie": 2, "dwoje": 2, "dwa": 2, "dwom": 2, "2": 2,
    "trzech": 3, "trzej": 3, "trzy": 3, "trojga": 3, "3": 3,
    "czterech": 4, "czterej": 4, "cztery": 4, "4": 4,
    "pieciu": 5, "piec": 5, "5": 5,
}  # fmt: skip
FUNCTIONS = ("wiceprezes", "prezes", "wiceprzewodnicz", "przewodnicz", "skarbnik", "sekretarz", "dyrektor",
             "fundator", "kurator", "likwidator")  # fmt: skip
FUNCTION = re.compile(r"\b(" + "|".join(FUNCTIONS) + r")\w*")
NUMBER = re.compile(r"\b(" + "|".join(NUMBERS) + r")\b")
ALONE = re.compile(r"samodziel|jednoosobow(?!ego)|pojedynczo|indywidualn|kazdy z osobna")
TOGETHER = re.compile(r"lacznie|wspolnie|wspoldzial|podpis\w* (dwoch|dwu|trzech|czterech)|razem z|wraz z")
WITH_ONE_MORE = re.compile(
    r"(lacznie|wspolnie|wraz|razem)?\s*z\s+(jednym|innym|drugim)?\s*(czlonk|prokurent|wice|skarbnik|sekretarz)"
)
EVERYONE = re.compile(r"\b(kazdy|kazdego|kazda|wszyscy|kazdemu)\b")
MEMBER = re.compile(r"\bczlon")
INCLUDING = re.compile(r"\bw tym\b[^,.;]*", re.IGNORECASE)
SPLIT = re.compile(r"[,;.]|\b(?:lub|albo|badz)\b")


@dataclasses.dataclass(frozen=True)
class Representation:
    """Who signs for an organization: ``everyone_alone``, or the functions in ``alone`` alone, else ``together``
    people (None: no rule of signing together was found)."""

    everyone_alone: bool = False
    alone: tuple[str, ...] = ()
    together: int | None = None
    understood: bool = False
    note: str = ""

    def signs_alone(self, function: str) -> bool:
        if self.everyone_alone:
            return True
        words = fold(function or "")
        return any(re.search(rf"\b{stem}", words) for stem in self.alone)

    def signatures_required(self, board_size: int = 0) -> int:
        """How many must sign together when none who signs alone does. When only some functions sign and no rule
        of signing together exists, the whole board must sign: which means, in effect, only they."""
        if self.everyone_alone or not self.understood:
            return 1
        if self.together is not None:
            return max(self.together, 1)
        return max(board_size, 1)


def _functions(clause: str) -> list[str]:
    return list(dict.fromkeys(match.group(1) for match in FUNCTION.finditer(clause)))


def _number(clause: str) -> int | None:
    match = NUMBER.search(clause)
    return NUMBERS[match.group(1)] if match else None


def parse(text: str, board_size: int | None = None) -> Representation:
    """The rule in ``text``; ``board_size`` (the members of the board) chooses between the wordings for a board
    of one and of several members."""
    folded = " ".join(fold(text or "").split())
    if not folded:
        return Representation(note=_("No representation rule is recorded: one signature is assumed. Record the rule."))
    unknown = _(
        "Razem could not read this representation rule, so one signature is assumed. Check the rule and set the "
        "number of signatures required together and who may sign alone."
    )
    if "jednoosobow" in folded and "wieloosobow" in folded:
        single, _sep, multiple = folded.partition("wieloosobow")
        if board_size == 1:
            return Representation(everyone_alone=True, understood=True)
        folded = multiple
    elif re.search(r"\bzarzad\w* jednoosobow(y|ego|ym)\b", folded):
        return Representation(everyone_alone=True, understood=True)
    conditions = [
        " ".join(match.group(0).split())
        for match in INCLUDING.finditer(text)
        if FUNCTION.search(fold(match.group(0))) or MEMBER.search(fold(match.group(0)))
    ]
    folded = INCLUDING.sub(" ", folded)
    everyone = False
    alone: list[str] = []
    together: list[int] = []
    carried = ""  # the kind of a following clause, for "prezes lub wiceprezes samodzielnie"
    for clause in reversed([c.strip() for c in SPLIT.split(folded) if c and c.strip()]):
        functions, number = _functions(clause), _number(clause)
        generic = bool(EVERYONE.search(clause)) or (not functions and bool(MEMBER.search(clause)))
        if ALONE.search(clause):
            kind = "alone"
        elif TOGETHER.search(clause) or (number or 0) >= 2 or WITH_ONE_MORE.search(clause):
            kind = "together"
        elif functions or generic:
            kind = carried or ("alone" if number in (None, 1) else "together")
        else:
            continue
        carried = kind
        if kind == "alone":
            if generic and not functions:
                everyone = True
            alone += functions
        else:
            count = number if number and number >= 2 else 2
            if number == 1 and WITH_ONE_MORE.search(clause):
                count = 2
            together.append(count)
    understood = everyone or bool(alone) or bool(together)
    notes = []
    if not understood:
        notes.append(unknown)
    if conditions:
        notes.append(
            _("The rule also says “%(conditions)s”: Razem counts the signatures only, so check who signs.")
            % {"conditions": "; ".join(conditions)}
        )
    return Representation(
        everyone_alone=everyone,
        alone=tuple(dict.fromkeys(reversed(alone))),
        together=min(together) if together else None,
        understood=understood,
        note=" ".join(notes),
    )
