"""Recommendations for the demo, recorded through the services with dated timelines over 2025–2026.

- premises policy (Krakowskie Forum Lokalowe): a set of five sub-recommendations, one at each stage of the path
  (submitted, under analysis, accepted with the answer, being implemented at 60 %, implemented); the set's progress
  is the mean of theirs;
- social economy (KDO ds. Ekonomii Społecznej): accepted, partly accepted and rejected, each with the answer.

The resident demo account (mieszkanka@razem.demo) follows the premises set, the NGO administrator (prezeska) the
social clauses. Loaded once (the audit log says when); the e-mails the services queue for these past steps are
kept in the outbox as sent (``razem.core.demo.quietly``).
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from razem.accounts.models import User
from razem.bodies.models import Body
from razem.core.demo import once, quietly
from razem.recommendations import services
from razem.recommendations.models import Recommendation

LOADED = "recommendations.demo.loaded"
S = Recommendation.Status
D = datetime.date
ZBK = "Zarząd Budynków Komunalnych w Krakowie"
ZBK_EMAIL = "lokale.uzytkowe@zbk.example.org"
WPS = "Wydział Polityki Społecznej i Zdrowia"
WPS_EMAIL = "ekonomia.spoleczna@umk.example.org"

PREMISES = {
    "title": "Rekomendacje Krakowskiego Forum Lokalowego do polityki lokalowej Gminy Miejskiej Kraków",
    "text": "Forum rekomenduje zmiany zasad najmu lokali użytkowych Gminy przez organizacje pozarządowe: "
    "przejrzyste konkursy, stawki preferencyjne powiązane z działalnością nieodpłatną, rozliczanie nakładów "
    "na remonty i jawny wykaz wolnych lokali.",
    "justification": "Organizacje wynajmują ok. 300 lokali gminnych. Zasady z 2013 r. nie uwzględniają rosnących "
    "kosztów mediów i remontów; w 2024 r. kilkanaście organizacji zrezygnowało z najmu.",
    "policy_area": Recommendation.PolicyArea.PREMISES,
    "department": ZBK,
    "department_email": ZBK_EMAIL,
    "submitted_on": D(2025, 11, 20),
}
# (title, text, the path: [(date, status, answer or note)], progress steps: [(date, %, note)])
PREMISES_CHILDREN: list[tuple[str, str, list[tuple[D, str, str]], list[tuple[D, int, str]]]] = [
    ("Jawny wykaz wolnych lokali użytkowych z mapą",
     "Publikować co miesiąc wykaz wolnych lokali Gminy (adres, powierzchnia, stan techniczny, dostępność) "
     "na mapie w Miejskim Systemie Informacji Przestrzennej.",
     [(D(2025, 12, 10), S.ANALYSIS, "Przekazano do Wydziału Skarbu Miasta i ZBK."),
      (D(2026, 2, 16), S.ACCEPTED, "ZBK przyjmuje rekomendację. Wykaz będzie publikowany od II kwartału 2026 r.; "
                                  "mapa w MSIP po migracji danych ewidencyjnych.")],
     [(D(2026, 4, 2), 40, "Wykaz publikowany w BIP co miesiąc; trwa migracja danych do MSIP."),
      (D(2026, 6, 30), 100, "Mapa wolnych lokali działa w MSIP; dane aktualizowane co tydzień.")]),
    ("Preferencyjna stawka czynszu dla działalności nieodpłatnej",
     "Stosować stawkę preferencyjną (nie wyższą niż 5 zł/m²) do powierzchni przeznaczonej na nieodpłatną "
     "działalność pożytku publicznego, z rozliczeniem rocznym na podstawie sprawozdania.",
     [(D(2025, 12, 10), S.ANALYSIS, "Wymaga zmiany zarządzenia w sprawie stawek czynszu."),
      (D(2026, 3, 9), S.ACCEPTED, "Stawka preferencyjna zostanie wprowadzona zmianą zarządzenia; projekt do "
                                 "konsultacji z organizacjami w maju 2026 r.")],
     [(D(2026, 5, 20), 30, "Projekt zmiany zarządzenia skierowany do konsultacji."),
      (D(2026, 9, 14), 60, "Po konsultacjach: projekt uwzględnia 14 z 19 uwag; trwa uzgadnianie z Wydziałem "
                           "Budżetu.")]),
    ("Zaliczanie nakładów na remont na poczet czynszu",
     "Zawierać z organizacjami umowy o rozliczeniu uzgodnionych nakładów na remont lokalu w czynszu, "
     "do 80 % wartości prac.",
     [(D(2025, 12, 10), S.ANALYSIS, ""),
      (D(2026, 7, 6), S.ACCEPTED, "ZBK przygotuje wzór umowy o rozliczeniu nakładów; pierwsze umowy "
                                 "w 2027 r., po zmianie uchwały o zasadach gospodarowania lokalami.")],
     []),
    ("Konkursy na lokale z kryteriami społecznymi",
     "W konkursach na najem lokali dla organizacji oceniać przede wszystkim plan działalności i jej odbiorców, "
     "a nie wysokość oferowanego czynszu.",
     [(D(2026, 1, 12), S.ANALYSIS, "Analiza prawna dopuszczalności kryteriów pozacenowych.")],
     []),
    ("Wspólne lokale dla małych organizacji (centra organizacji)",
     "Wydzielić w każdej dzielnicy co najmniej jeden lokal współdzielony przez małe organizacje i grupy "
     "nieformalne, z rezerwacją sal przez internet.",
     [],
     []),
]  # fmt: skip

SOCIAL_ECONOMY: list[tuple[str, str, D, list[tuple[D, str, str]], list[tuple[D, int, str]]]] = [
    ("Klauzule społeczne w zamówieniach miejskich",
     "Stosować zastrzeżenie zamówień dla przedsiębiorstw społecznych (art. 94 Prawa zamówień publicznych) "
     "w usługach cateringu, sprzątania i zieleni, w co najmniej 10 postępowaniach rocznie.",
     D(2025, 6, 16),
     [(D(2025, 7, 1), S.ANALYSIS, "Przekazano do Biura Zamówień Publicznych."),
      (D(2025, 10, 6), S.ACCEPTED, "Prezydent przyjmuje rekomendację. Od 2026 r. jednostki miejskie planują "
                                  "zamówienia zastrzeżone; koordynuje Biuro Zamówień Publicznych.")],
     []),
    ("Lokale gminne dla spółdzielni socjalnych na preferencyjnych zasadach",
     "Przeznaczyć co najmniej 10 lokali rocznie dla spółdzielni socjalnych i przedsiębiorstw społecznych "
     "z czynszem preferencyjnym przez pierwsze trzy lata.",
     D(2025, 6, 16),
     [(D(2025, 7, 1), S.ANALYSIS, ""),
      (D(2025, 11, 3), S.PARTLY_ACCEPTED, "Przyjęto częściowo: 5 lokali rocznie w ramach konkursów ZBK; czynsz "
                                         "preferencyjny przez dwa lata. Liczba 10 przekracza zasób wolnych lokali.")],
     []),
    ("Miejski fundusz pożyczkowy dla przedsiębiorstw społecznych",
     "Utworzyć miejski fundusz pożyczek obrotowych do 50 tys. zł dla przedsiębiorstw społecznych.",
     D(2025, 6, 16),
     [(D(2025, 7, 1), S.ANALYSIS, ""),
      (D(2025, 12, 1), S.REJECTED, "Odrzucono: Gmina nie może prowadzić działalności pożyczkowej; pożyczki "
                                  "oferuje Małopolski Ośrodek Wsparcia Ekonomii Społecznej. Miasto będzie "
                                  "informować o nich na ngo.krakow.pl.")],
     []),
]  # fmt: skip


def _step(actor: User, recommendation: Recommendation, date: D, status: str, progress: int | None, text: str) -> None:
    """One dated step: a status change (with the answer when it is a decision) or a progress report."""
    recommendation.refresh_from_db()
    if progress is None:
        decision = status in services.NEEDS_ANSWER
        services.recommendation_change_status(
            actor=actor, recommendation=recommendation, status=status, date=date,
            response=text if decision else "", note="" if decision else text,
        )  # fmt: skip
    elif progress == 100:
        services.recommendation_change_status(
            actor=actor, recommendation=recommendation, status=S.IMPLEMENTED, date=date, note=text
        )
    else:
        services.recommendation_set_progress(
            actor=actor, recommendation=recommendation, progress=progress, note=text, date=date
        )


def _steps(
    recommendation: Recommendation, path: list[tuple[D, str, str]], progress: list[tuple[D, int, str]]
) -> list[tuple[D, Recommendation, str, int | None, str]]:
    return [(date, recommendation, status, None, text) for date, status, text in path] + [
        (date, recommendation, "", percent, text) for date, percent, text in progress
    ]


def load(*, users: Mapping[str, User]) -> dict[str, Any]:
    """The recommendations, once (the audit log says when); nothing without the officer and the bodies."""
    return once(LOADED, lambda: _build(users), summary)


def _build(users: Mapping[str, User]) -> bool:
    officer = users.get("urzednik@razem.demo")
    forum = Body.objects.filter(slug="forum-lokalowe").first()
    kdo = Body.objects.filter(slug="kdo-ekonomii-spolecznej").first()
    if officer is None or forum is None or kdo is None:
        return False
    today = timezone.localdate()
    with quietly():
        # Everything is recorded in the order it happened, so that the timelines (the set's progress too) read
        # as they would have.
        parent = services.recommendation_create(actor=officer, data={**PREMISES, "body": forum})
        steps = _steps(
            parent,
            [(D(2025, 12, 10), S.ANALYSIS, "Zestaw przekazano do ZBK i Wydziału Skarbu Miasta."),
             (D(2026, 3, 9), S.PARTLY_ACCEPTED, "ZBK przyjmuje trzy rekomendacje, jedną analizuje. Szczegóły "
                                               "w odpowiedziach na poszczególne rekomendacje.")],
            [],
        )  # fmt: skip
        for index, (title, text, path, progress) in enumerate(PREMISES_CHILDREN):
            child = services.recommendation_create(
                actor=officer,
                parent=parent,
                data={"title": title, "text": text, "submitted_on": PREMISES["submitted_on"],
                      "department_email": ZBK_EMAIL,
                      # the one under analysis is due within days: the dashboard and ``razem remind`` show it
                      "due_on": today + datetime.timedelta(days=5) if index == 3 else None},
            )  # fmt: skip
            steps += _steps(child, path, progress)
        social = []
        for title, text, submitted_on, path, progress in SOCIAL_ECONOMY:
            recommendation = services.recommendation_create(
                actor=officer,
                data={"title": title, "text": text, "submitted_on": submitted_on, "body": kdo,
                      "policy_area": Recommendation.PolicyArea.SOCIAL_ECONOMY, "department": WPS,
                      "department_email": WPS_EMAIL},
            )  # fmt: skip
            social.append(recommendation)
            steps += _steps(recommendation, path, progress)
        for date, recommendation, status, percent, text in sorted(steps, key=lambda step: (step[0], step[1].pk)):
            _step(officer, recommendation, date, status, percent, text)
        services.recommendation_note(
            actor=officer,
            recommendation=parent,
            text="Forum omówiło stan wdrożenia na posiedzeniu; kolejny przegląd za pół roku.",
            date=D(2026, 10, 5),
        )
        for email, recommendation in (("mieszkanka@razem.demo", parent), ("prezeska@razem.demo", social[0])):
            if email in users:
                services.follow(actor=users[email], recommendation=recommendation)
    return True


def summary() -> dict[str, Any]:
    return {"recommendations": Recommendation.objects.count()}
