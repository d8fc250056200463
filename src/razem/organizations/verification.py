"""What the verification page compares: our data against the KRS extract, the board against the people acting
for the organization, and the officer's checklist. Reads only; nothing here writes.
"""

import dataclasses
from typing import Any

from django.utils.translation import gettext as _

from razem.organizations import krs
from razem.organizations.models import Membership, Organization, fold


@dataclasses.dataclass
class Comparison:
    key: str
    label: str
    ours: str
    theirs: str
    state: str  # "match", "differs", "only_ours", "only_krs", "empty"

    @property
    def differs(self) -> bool:
        return self.state == "differs"


@dataclasses.dataclass
class ChecklistItem:
    text: str
    state: str  # "ok", "check", "unknown"
    note: str = ""


def _plain(value: str) -> str:
    """Case, diacritics, punctuation and the street prefix do not make two values different."""
    text = fold(value or "")
    for char in "\"'„”«»().,;:-/":
        text = text.replace(char, " ")
    words = [w for w in text.split() if w not in {"ul", "ulica", "al", "aleja", "os", "osiedle", "pl", "plac"}]
    return " ".join(words)


def _digits(value: str) -> str:
    return "".join(c for c in value or "" if c.isdigit())


def _regon(value: str) -> str:
    number = _digits(value)
    return number[:9] if len(number) == 14 and number[9:13] == "0000" else number


def _compare(key: str, label: str, ours: str, theirs: str, normalise: Any = _plain) -> Comparison:
    a, b = normalise(ours), normalise(theirs)
    if not a and not b:
        state = "empty"
    elif not b:
        state = "only_ours"
    elif not a:
        state = "only_krs"
    else:
        state = "match" if a == b else "differs"
    return Comparison(key, label, ours, theirs, state)


def stored_extract(organization: Organization) -> krs.KrsExtract | None:
    """The KRS extract kept on the organization (``dataclasses.asdict`` of a ``KrsExtract``), if any."""
    data = organization.krs_extract
    if not isinstance(data, dict) or not data:
        return None
    names = {f.name for f in dataclasses.fields(krs.KrsExtract)}
    values = {k: v for k, v in data.items() if k in names}
    values["board"] = [
        krs.BoardMember(name=str(m.get("name", "")), function=str(m.get("function", "")))
        for m in data.get("board") or []
        if isinstance(m, dict)
    ]
    try:
        return krs.KrsExtract(**values)
    except TypeError:
        return None


def comparisons(organization: Organization, extract: krs.KrsExtract) -> list[Comparison]:
    yes_no = {True: _("yes"), False: _("no"), None: ""}
    krs_form = krs.legal_form_choice(extract.legal_form)
    legal_form = Comparison(
        "legal_form",
        _("Legal form"),
        organization.get_legal_form_display(),
        extract.legal_form,
        "only_ours" if not extract.legal_form else ("match" if krs_form == organization.legal_form else "differs"),
    )
    return [
        _compare("name", _("Name"), organization.name, extract.name),
        legal_form,
        _compare("krs", _("KRS number"), organization.krs, extract.krs, _digits),
        _compare("nip", _("NIP"), organization.nip_display, extract.nip, _digits),
        _compare("regon", _("REGON"), organization.regon, extract.regon, _regon),
        _compare("street", _("Street and number"), organization.street, extract.street),
        _compare("postal_code", _("Postal code"), organization.postal_code, extract.postal_code, _digits),
        _compare("city", _("City"), organization.city, extract.city),
        Comparison(
            "is_opp",
            _("Public benefit organization (OPP)"),
            yes_no[organization.is_opp],
            yes_no[extract.is_opp],
            "only_ours"
            if extract.is_opp is None
            else ("match" if extract.is_opp == organization.is_opp else "differs"),
        ),
    ]


def _name_key(name: str) -> frozenset[str]:
    return frozenset(fold(name).replace("-", " ").split())


def same_person(person_name: str, board_name: str) -> bool:
    """Does a name in Razem ("Jan Nowak-Jeziorański") name this board member ("Jan Nowak Jeziorański")?

    Every word of the shorter name must be in the longer one (KRS lists second given names), at least two.
    """
    a, b = _name_key(person_name), _name_key(board_name)
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter) >= 2 and shorter <= longer


@dataclasses.dataclass
class Person:
    membership: Membership
    board_function: str = ""
    on_board: bool = False


def people(
    memberships: list[Membership], extract: krs.KrsExtract | None
) -> tuple[list[Person], list[tuple[krs.BoardMember, Membership | None]]]:
    board = extract.board if extract else []
    people = []
    for membership in memberships:
        match = next((m for m in board if same_person(membership.user.full_name, m.name)), None)
        people.append(Person(membership, match.function if match else "", match is not None))
    board_rows = [
        (member, next((m for m in memberships if same_person(m.user.full_name, member.name)), None)) for member in board
    ]
    return people, board_rows


NAME_AND_ADDRESS = {"name", "street", "postal_code", "city"}


def checklist(
    organization: Organization,
    extract: krs.KrsExtract | None,
    rows: list[Comparison],
    people: list[Person],
    registrant_id: int | None,
) -> list[ChecklistItem]:
    in_krs = organization.register_type == Organization.RegisterType.KRS and bool(organization.krs)
    items = []
    text = _("The entity exists in KRS and is not in liquidation")
    if not in_krs:
        register = organization.get_register_type_display()
        number = organization.register_number or _("no number given")
        note = _("Not in KRS: check the entry in the register named by the organization (%(register)s, %(number)s).")
        items.append(ChecklistItem(text, "unknown", note % {"register": register, "number": number}))
    elif extract is None:
        items.append(ChecklistItem(text, "unknown", _("Fetch the KRS extract below to check.")))
    elif extract.in_liquidation:
        items.append(ChecklistItem(text, "check", _("The KRS extract shows liquidation or bankruptcy.")))
    else:
        items.append(ChecklistItem(text, "ok", _("Found in register %(register)s.") % {"register": extract.register}))

    text = _("The name and address match")
    differing = [row.label for row in rows if row.differs and row.key in NAME_AND_ADDRESS]
    if extract is None:
        items.append(ChecklistItem(text, "unknown", _("Compare them with the register by hand.")))
    elif differing:
        items.append(ChecklistItem(text, "check", _("Different: %(fields)s.") % {"fields": ", ".join(differing)}))
    else:
        items.append(ChecklistItem(text, "ok", _("The name and address are the same as in KRS.")))

    text = _("The person who registered it is on the board or holds a power of attorney")
    registrant = next((p for p in people if p.membership.user_id == registrant_id), None) or next(
        (p for p in people if p.membership.role == Membership.Role.ADMIN), None
    )
    if registrant is None:
        items.append(ChecklistItem(text, "check", _("Nobody acts for the organization in Razem.")))
    else:
        who = registrant.membership.user.full_name
        if extract is None:
            note = _("%(person)s: compare with the board in the register by hand.") % {"person": who}
            items.append(ChecklistItem(text, "unknown", note))
        elif registrant.on_board:
            note = _("%(person)s is on the board: %(function)s.") % {
                "person": who,
                "function": registrant.board_function.lower(),
            }
            items.append(ChecklistItem(text, "ok", note))
        else:
            note = _("%(person)s is not on the board in KRS: ask for a power of attorney (pełnomocnictwo).")
            items.append(ChecklistItem(text, "check", note % {"person": who}))

    text = _("The seat is in Kraków")
    if extract is not None:
        state = "ok" if extract.seat_in_krakow else "check"
        seat = extract.municipality or extract.city or _("not given")
        items.append(ChecklistItem(text, state, _("Seat in KRS: %(seat)s.") % {"seat": seat}))
    else:
        state = "unknown"
        note = _("Razem says: %(city)s. Confirm it in the register.") % {"city": organization.city or _("not given")}
        items.append(ChecklistItem(text, state, note))
    return items
