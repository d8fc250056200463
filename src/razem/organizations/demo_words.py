"""Word lists for the fictional demo organizations (see demo.py). Every name here is made up or generic."""

# (nominative, genitive, locative with its preposition, district number, rural: has a koło gospodyń wiejskich)
PLACES: list[tuple[str, str, str, int, bool]] = [
    ("Kazimierz", "Kazimierza", "na Kazimierzu", 1, False),
    ("Kleparz", "Kleparza", "na Kleparzu", 1, False),
    ("Stradom", "Stradomia", "na Stradomiu", 1, False),
    ("Grzegórzki", "Grzegórzek", "w Grzegórzkach", 2, False),
    ("Dąbie", "Dąbia", "na Dąbiu", 2, False),
    ("Olsza", "Olszy", "na Olszy", 3, False),
    ("Rakowice", "Rakowic", "w Rakowicach", 3, False),
    ("Prądnik Czerwony", "Prądnika Czerwonego", "na Prądniku Czerwonym", 3, False),
    ("Azory", "Azorów", "na Azorach", 4, False),
    ("Tonie", "Toń", "w Toniach", 4, True),
    ("Witkowice", "Witkowic", "w Witkowicach", 4, True),
    ("Górka Narodowa", "Górki Narodowej", "na Górce Narodowej", 4, False),
    ("Łobzów", "Łobzowa", "na Łobzowie", 5, False),
    ("Nowa Wieś", "Nowej Wsi", "na Nowej Wsi", 5, False),
    ("Krowodrza", "Krowodrzy", "na Krowodrzy", 5, False),
    ("Bronowice", "Bronowic", "w Bronowicach", 6, False),
    ("Mydlniki", "Mydlnik", "w Mydlnikach", 6, True),
    ("Salwator", "Salwatora", "na Salwatorze", 7, False),
    ("Wola Justowska", "Woli Justowskiej", "na Woli Justowskiej", 7, False),
    ("Przegorzały", "Przegorzał", "w Przegorzałach", 7, True),
    ("Bielany", "Bielan", "na Bielanach", 7, False),
    ("Ruczaj", "Ruczaju", "na Ruczaju", 8, False),
    ("Tyniec", "Tyńca", "w Tyńcu", 8, True),
    ("Sidzina", "Sidziny", "w Sidzinie", 8, True),
    ("Pychowice", "Pychowic", "w Pychowicach", 8, True),
    ("Dębniki", "Dębnik", "na Dębnikach", 8, False),
    ("Łagiewniki", "Łagiewnik", "w Łagiewnikach", 9, False),
    ("Borek Fałęcki", "Borku Fałęckiego", "w Borku Fałęckim", 9, False),
    ("Swoszowice", "Swoszowic", "w Swoszowicach", 10, False),
    ("Kosocice", "Kosocic", "w Kosocicach", 10, True),
    ("Rajsko", "Rajska", "w Rajsku", 10, True),
    ("Wróblowice", "Wróblowic", "we Wróblowicach", 10, True),
    ("Kurdwanów", "Kurdwanowa", "na Kurdwanowie", 11, False),
    ("Wola Duchacka", "Woli Duchackiej", "na Woli Duchackiej", 11, False),
    ("Piaski Wielkie", "Piasków Wielkich", "na Piaskach Wielkich", 11, False),
    ("Bieżanów", "Bieżanowa", "w Bieżanowie", 12, False),
    ("Prokocim", "Prokocimia", "w Prokocimiu", 12, False),
    ("Złocień", "Złocienia", "na Złocieniu", 12, False),
    ("Rżąka", "Rżąki", "w Rżące", 12, True),
    ("Podgórze", "Podgórza", "w Podgórzu", 13, False),
    ("Zabłocie", "Zabłocia", "na Zabłociu", 13, False),
    ("Płaszów", "Płaszowa", "w Płaszowie", 13, False),
    ("Rybitwy", "Rybitw", "w Rybitwach", 13, True),
    ("Czyżyny", "Czyżyn", "w Czyżynach", 14, False),
    ("Łęg", "Łęgu", "w Łęgu", 14, False),
    ("Mistrzejowice", "Mistrzejowic", "w Mistrzejowicach", 15, False),
    ("Bieńczyce", "Bieńczyc", "w Bieńczycach", 16, False),
    ("Krzesławice", "Krzesławic", "w Krzesławicach", 17, False),
    ("Grębałów", "Grębałowa", "w Grębałowie", 17, True),
    ("Kantorowice", "Kantorowic", "w Kantorowicach", 17, True),
    ("Zesławice", "Zesławic", "w Zesławicach", 17, True),
    ("Nowa Huta", "Nowej Huty", "w Nowej Hucie", 18, False),
    ("Mogiła", "Mogiły", "w Mogile", 18, False),
    ("Wyciąże", "Wyciąża", "w Wyciążu", 18, True),
    ("Pleszów", "Pleszowa", "w Pleszowie", 18, True),
    ("Branice", "Branic", "w Branicach", 18, True),
    ("Ruszcza", "Ruszczy", "w Ruszczy", 18, True),
    ("Kościelniki", "Kościelnik", "w Kościelnikach", 18, True),
]

STREETS: dict[int, tuple[str, ...]] = {
    1: ("ul. Floriańska", "ul. Szeroka", "ul. Józefa", "ul. Dietla", "ul. Basztowa", "ul. Starowiślna"),
    2: ("ul. Grzegórzecka", "al. Daszyńskiego", "ul. Mogilska", "ul. Cystersów"),
    3: ("ul. Dobrego Pasterza", "ul. Powstańców", "ul. Lublańska", "ul. Młyńska"),
    4: ("ul. Opolska", "ul. Kaczorówka", "ul. Pachońskiego", "ul. Siewna"),
    5: ("ul. Królewska", "ul. Mazowiecka", "ul. Łobzowska", "ul. Kazimierza Wielkiego"),
    6: ("ul. Balicka", "ul. Rydla", "ul. Armii Krajowej", "ul. Zielone Wzgórza"),
    7: ("al. Królowej Jadwigi", "ul. Senatorska", "ul. Bielańska", "ul. Księcia Józefa"),
    8: ("ul. Kapelanka", "ul. Konopnickiej", "ul. Bobrzyńskiego", "ul. Tyniecka"),
    9: ("ul. Zakopiańska", "ul. Fredry", "ul. Żywiecka", "ul. Siostry Faustyny"),
    10: ("ul. Kąpielowa", "ul. Myślenicka", "ul. Jugowicka", "ul. Kosocicka"),
    11: ("ul. Witosa", "ul. Wysłouchów", "ul. Malborska", "ul. Podedworze"),
    12: ("ul. Teligi", "ul. Kurczaba", "ul. Bieżanowska", "ul. Wielicka"),
    13: ("ul. Zabłocie", "ul. Lipowa", "ul. Kalwaryjska", "ul. Limanowskiego"),
    14: ("ul. Centralna", "ul. Medweckiego", "al. Bora-Komorowskiego", "ul. Stella-Sawickiego"),
    15: ("os. Oświecenia", "os. Złotego Wieku", "os. Tysiąclecia", "ul. Miśnieńska"),
    16: ("os. Kalinowe", "os. Wysokie", "os. Na Lotnisku", "ul. Kocmyrzowska"),
    17: ("ul. Grębałowska", "os. na Stoku", "ul. Zesławicka", "ul. Darwina"),
    18: ("os. Centrum C", "os. Górali", "ul. Bulwarowa", "ul. Klasztorna", "ul. Ptaszyckiego"),
}
POSTAL_PREFIX = {1: "31-0", 2: "31-5", 3: "31-4", 4: "31-2", 5: "30-0", 6: "30-1", 7: "30-2", 8: "30-3", 9: "30-4",
                 10: "30-6", 11: "30-8", 12: "30-8", 13: "30-5", 14: "31-8", 15: "31-6", 16: "31-9", 17: "31-9",
                 18: "31-9"}  # fmt: skip

# Adjective + noun pairs that agree in gender: "Otwarta Przestrzeń", "Dobry Start", "Wspólne Podwórko".
ADJ_NOUN = [
    (("Dobra", "Zielona", "Otwarta", "Wspólna", "Krakowska", "Jasna", "Nowa", "Ciepła", "Złota", "Tęczowa",
      "Słoneczna", "Wiślana", "Sąsiedzka"),
     ("Przestrzeń", "Ścieżka", "Przystań", "Kuźnia", "Pracownia", "Brama", "Droga", "Iskra", "Sieć", "Akademia",
      "Strefa", "Wyspa", "Dolina")),
    (("Dobry", "Zielony", "Otwarty", "Wspólny", "Krakowski", "Jasny", "Nowy", "Ciepły", "Złoty", "Słoneczny",
      "Wiślany", "Dębowy", "Sąsiedzki"),
     ("Start", "Horyzont", "Most", "Ogród", "Dom", "Krok", "Port", "Azyl", "Warsztat", "Kompas", "Zakątek", "Plac",
      "Kierunek")),
    (("Dobre", "Zielone", "Otwarte", "Wspólne", "Krakowskie", "Jasne", "Nowe", "Ciepłe", "Złote", "Słoneczne",
      "Sąsiedzkie"),
     ("Serce", "Miejsce", "Jutro", "Gniazdo", "Podwórko", "Okno", "Źródło", "Pole", "Sąsiedztwo", "Lato")),
]  # fmt: skip

# Aims used in names ("Fundacja Ochrony Zwierząt"), with the areas of art. 4 and the target groups they imply.
CAUSES: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("Pomocy Dzieciom i Młodzieży", ("15", "1"), ("dzieci", "mlodziez")),
    ("Wspierania Inicjatyw Lokalnych", ("13", "27"), ("mieszkancy",)),
    ("Edukacji Ekologicznej", ("18", "14"), ("dzieci", "mieszkancy")),
    ("Aktywnego Seniora", ("10", "13"), ("seniorzy",)),
    ("Zdrowia Psychicznego", ("6", "7"), ("mlodziez", "rodziny")),
    ("Kultury Niezależnej", ("16",), ()),
    ("Sportu Młodzieżowego", ("17", "15"), ("mlodziez",)),
    ("Ekonomii Społecznej", ("2", "8", "11"), ("osoby-bezrobotne",)),
    ("Ochrony Zwierząt", ("18",), ("zwierzeta",)),
    ("Integracji Cudzoziemców", ("5a", "22"), ("migranci",)),
    ("Promocji Wolontariatu", ("27",), ("mlodziez", "studenci")),
    ("Pamięci Historycznej", ("4", "16", "29"), ("kombatanci",)),
    ("Edukacji Obywatelskiej", ("22", "14"), ("mlodziez", "mieszkancy")),
    ("Terapii i Rehabilitacji", ("7", "6"), ("osoby-z-niepelnosprawnosciami",)),
    ("Przeciwdziałania Przemocy", ("1", "31"), ("ofiary-przemocy", "kobiety")),
    ("Pomocy Osobom w Kryzysie Bezdomności", ("1", "2", "3"), ("osoby-w-kryzysie-bezdomnosci",)),
    ("Profilaktyki Uzależnień", ("32", "6"), ("osoby-uzaleznione", "mlodziez")),
    ("Równych Szans", ("9", "22"), ("kobiety", "lgbt")),
    ("Turystyki Rowerowej", ("19", "17"), ("mieszkancy",)),
    ("Rewitalizacji Podwórek", ("32a", "13"), ("mieszkancy",)),
    ("Wspierania Rodzin", ("31", "1a"), ("rodziny", "dzieci")),
    ("Nieodpłatnej Pomocy Prawnej", ("1b", "1c"), ("mieszkancy", "seniorzy")),
    ("Rozwoju Organizacji Pozarządowych", ("33", "27"), ("organizacje",)),
    ("Ratownictwa Wodnego", ("23", "20"), ()),
    ("Współpracy Polsko-Ukraińskiej", ("26", "5a"), ("migranci",)),
    ("Nauki i Innowacji", ("12", "14"), ("studenci",)),
    ("Przedsiębiorczości Kobiet", ("11", "9"), ("kobiety",)),
    ("Dziedzictwa Kulinarnego", ("4", "16"), ()),
]
LOCAL_AREAS = ("13", "16", "4", "19", "18", "32a", "27", "10", "15")
COMMON_AREAS = ("1", "3", "6", "7", "13", "14", "15", "16", "17", "18", "19", "22", "27", "31")
UNDER = ("Wawelem", "Kopcem", "Skałkami", "Krzemionkami", "Lasem Wolskim", "Sową", "Lipami", "Dębem", "Dachem",
         "Mostem", "Kasztanem", "Żurawiem")  # fmt: skip
FAMILIES = ("Kwiatkowskich", "Zawadzkich", "Pawłowskich", "Michalskich", "Sikorskich", "Baranowskich",
            "Wróblewskich", "Jabłońskich", "Malinowskich", "Ostrowskich", "Górskich", "Krawczyków")  # fmt: skip
CLUBS = ("Orlęta", "Jedynka", "Sokół", "Iskra", "Olimpijczyk", "Tygrysy", "Delfin", "Żak", "Victoria", "Wisełka",
         "Błyskawica", "Płomień", "Kometa", "Dwójka", "Sprint", "Rakieta")  # fmt: skip
KGW_NAMES = ("Razem", "Pod Lipą", "Tradycja", "Babskie Sprawy", "Kwitnąca Jabłoń", "Złote Kłosy", "Jarzębina")
COOPERATIVES = ("Zakwas", "Pod Dachem", "Przystanek", "Dobra Robota", "Kuchnia Sąsiedzka", "Zielona Miotła",
                "Warsztat", "Ogrodnicy", "Cztery Kąty", "Łącznik", "Pracownia Rzeczy", "Pełna Micha",
                "Czysta Sprawa", "Pomocna Dłoń")  # fmt: skip
ASSOCIATION_NOUNS = ("Rowerzystów Miejskich", "Opiekunów Osób Starszych", "Miłośników Gier Planszowych",
                     "Ratowników Ochotników", "Amatorów Teatru", "Rodziców Dzieci z Autyzmem", "Działkowców",
                     "Przewodników Miejskich", "Fotografów Amatorów", "Chórzystów", "Biegaczy",
                     "Pszczelarzy Miejskich")  # fmt: skip

ACTIVITY = {
    "1": "Pomagamy rodzinom i osobom w trudnej sytuacji życiowej: prowadzimy punkt wsparcia i zbiórki.",
    "1a": "Wspieramy rodziny zastępcze i prowadzimy świetlicę środowiskową.",
    "1b": "Udzielamy bezpłatnych porad prawnych.",
    "1c": "Prowadzimy bezpłatne poradnictwo obywatelskie.",
    "2": "Pomagamy osobom zagrożonym wykluczeniem wrócić do pracy i do ludzi.",
    "3": "Organizujemy zbiórki żywności, odzieży i przyborów szkolnych.",
    "4": "Dbamy o lokalne tradycje i pamięć o historii okolicy.",
    "5a": "Prowadzimy kursy języka polskiego i dyżury dla cudzoziemców.",
    "6": "Prowadzimy warsztaty profilaktyki zdrowotnej i grupy wsparcia.",
    "7": "Organizujemy terapię, rehabilitację i wyjazdy dla osób z niepełnosprawnościami.",
    "8": "Prowadzimy doradztwo zawodowe i warsztaty dla osób szukających pracy.",
    "9": "Działamy na rzecz równego traktowania kobiet i mężczyzn.",
    "10": "Prowadzimy klub seniora z zajęciami ruchowymi, językowymi i kulturalnymi.",
    "11": "Wspieramy lokalną przedsiębiorczość i ekonomię społeczną.",
    "12": "Organizujemy warsztaty z nowych technologii i programowania.",
    "13": "Organizujemy sąsiedzkie pikniki, spacery i spotkania mieszkańców.",
    "14": "Prowadzimy zajęcia edukacyjne i bezpłatne korepetycje dla uczniów.",
    "15": "Organizujemy półkolonie i zajęcia pozalekcyjne dla dzieci i młodzieży.",
    "16": "Organizujemy koncerty, wystawy i warsztaty artystyczne.",
    "17": "Prowadzimy treningi i zawody sportowe dla dzieci, młodzieży i dorosłych.",
    "18": "Sadzimy drzewa, sprzątamy tereny zielone i uczymy ekologii.",
    "19": "Organizujemy wycieczki krajoznawcze i rajdy rowerowe.",
    "20": "Prowadzimy działania na rzecz bezpieczeństwa na osiedlu.",
    "22": "Prowadzimy debaty i warsztaty edukacji obywatelskiej.",
    "23": "Szkolimy z pierwszej pomocy i ratownictwa.",
    "26": "Organizujemy wymiany młodzieży i współpracę z miastami partnerskimi Krakowa.",
    "27": "Łączymy wolontariuszy z miejscami, które ich potrzebują.",
    "29": "Opiekujemy się kombatantami i dbamy o miejsca pamięci.",
    "31": "Wspieramy rodziców i prowadzimy kluby rodzinne.",
    "32": "Prowadzimy profilaktykę uzależnień wśród młodzieży.",
    "32a": "Odnawiamy podwórka i zaniedbane przestrzenie razem z mieszkańcami.",
    "33": "Wspieramy inne organizacje pozarządowe szkoleniami i doradztwem.",
}
CLOSING = ("Zapraszamy do współpracy wolontariuszy.", "Szukamy partnerów i wolontariuszy.",
           "Zajęcia są bezpłatne.", "Spotykamy się co tydzień.", "Działamy dzięki pracy wolontariuszy.")  # fmt: skip
REJECTED = ("Nie przedstawiono aktualnego odpisu z KRS.", "Organizacja nie ma siedziby w Krakowie.",
            "Skład zarządu w formularzu nie zgadza się z KRS.")  # fmt: skip
SUSPENDED = ("Zawieszona na wniosek zarządu do czasu wyboru nowych władz.",
             "Brak aktualnych danych kontaktowych; wezwanie pozostało bez odpowiedzi.")  # fmt: skip
# Patrons for "Fundacja im. ...": first names and adjectival surname stems (female/male genitive endings added).
PATRONS_F = ("Anny", "Heleny", "Marii", "Zofii", "Jadwigi", "Ireny", "Barbary", "Krystyny", "Wandy", "Janiny",
             "Teresy", "Haliny", "Elżbiety", "Danuty")  # fmt: skip
PATRONS_M = ("Jana", "Józefa", "Stanisława", "Tadeusza", "Władysława", "Kazimierza", "Jerzego", "Andrzeja",
             "Franciszka", "Henryka", "Antoniego", "Adama")  # fmt: skip
SURNAME_STEMS = ("Kwiatkowsk", "Zawadzk", "Pawłowsk", "Michalsk", "Sikorsk", "Baranowsk", "Wróblewsk", "Jabłońsk",
                 "Malinowsk", "Ostrowsk", "Górsk", "Lisowsk", "Dąbrowsk", "Wiśniewsk", "Kamińsk", "Szymańsk",
                 "Czerwińsk", "Kołodziejsk")  # fmt: skip

NIP_PREFIXES = ("675", "676", "677", "678", "679", "944", "945")  # tax offices in and around Kraków
REGON_PREFIXES = ("12", "35", "36", "38")

# Nominative first names of the demo NGO people (razem.organizations.demo.people_specs); surnames come from
# SURNAME_STEMS ("Kwiatkowsk" + "i" / "a") and from the invariable ones below.
FIRST_NAMES_F = ("Agnieszka", "Anna", "Barbara", "Beata", "Dorota", "Ewa", "Hanna", "Iwona", "Joanna", "Julia",
                 "Justyna", "Karolina", "Magdalena", "Małgorzata", "Marta", "Monika", "Natalia", "Paulina",
                 "Renata", "Weronika", "Zuzanna", "Aleksandra", "Elżbieta", "Grażyna")  # fmt: skip
FIRST_NAMES_M = ("Adam", "Andrzej", "Bartosz", "Dawid", "Grzegorz", "Jakub", "Jan", "Kamil", "Krzysztof", "Łukasz",
                 "Marcin", "Marek", "Michał", "Paweł", "Rafał", "Robert", "Szymon", "Tadeusz", "Wojciech",
                 "Zbigniew", "Jerzy", "Mateusz", "Piotr", "Stanisław")  # fmt: skip
SURNAMES = ("Nowak", "Mazur", "Krawczyk", "Kaczmarek", "Zając", "Król", "Wieczorek", "Jaworek", "Pawlik", "Dudek",
            "Walczak", "Stępień", "Sowa", "Bąk", "Gąsior", "Kurek", "Kubiak", "Leśniak", "Pietrzyk",
            "Wrona")  # fmt: skip
