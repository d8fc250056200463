"""Longer Polish texts and name lists for the demo meetings (see demo.py). Every person named here is made up."""

JANUARY_SUMMARY = "Coroczne spotkanie Pełnomocnika z organizacjami: podsumowanie roku i plany współpracy."
JANUARY_DESCRIPTION = """Zapraszamy przedstawicielki i przedstawicieli krakowskich organizacji pozarządowych na
noworoczne spotkanie z Pełnomocnikiem Prezydenta Miasta Krakowa ds. Organizacji Pozarządowych.

Podsumujemy miniony rok współpracy: fora dialogu obywatelskiego, rekomendacje do polityki lokalowej i ekonomii
społecznej, wybory do ciał dialogu i konkursy ofert. Opowiemy, co planujemy w tym roku, i wysłuchamy Waszych
uwag. Po części oficjalnej zapraszamy na kawę i rozmowy przy stolikach tematycznych.

Prosimy o zapis w imieniu organizacji: jedna lub dwie osoby z organizacji. Sala jest dostępna dla osób
poruszających się na wózku; na miejscu będzie tłumaczka PJM."""
JANUARY_AGENDA = """Powitanie i podsumowanie roku – Pełnomocnik Prezydenta ds. Organizacji Pozarządowych
Krakowskie Forum Lokalowe: co udało się wypracować
Rekomendacje dotyczące ekonomii społecznej
Plan forów dialogu i spotkań sieciujących na ten rok
Pytania i głosy z sali
Stoliki tematyczne i kawa"""

MINUTES_HTML = """<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><title>Protokół</title>
<style>
  @page {{ size: A4; margin: 2cm; }}
  body {{ font-family: sans-serif; font-size: 11pt; line-height: 1.45; }}
  h1 {{ font-size: 15pt; margin-bottom: 0.2em; }}
  .meta {{ color: #444; margin-bottom: 1.5em; }}
  li {{ margin-bottom: 0.4em; }}
</style></head>
<body>
<h1>Protokół ze spotkania</h1>
<p><strong>{title}</strong></p>
<p class="meta">{when}, {place}<br>Zapisanych organizacji: {registered}; obecnych osób: {present}.</p>
<h2>Przebieg spotkania</h2>
<ol>
  <li>Pełnomocnik przywitał uczestników i przedstawił podsumowanie roku: 6 forów dialogu obywatelskiego,
      4 spotkania sieciujące, rekomendacje Krakowskiego Forum Lokalowego przekazane Prezydentowi.</li>
  <li>Przedstawiciele Forum Lokalowego omówili rekomendacje dotyczące najmu lokali użytkowych przez organizacje
      (stawki preferencyjne, dłuższe umowy, jasne kryteria trybu bezprzetargowego).</li>
  <li>Omówiono plan na bieżący rok: spotkania sieciujące co kwartał, fora dialogu o ekonomii społecznej
      i polityce lokalowej, konsultacje programu współpracy w październiku.</li>
  <li>W dyskusji zgłoszono potrzebę wcześniejszego ogłaszania konkursów ofert, prostszych sprawozdań
      i większej liczby bezpłatnych sal w dzielnicach poza centrum.</li>
  <li>Ustalono, że uwagi z dyskusji zostaną zebrane w notatce i przekazane KRDPP do dalszych prac.</li>
</ol>
<h2>Ustalenia</h2>
<ul>
  <li>Kalendarz spotkań na rok zostanie opublikowany w Razem do końca lutego.</li>
  <li>Materiały ze spotkania są dostępne na stronie spotkania.</li>
</ul>
<p>Protokołowała: Urszula Nowak, Wydział Polityki Społecznej i Zdrowia UMK.</p>
</body></html>"""

JANUARY_MATERIALS = """Spotkanie noworoczne Pełnomocnika z organizacjami – materiały

1. Podsumowanie roku współpracy w liczbach
   - fora dialogu obywatelskiego: 6
   - spotkania sieciujące organizacji: 4
   - otwarte konkursy ofert: 38, umowy z organizacjami: 412
   - rekomendacje do polityk miejskich: polityka lokalowa, ekonomia społeczna

2. Plan na ten rok
   - spotkania sieciujące: marzec, maj, wrzesień, grudzień
   - Forum Dialogu Obywatelskiego o polityce lokalowej (kwiecień) i o ekonomii społecznej (wrzesień)
   - Dzień Wolności i Praw Obywatelskich – piknik organizacji (4 czerwca)
   - konsultacje programu współpracy na przyszły rok (październik)

3. Kontakt
   Wydział Polityki Społecznej i Zdrowia UMK, ul. Dekerta 24, 30-703 Kraków
"""

FORUM_PREMISES_NOTE = """Notatka z Forum Dialogu Obywatelskiego: polityka lokalowa

Uczestnicy omówili zasady najmu lokali użytkowych Gminy przez organizacje pozarządowe. Najczęstsze postulaty:
dłuższe umowy najmu (co najmniej 5 lat), jawna lista wolnych lokali, preferencyjne stawki dla organizacji
prowadzących działalność pożytku publicznego, prostsza procedura w trybie bezprzetargowym.
Postulaty trafiają do Krakowskiego Forum Lokalowego, które przygotuje rekomendacje do polityki lokalowej.
"""

KRDPP_MINUTES = """Protokół z posiedzenia Krakowskiej Rady Działalności Pożytku Publicznego

Obecni: 12 z 16 członków Rady (kworum).
1. Rada zaopiniowała pozytywnie projekt uchwały w sprawie programu współpracy na przyszły rok, z uwagami
   dotyczącymi harmonogramu konkursów ofert.
2. Rada oceniła wnioski organizacji o udział w Krakowskim Forum Lokalowym.
3. Sprawy bieżące: przygotowanie Forum Dialogu o ekonomii społecznej.
"""

FORUM_LOKALOWE_MINUTES = """Notatka z posiedzenia Krakowskiego Forum Lokalowego

Zespół uzgodnił strukturę rekomendacji do polityki lokalowej: (1) dostęp do informacji o wolnych lokalach,
(2) tryb bezprzetargowy dla organizacji, (3) stawki czynszu i ulgi, (4) lokale w dzielnicach poza centrum.
Kolejne posiedzenie: dyskusja nad projektem rekomendacji przed przekazaniem go KRDPP.
"""

PROGRAMME_DRAFT = """Projekt Programu współpracy Miasta Krakowa z organizacjami pozarządowymi na {year} rok
(wersja do konsultacji)

Cel główny: rozwój partnerskiej współpracy Miasta z organizacjami w odpowiedzi na potrzeby mieszkańców.
Priorytety: wsparcie organizacji w dzielnicach, ekonomia społeczna, dostęp do lokali, dialog obywatelski.
Formy współpracy: otwarte konkursy ofert, małe granty (art. 19a), fora dialogu, konsultacje, udostępnianie sal.
Uwagi można zgłaszać na spotkaniach konsultacyjnych i formularzem do końca października.
"""

PICNIC_DESCRIPTION = """Świętujemy razem Dzień Wolności i Praw Obywatelskich – rocznicę wyborów 4 czerwca 1989 r.

Na dziedzińcu Klastra Zabłocie 20.22 krakowskie organizacje rozstawią namioty: będzie strefa dla dzieci,
gry miejskie o prawach obywatelskich, punkt porad prawnych, warsztaty z pisania petycji i wniosków o informację
publiczną, a o 18:00 „Łyk Wolności” – wspólny toast lemoniadą. Przynieście koc! Wstęp wolny, bez zapisów.

Chcesz pokazać swoją organizację? Napisz do nas – mamy jeszcze kilka stoisk."""
