"""Adapter for the public KRS API of the Ministry of Justice (no key): the current extract of an entity.

``GET {RAZEM_KRS_API_URL}/OdpisAktualny/{KRS}?rejestr=S&format=json`` (then ``rejestr=P``); 404 means
"not in that register". The response shape is described in DOMAIN.md §4. Network errors never break
registration: the caller fills the form by hand and is told why.
"""

import json
import logging
import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

API_URL = os.environ.get("RAZEM_KRS_API_URL", "https://api-krs.ms.gov.pl/api/krs")
TIMEOUT = float(os.environ.get("RAZEM_KRS_TIMEOUT", "6"))


class KrsUnavailable(Exception):
    """The API could not be reached or answered with an error."""


class KrsNotFound(Exception):
    """No entity with this number in the S or P register."""


@dataclass
class BoardMember:
    name: str
    function: str


@dataclass
class KrsExtract:
    krs: str
    register: str
    name: str
    legal_form: str
    nip: str = ""
    regon: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    municipality: str = ""
    email: str = ""
    website: str = ""
    registered_on: str = ""
    board_name: str = ""
    representation_rule: str = ""
    board: list[BoardMember] = field(default_factory=list)
    in_liquidation: bool = False
    is_opp: bool | None = None

    @property
    def seat_in_krakow(self) -> bool:
        return "KRAKÓW" in self.municipality.upper() or self.city.upper() == "KRAKÓW"

    def as_form_data(self) -> dict[str, Any]:
        """Fields of the organization form this extract can fill in."""
        from razem.organizations.models import Organization

        return {
            "name": self.name,
            "krs": self.krs,
            "register_type": Organization.RegisterType.KRS,
            "legal_form": legal_form_choice(self.legal_form),
            "nip": self.nip,
            "regon": self.regon[:9] if len(self.regon) == 14 and self.regon.endswith("00000") else self.regon,
            "street": self.street,
            "postal_code": self.postal_code,
            "city": self.city.title() if self.city.isupper() else self.city,
            "email": self.email.lower(),
            "website": normalise_website(self.website),
        }


def normalise_website(value: str) -> str:
    value = (value or "").strip().lower()
    if value and not value.startswith(("http://", "https://")):
        value = "https://" + value
    return value


def legal_form_choice(krs_form: str) -> str:
    form = (krs_form or "").upper()
    table = [
        ("FUNDACJA", "fundacja"),
        ("UCZNIOWSKI KLUB SPORTOWY", "uks"),
        ("KLUB SPORTOWY", "klub_sportowy"),
        ("SPÓŁDZIELNIA SOCJALNA", "spoldzielnia_socjalna"),
        ("KOŁO GOSPODYŃ", "kgw"),
        ("STOWARZYSZENIE JEDNOSTEK", "stowarzyszenie_jst"),
        ("STOWARZYSZENIE", "stowarzyszenie"),
        ("SPÓŁKA", "spolka_non_profit"),
    ]
    return next((choice for needle, choice in table if needle in form), "inna")


def _text(value: Any) -> str:
    return str(value).strip() if value not in (None, "") else ""


def _person(entry: dict[str, Any]) -> BoardMember:
    surname = entry.get("nazwisko") or {}
    given = entry.get("imiona") or {}
    # The two parts ("człony") of a double-barrelled surname are written with a hyphen: Kowalska-Nowak.
    surnames = "-".join(_text(surname.get(k)) for k in ("nazwiskoICzlon", "nazwiskoIICzlon") if surname.get(k))
    names = " ".join(_text(v) for v in given.values() if v) if isinstance(given, dict) else _text(given)
    return BoardMember(name=f"{names} {surnames}".strip().title(), function=_text(entry.get("funkcjaWOrganie")))


def parse_extract(payload: dict[str, Any], register: str) -> KrsExtract:
    odpis = payload.get("odpis") or {}
    header = odpis.get("naglowekA") or {}
    dane = odpis.get("dane") or {}
    d1 = dane.get("dzial1") or {}
    d2 = dane.get("dzial2") or {}
    d6 = dane.get("dzial6") or {}
    subject = d1.get("danePodmiotu") or {}
    ids = subject.get("identyfikatory") or {}
    seat = d1.get("siedzibaIAdres") or {}
    address = seat.get("adres") or {}
    siedziba = seat.get("siedziba") or {}
    representation = d2.get("reprezentacja") or {}
    street = " ".join(p for p in [_text(address.get("ulica")), _text(address.get("nrDomu"))] if p) + (
        f"/{_text(address.get('nrLokalu'))}" if address.get("nrLokalu") else ""
    )
    opp = subject.get("czyPosiadaStatusOPP")
    return KrsExtract(
        krs=_text(header.get("numerKRS")).zfill(10),
        register=register,
        name=_text(subject.get("nazwa")),
        legal_form=_text(subject.get("formaPrawna")),
        nip=_text(ids.get("nip")),
        regon=_text(ids.get("regon")),
        street=street,
        postal_code=_text(address.get("kodPocztowy")),
        city=_text(address.get("miejscowosc")) or _text(siedziba.get("miejscowosc")),
        municipality=_text(siedziba.get("gmina")),
        email=_text(seat.get("adresPocztyElektronicznej")),
        website=_text(seat.get("adresStronyInternetowej")),
        registered_on=_text(header.get("dataRejestracjiWKRS")),
        board_name=_text(representation.get("nazwaOrganu")),
        representation_rule=_text(representation.get("sposobReprezentacji")),
        board=[_person(p) for p in representation.get("sklad") or []],
        in_liquidation=bool(d6.get("likwidacja") or d6.get("otwarcieLikwidacji")),
        is_opp=bool(opp) if opp is not None else None,
    )


def _get(url: str) -> dict[str, Any] | None:
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "Razem"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - fixed https API URL
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise KrsUnavailable(f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise KrsUnavailable(str(exc)) from exc


def fetch_extract(krs: str) -> KrsExtract:
    """The current extract from the S register (associations, foundations), else from P."""
    for register in ("S", "P"):
        payload = _get(f"{API_URL}/OdpisAktualny/{krs}?rejestr={register}&format=json")
        if payload is not None:
            return parse_extract(payload, register)
    raise KrsNotFound(krs)
