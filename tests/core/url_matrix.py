# ruff: noqa: E501  (a table: one row a pattern, with the URL tested as a comment)
"""The expected answer of every page of the site to every persona (``tests/core/test_url_matrix.py``).

A row per pattern of the URL conf (its name, or its route when it has none), a column per persona:

- ``anonymous``: nobody signed in; ``resident``: a signed-up resident in no organization and no body;
- ``org_admin``: prezeska@razem.demo, administrator of organization A (Fundacja Pod Wawelem), member of KDO kultury;
- ``org_member``: czlonek@razem.demo, member of organization A, member of a grants commission;
- ``other_admin``: zofia.kaminska@example.org, administrator of organization B (Stowarzyszenie Przyjaciół Nowej
  Huty), who asked to join A;
- ``body_member``: przedstawiciel@razem.demo, representative of B, member of KRDPP, the Forum and KRDPP's private
  team, member of a grants commission;
- ``officer``, ``administrator``: the city's staff (with their second factor).

The URL tested for a pattern is the first one the crawl found that its finder could open (organization A's own
people first); the test prints it when a cell differs. The answers:

- ``OK`` 200; ``LOGIN`` a redirect to the login page; ``ADMIN_LOGIN`` to the admin's login; ``MOVED`` another
  redirect (a form that sends on, a page that moved); ``DENY`` 403; ``GONE`` 404 (the object is not shown to that
  person at all); ``NOPE`` 405.

A page that ``OK``s a person who should be refused is a leak: fix the rule, never the table.
"""

OK, DENY, GONE, NOPE = 200, 403, 404, 405
LOGIN, ADMIN_LOGIN, MOVED = "LOGIN", "ADMIN_LOGIN", "MOVED"
NAMES = {OK: "OK", DENY: "DENY", GONE: "GONE", NOPE: "NOPE", LOGIN: "LOGIN", ADMIN_LOGIN: "ADMIN_LOGIN",
         MOVED: "MOVED"}  # fmt: skip


def name(value: object) -> str:
    return NAMES.get(value, str(value))  # type: ignore[call-overload]


PERSONAS = ("anonymous", "resident", "org_admin", "org_member", "other_admin", "body_member", "officer",
            "administrator")  # fmt: skip
DEMO_PERSONAS = {
    "org_admin": "prezeska@razem.demo",
    "org_member": "czlonek@razem.demo",
    "other_admin": "zofia.kaminska@example.org",
    "body_member": "przedstawiciel@razem.demo",
    "officer": "urzednik@razem.demo",
    "administrator": "admin@razem.demo",
}

# fmt: off
#   pattern: (anonymous, resident, org_admin, org_member, other_admin, body_member, officer, administrator)
MATRIX: dict[str, tuple[object, ...]] = {
    "account_change_password": (LOGIN, OK, OK, OK, MOVED, OK, OK, OK),  # /konto/haslo/zmiana/
    "account_confirm_login_code": (LOGIN, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED),  # /konto/kod-logowania/
    "account_email": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /konto/adresy-email/
    "account_email_verification_sent": (OK, OK, OK, OK, OK, OK, OK, OK),  # /konto/potwierdz-email/
    "account_inactive": (OK, OK, OK, OK, OK, OK, OK, OK),  # /konto/nieaktywne/
    "account_login": (OK, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED),  # /konto/logowanie/
    "account_reauthenticate": (LOGIN, OK, OK, OK, DENY, OK, OK, OK),  # /konto/potwierdz-tozsamosc/
    "account_reset_password": (OK, OK, OK, OK, OK, OK, OK, OK),  # /konto/haslo/reset/
    "account_reset_password_done": (OK, OK, OK, OK, OK, OK, OK, OK),  # /konto/haslo/reset/wyslano/
    "account_reset_password_from_key_done": (OK, OK, OK, OK, OK, OK, OK, OK),  # /konto/haslo/reset/gotowe/
    "account_set_password": (LOGIN, MOVED, MOVED, MOVED, OK, MOVED, MOVED, MOVED),  # /konto/haslo/ustaw/ — B's admin has no password (a demo person without a login)
    "account_signup": (OK, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED),  # /konto/rejestracja/
    "accounts:dashboard": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /konto/
    "accounts:data_export": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /konto/moje-dane/
    "accounts:delete": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /konto/usun-konto/
    "accounts:profile": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /konto/profil/
    "admin:index": (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, OK),  # /admin/
    "bodies:acts": (OK, OK, OK, OK, OK, OK, OK, OK),  # /ciala-dialogu/krdpp/dokumenty/
    "bodies:apply": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /ciala-dialogu/kdo-ekonomii-spolecznej/dolacz/
    "bodies:detail": (OK, OK, OK, OK, OK, OK, OK, OK),  # /ciala-dialogu/krdpp/
    "bodies:history": (OK, OK, OK, OK, OK, OK, OK, OK),  # /ciala-dialogu/krdpp/czlonkowie/historia/
    "bodies:list": (OK, OK, OK, OK, OK, OK, OK, OK),  # /ciala-dialogu/
    "bodies:mine": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /ciala-dialogu/moje/
    "bodies:post_file": (DENY, DENY, DENY, DENY, DENY, OK, OK, OK),  # /ciala-dialogu/krdpp/przestrzen-robocza/6/plik/
    "bodies:regulations": (GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /ciala-dialogu/krdpp/regulamin/
    "bodies:workspace": (DENY, DENY, DENY, DENY, DENY, OK, OK, OK),  # /ciala-dialogu/krdpp/przestrzen-robocza/
    "bodies_staff:acts": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/forum-lokalowe/uchwaly/
    "bodies_staff:application_decide": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/forum-lokalowe/zgloszenia/1/
    "bodies_staff:applications": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/forum-lokalowe/zgloszenia/
    "bodies_staff:create": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/nowe/
    "bodies_staff:deadlines": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/terminy-opinii/
    "bodies_staff:dismissals": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/forum-lokalowe/do-odwolania/
    "bodies_staff:edit": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/kdo-ekonomii-spolecznej/
    "bodies_staff:list": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/
    "bodies_staff:member_end": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/kdo-ekonomii-spolecznej/czlonkowie/68/zakoncz/
    "bodies_staff:members": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/kdo-ekonomii-spolecznej/czlonkowie/
    "bodies_staff:posts": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/forum-lokalowe/ogloszenia/
    "bodies_staff:requests": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/kdo-ekonomii-spolecznej/prosby-o-opinie/
    "bodies_staff:term_edit": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/forum-lokalowe/kadencje/3/
    "bodies_staff:terms": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/ciala-dialogu/forum-lokalowe/kadencje/
    "commissions:attachment": (LOGIN, DENY, DENY, DENY, DENY, OK, OK, DENY),  # /konkursy/centrum-obywatelskie-centrum-c-2027-2029/ocena/oferty/6/zalaczniki/5/
    "commissions:declaration": (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY),  # /konkursy/kultura-w-dzielnicach-2026/ocena/deklaracja/
    "commissions:home": (LOGIN, DENY, DENY, OK, DENY, OK, OK, DENY),  # /konkursy/centrum-obywatelskie-centrum-c-2027-2029/ocena/ — the member and the representative sit in a competition commission; the officer chairs it
    "commissions:offer": (LOGIN, DENY, DENY, DENY, DENY, OK, OK, DENY),  # /konkursy/centrum-obywatelskie-centrum-c-2027-2029/ocena/oferty/6/
    "commissions_staff:commission": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/centrum-obywatelskie-centrum-c-2027-2029/komisja-konkursowa/
    "commissions_staff:opinion": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/centrum-obywatelskie-centrum-c-2027-2029/komisja-konkursowa/opinia/
    "commissions_staff:opinion_pdf": (LOGIN, DENY, DENY, DENY, DENY, DENY, GONE, GONE),  # /panel/konkursy/aktywizacja-seniorow-2027/komisja-konkursowa/opinia.pdf
    "commissions_staff:protocol_pdf": (LOGIN, DENY, DENY, DENY, DENY, DENY, GONE, GONE),  # /panel/konkursy/aktywizacja-seniorow-2027/komisja-konkursowa/protokol.pdf
    "commissions_staff:ranking": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/centrum-obywatelskie-centrum-c-2027-2029/komisja-konkursowa/ranking/
    "commissions_staff:remove": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/centrum-obywatelskie-centrum-c-2027-2029/komisja-konkursowa/czlonkowie/1/usun/
    "contracts:detail": (LOGIN, GONE, OK, GONE, GONE, GONE, OK, OK),  # /umowy/5/
    "contracts:pdf": (LOGIN, GONE, OK, GONE, GONE, GONE, OK, OK),  # /umowy/5/umowa.pdf
    "contracts:scan": (LOGIN, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /umowy/5/skan/
    "contracts_staff:annex_create": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/umowy/7/aneksy/nowy/
    "contracts_staff:detail": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/umowy/7/
    "contracts_staff:edit": (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY),  # a signed contract (pinned)
    "contracts_staff:list": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/umowy/
    "contracts_staff:prepare": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/umowy/nowa/19/
    "contracts_staff:scan": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/umowy/7/skan/
    "contracts_staff:sign": (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY),  # a signed contract (pinned)
    "contracts_staff:terminate": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/umowy/7/rozwiazanie/
    "core:accessibility": (OK, OK, OK, OK, OK, OK, OK, OK),  # /deklaracja-dostepnosci/
    "core:contact": (OK, OK, OK, OK, OK, OK, OK, OK),  # /kontakt/
    "core:health": (OK, OK, OK, OK, OK, OK, OK, OK),  # /zdrowie/
    "core:home": (OK, OK, OK, OK, OK, OK, OK, OK),  # /
    "core:notification_read_all": (LOGIN, NOPE, NOPE, NOPE, NOPE, NOPE, NOPE, NOPE),  # /powiadomienia/wszystkie-przeczytane/
    "core:notifications": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /powiadomienia/
    "core:privacy": (OK, OK, OK, OK, OK, OK, OK, OK),  # /ochrona-danych/
    "elections:candidacy": (OK, OK, OK, OK, OK, OK, OK, OK),  # /wybory/wybory-kdo-kultury/kandydaci/24/ — accepted candidacy: public
    "elections:check": (OK, OK, OK, OK, OK, OK, OK, OK),  # /wybory/wybory-kdo-kultury/sprawdz-glos/
    "elections:consent": (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY),  # /wybory/wybory-kdo-kultury/kandydaci/24/zgoda/
    "elections:detail": (OK, OK, OK, OK, OK, OK, OK, OK),  # /wybory/wybory-kdo-kultury/
    "elections:list": (OK, OK, OK, OK, OK, OK, OK, OK),  # /wybory/
    "elections:nominate": (LOGIN, DENY, OK, DENY, OK, OK, DENY, DENY),  # /wybory/wybory-kdo-kultury/zglos-kandydata/
    "elections:photo": (GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /wybory/wybory-kdo-kultury/kandydaci/24/zdjecie/
    "elections:protocol": (GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /wybory/wybory-kdo-kultury/protokol.pdf
    "elections:results": (GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /wybory/wybory-kdo-kultury/wyniki/
    "elections:vote": (LOGIN, DENY, OK, DENY, OK, OK, DENY, DENY),  # /wybory/wybory-uzupelniajace-krdpp-vi-kadencja/glosuj/
    "elections_staff:candidacies": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/wybory/wybory-kdo-zdrowia/kandydatury/
    "elections_staff:candidacy_verify": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/wybory/wybory-kdo-kultury/kandydatury/24/
    "elections_staff:count": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/wybory/wybory-kdo-zdrowia/liczenie/
    "elections_staff:create": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/wybory/nowe/
    "elections_staff:edit": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/wybory/wybory-kdo-zdrowia/
    "elections_staff:elected": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/wybory/wybory-kdo-zdrowia/wybrani/
    "elections_staff:freeze": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/wybory/wybory-kdo-zdrowia/otwarcie-glosowania/
    "elections_staff:list": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/wybory/
    "elections_staff:lists": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/wybory/wybory-kdo-zdrowia/listy/
    "elections_staff:paper": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/wybory/wybory-kdo-zdrowia/karty-papierowe/
    "elections_staff:tie": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/wybory/wybory-kdo-zdrowia/losowanie/
    "elections_staff:voters": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/wybory/wybory-kdo-zdrowia/glosujacy/
    "events:calendar": (OK, OK, OK, OK, OK, OK, OK, OK),  # /kalendarz/
    "events:certificate": (LOGIN, GONE, OK, GONE, GONE, GONE, GONE, GONE),  # /konto/zapisy/PWHPMZYY/zaswiadczenie.pdf
    "events:detail": (OK, OK, OK, OK, OK, OK, OK, OK),  # /kalendarz/5-spotkanie-sieciujace-organizacji-iv-kwarta-2026/
    "events:detail_short": (MOVED, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED),  # /kalendarz/5/
    "events:feed": (OK, OK, OK, OK, OK, OK, OK, OK),  # /kalendarz/kalendarz.ics
    "events:meeting_ics": (OK, OK, OK, OK, OK, OK, OK, OK),  # /kalendarz/5/wydarzenie.ics
    "events:month": (OK, OK, OK, OK, OK, OK, OK, OK),  # /kalendarz/miesiac/
    "events:my_registrations": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /konto/zapisy/
    "events:organization_submissions": (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY),  # /organizacje/40/wydarzenia/
    "events:register": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /kalendarz/5/zapis/ (a form to confirm)
    "events:registration": (LOGIN, GONE, OK, GONE, GONE, GONE, GONE, GONE),  # /konto/zapisy/PWHPMZYY/
    "events:registration_cancel": (LOGIN, GONE, GONE, GONE, GONE, OK, GONE, GONE),  # /konto/zapisy/4XEQ3T2N/anuluj/
    "events:registration_qr": (LOGIN, GONE, OK, GONE, GONE, GONE, GONE, GONE),  # /konto/zapisy/PWHPMZYY/kod-qr.svg
    "events:submit": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /kalendarz/zglos-wydarzenie/
    "events_staff:cancel": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/5/odwolaj/
    "events_staff:checkin": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/5/obecnosc/
    "events_staff:copy": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/5/kopiuj/
    "events_staff:create": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/nowe/
    "events_staff:detail": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/5/
    "events_staff:documents": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/5/dokumenty/
    "events_staff:edit": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/5/edycja/
    "events_staff:invitations": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/5/zaproszenia/
    "events_staff:list": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/
    "events_staff:members_attendance": (LOGIN, DENY, DENY, DENY, DENY, DENY, GONE, GONE),  # /panel/spotkania/5/obecnosc/czlonkowie/
    "events_staff:questions": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/5/pytania/
    "events_staff:registration_cancel": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/5/zapisy/262/anuluj/
    "events_staff:registrations": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/5/zapisy/
    "events_staff:registrations_export": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/5/zapisy.csv
    "events_staff:review": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/wydarzenia-organizacji/35/
    "events_staff:review_queue": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/wydarzenia-organizacji/
    "events_staff:rhythm": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/spotkania/rytm-spotkan/
    "grant_figures:figures": (OK, OK, OK, OK, OK, OK, OK, OK),  # /konkursy/liczby/
    "grants:attachment": (GONE, GONE, OK, GONE, GONE, GONE, GONE, GONE),  # /konkursy/oferty/1/zalaczniki/1/
    "grants:attachment_delete": (LOGIN, GONE, OK, GONE, GONE, GONE, GONE, GONE),  # /konkursy/oferty/1/zalaczniki/1/usun/
    "grants:attachments": (LOGIN, GONE, OK, GONE, GONE, GONE, GONE, GONE),  # /konkursy/oferty/1/zalaczniki/
    "grants:budget_summary": (LOGIN, GONE, MOVED, GONE, GONE, GONE, MOVED, MOVED),  # /konkursy/oferty/17/budzet/podsumowanie/
    "grants:call": (OK, OK, OK, OK, OK, OK, OK, OK),  # /konkursy/kultura-w-dzielnicach-2026/
    "grants:call_ics": (OK, OK, OK, OK, OK, OK, OK, OK),  # /konkursy/kultura-w-dzielnicach-2026/termin.ics
    "grants:feed": (OK, OK, OK, OK, OK, OK, OK, OK),  # /konkursy/terminy.ics
    "grants:list": (OK, OK, OK, OK, OK, OK, OK, OK),  # /konkursy/
    "grants:my_offers": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /konkursy/moje-oferty/
    "grants:nominate": (LOGIN, DENY, OK, DENY, OK, OK, DENY, DENY),  # /konkursy/aktywizacja-seniorow-2027/zglos-do-komisji/
    "grants:offer": (GONE, GONE, OK, GONE, GONE, GONE, GONE, GONE),  # /konkursy/oferty/1/
    "grants:offer_file": (LOGIN, GONE, OK, GONE, GONE, GONE, GONE, GONE),  # /konkursy/oferty/1/zloz/
    "grants:offer_resign": (LOGIN, GONE, OK, GONE, GONE, GONE, DENY, DENY),  # /konkursy/oferty/17/rezygnacja/
    "grants:offer_section": (LOGIN, GONE, OK, GONE, GONE, GONE, GONE, GONE),  # /konkursy/oferty/1/edycja/podstawowe/
    "grants:offer_start": (LOGIN, DENY, OK, DENY, OK, OK, DENY, DENY),  # /konkursy/aktywizacja-seniorow-2027/nowa-oferta/
    "grants:offer_update": (LOGIN, GONE, OK, GONE, GONE, GONE, OK, OK),  # /konkursy/oferty/17/aktualizacja/
    "grants:offer_withdraw": (LOGIN, GONE, DENY, GONE, GONE, GONE, DENY, DENY),  # /konkursy/oferty/17/wycofaj/
    "grants:partner_decide": (LOGIN, GONE, GONE, GONE, OK, OK, DENY, DENY),  # /konkursy/oferty/5/partnerzy/1/ — B is a partner of this offer
    "grants:partners": (LOGIN, GONE, OK, GONE, GONE, GONE, GONE, GONE),  # /konkursy/oferty/1/partnerzy/
    "grants:question_ask": (LOGIN, GONE, OK, GONE, GONE, GONE, OK, OK),  # /konkursy/oferty/17/pytanie/
    "grants:receipt": (LOGIN, GONE, OK, GONE, GONE, GONE, OK, OK),  # /konkursy/oferty/17/wersje/2/potwierdzenie/
    "grants:results": (OK, OK, OK, OK, OK, OK, OK, OK),  # /konkursy/kultura-w-dzielnicach-2026/wyniki/
    "grants:version": (LOGIN, GONE, OK, GONE, GONE, GONE, OK, OK),  # /konkursy/oferty/17/wersje/2/
    "grants:version_pdf": (LOGIN, GONE, OK, GONE, GONE, GONE, OK, OK),  # /konkursy/oferty/17/wersje/2/oferta.pdf
    "grants:versions": (LOGIN, GONE, OK, GONE, GONE, GONE, OK, OK),  # /konkursy/oferty/17/wersje/
    "grants_staff:cancel": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/aktywizacja-seniorow-2027/uniewaznienie/
    "grants_staff:check_items": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/aktywizacja-seniorow-2027/ocena-formalna/wymogi/
    "grants_staff:checks": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/aktywizacja-seniorow-2027/ocena-formalna/
    "grants_staff:correct": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/aktywizacja-seniorow-2027/korekta/
    "grants_staff:create": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/nowy/
    "grants_staff:decision": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/centrum-obywatelskie-centrum-c-2027-2029/rozstrzygniecie/
    "grants_staff:edit": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/aktywizacja-seniorow-2027/
    "grants_staff:list": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/
    "grants_staff:nominations": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/aktywizacja-seniorow-2027/komisja/
    "grants_staff:offer": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/kultura-w-dzielnicach-2026/oferty/17/
    "grants_staff:offer_changes": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/kultura-w-dzielnicach-2026/oferty/17/zmiany/
    "grants_staff:offer_check": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/kultura-w-dzielnicach-2026/oferty/17/ocena-formalna/
    "grants_staff:offers": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/centrum-obywatelskie-centrum-c-2027-2029/oferty/
    "grants_staff:publish": (LOGIN, DENY, DENY, DENY, DENY, DENY, MOVED, MOVED),  # /panel/konkursy/aktywizacja-seniorow-2027/publikacja/
    "grants_staff:question_answer": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/kultura-w-dzielnicach-2026/pytania/1/
    "grants_staff:questions": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/kultura-w-dzielnicach-2026/pytania/
    "grants_staff:results_publish": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/konkursy/kultura-w-dzielnicach-2026/wyniki/publikacja/
    "identity:acs": (GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /konto/login-gov-pl/acs/
    "identity:link": (GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /konto/login-gov-pl/powiazanie/
    "identity:login": (GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /konto/login-gov-pl/logowanie/
    "identity:logout": (GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /konto/login-gov-pl/wylogowanie/
    "identity:manage": (GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /konto/login-gov-pl/
    "identity:metadata": (GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /konto/login-gov-pl/metadane/
    "identity:unlink": (GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /konto/login-gov-pl/odlacz/
    "mfa_activate_totp": (LOGIN, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED),  # /konto/dwa-etapy/aplikacja/wlacz/
    "mfa_authenticate": (LOGIN, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED),  # /konto/dwa-etapy/weryfikacja/
    "mfa_deactivate_totp": (LOGIN, GONE, GONE, GONE, GONE, GONE, MOVED, MOVED),  # /konto/dwa-etapy/aplikacja/wylacz/
    "mfa_download_recovery_codes": (LOGIN, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /konto/dwa-etapy/kody-zapasowe/pobierz/
    "mfa_generate_recovery_codes": (LOGIN, MOVED, MOVED, MOVED, OK, MOVED, MOVED, MOVED),  # /konto/dwa-etapy/kody-zapasowe/nowe/
    "mfa_index": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /konto/dwa-etapy/
    "mfa_reauthenticate": (LOGIN, MOVED, MOVED, MOVED, DENY, MOVED, OK, OK),  # /konto/dwa-etapy/potwierdz/
    "mfa_view_recovery_codes": (LOGIN, GONE, GONE, GONE, GONE, GONE, GONE, GONE),  # /konto/dwa-etapy/kody-zapasowe/
    "organizations:detail": (OK, OK, OK, OK, OK, OK, OK, OK),  # /organizacje/40-fundacja-aktywnego-seniora/
    "organizations:detail_short": (MOVED, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED, MOVED),  # /organizacje/40/
    "organizations:directory": (OK, OK, OK, OK, OK, OK, OK, OK),  # /organizacje/
    "organizations:edit": (LOGIN, DENY, OK, DENY, DENY, DENY, OK, OK),  # /organizacje/1/edytuj/
    "organizations:export": (OK, OK, OK, OK, OK, OK, OK, OK),  # /organizacje/eksport.csv
    "organizations:members": (LOGIN, DENY, OK, OK, DENY, DENY, OK, OK),  # /organizacje/1/czlonkowie/
    "organizations:mine": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /organizacje/moje/
    "organizations:register": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /organizacje/zarejestruj/
    "organizations:representatives": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /organizacje/40/reprezentacja/
    "organizations_staff:import": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/organizacje/import/
    "organizations_staff:import_job": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/organizacje/import/1/
    "organizations_staff:import_rejected": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/organizacje/import/1/odrzucone.csv
    "organizations_staff:import_template": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/organizacje/import/wzor.csv
    "organizations_staff:list": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/organizacje/
    "organizations_staff:queue": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/organizacje/do-weryfikacji/
    "organizations_staff:verify": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/organizacje/40/weryfikacja/
    "panel:audit_log": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/dziennik-zdarzen/
    "panel:index": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/
    "panel:outbox": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/poczta/
    "recommendations:detail": (OK, OK, OK, OK, OK, OK, OK, OK),  # /rekomendacje/R/2025/1/
    "recommendations:export": (OK, OK, OK, OK, OK, OK, OK, OK),  # /rekomendacje/eksport.csv
    "recommendations:tracker": (OK, OK, OK, OK, OK, OK, OK, OK),  # /rekomendacje/
    "recommendations_staff:child": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/rekomendacje/1/podrekomendacja/
    "recommendations_staff:create": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/rekomendacje/nowa/
    "recommendations_staff:edit": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/rekomendacje/6/
    "recommendations_staff:list": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/rekomendacje/
    "recommendations_staff:progress": (LOGIN, DENY, DENY, DENY, DENY, DENY, MOVED, MOVED),  # /panel/rekomendacje/6/postep/
    "reports:detail": (LOGIN, GONE, OK, GONE, GONE, GONE, OK, OK),  # /sprawozdania/5/
    "reports:filing_pdf": (LOGIN, GONE, GONE, GONE, OK, OK, OK, OK),  # /sprawozdania/1/zlozenie/1/pdf/ — a report of organization B
    "reports:index": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /sprawozdania/
    "reports:part": (LOGIN, GONE, OK, GONE, GONE, GONE, DENY, DENY),  # /sprawozdania/5/czesc/rezultaty/
    "reports_staff:contract": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/sprawozdania/umowa/1/
    "reports_staff:demand": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/sprawozdania/umowa/1/zadanie/
    "reports_staff:detail": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/sprawozdania/3/
    "reports_staff:list": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/sprawozdania/
    "reports_staff:settlement": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/sprawozdania/umowa/2/rozliczenie/
    "small_grants:detail": (OK, OK, OK, OK, OK, OK, OK, OK),  # /male-granty/22/
    "small_grants:edit": (LOGIN, GONE, OK, GONE, GONE, GONE, GONE, GONE),  # /male-granty/oferty/23/edycja/
    "small_grants:file": (LOGIN, GONE, OK, GONE, GONE, GONE, GONE, GONE),  # /male-granty/oferty/23/zloz/
    "small_grants:list": (OK, OK, OK, OK, OK, OK, OK, OK),  # /male-granty/
    "small_grants:my": (LOGIN, OK, OK, OK, OK, OK, OK, OK),  # /male-granty/moje/
    "small_grants:offer": (LOGIN, GONE, OK, GONE, GONE, GONE, GONE, GONE),  # /male-granty/oferty/23/
    "small_grants:pdf": (OK, OK, OK, OK, OK, OK, OK, OK),  # /male-granty/oferty/22/oferta.pdf — a small grant's offer is published for comments (art. 19a)
    "small_grants:receipt": (LOGIN, GONE, GONE, GONE, GONE, GONE, OK, OK),  # /male-granty/oferty/21/potwierdzenie/ (filed: the office reads its receipt)
    "small_grants:start": (LOGIN, DENY, OK, DENY, OK, OK, DENY, DENY),  # /male-granty/nowa-oferta/
    "small_grants:withdraw": (LOGIN, GONE, DENY, GONE, GONE, GONE, GONE, GONE),  # /male-granty/oferty/23/wycofaj/
    "small_grants_staff:decide": (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY),  # /panel/male-granty/21/decyzja/
    "small_grants_staff:detail": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/male-granty/21/
    "small_grants_staff:hide_comment": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/male-granty/22/komentarze/1/ukryj/
    "small_grants_staff:list": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/male-granty/
    "small_grants_staff:plans": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),  # /panel/male-granty/plany/
    "small_grants_staff:publish": (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY),  # /panel/male-granty/21/publikacja/
}

# A second URL of a pattern, in another state (the test builds it from the demo: CASE_URLS).
CASES: dict[str, tuple[object, ...]] = {
    "bodies:acts of a private team": (GONE, GONE, GONE, GONE, GONE, OK, OK, OK),  # /ciala-dialogu/zespol-programu/dokumenty/
    "bodies:detail of a private team": (GONE, GONE, GONE, GONE, GONE, OK, OK, OK),  # /ciala-dialogu/zespol-programu/
    "elections:candidacy awaiting consent": (GONE, GONE, GONE, GONE, GONE, GONE, OK, OK),  # /wybory/wybory-kdo-kultury/kandydaci/25/
    "contracts_staff:edit of a contract prepared for signing": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),
    "contracts_staff:sign of a contract prepared for signing": (LOGIN, DENY, DENY, DENY, DENY, DENY, OK, OK),
}

# Reached only by a POST form: GET answers 405 (or a refusal, or a redirect), an anonymous POST goes to the login.
# The URL tested (the first form action found) is noted for the reader.
POST_ONLY: dict[str, str] = {
    "bodies:application_withdraw": "/ciala-dialogu/wnioski/1/wycofaj/",
    "bodies_staff:post_delete": "/panel/ciala-dialogu/forum-lokalowe/ogloszenia/3/usun/",
    "commissions_staff:chair": "/panel/konkursy/centrum-obywatelskie-centrum-c-2027-2029/komisja-konkursowa/czlonkowie/2/przewodniczacy/",
    "commissions_staff:reevaluate": "/panel/konkursy/centrum-obywatelskie-centrum-c-2027-2029/komisja-konkursowa/wykluczenia/",
    "core:notification_read": "/powiadomienia/956/przeczytane/",
    "elections:support": "/wybory/wybory-kdo-kultury/kandydaci/24/poparcie/",
    "elections_staff:announce": "/panel/wybory/wybory-kdo-zdrowia/ogloszenie/",
    "elections_staff:publish": "/panel/wybory/wybory-kdo-zdrowia/publikacja/",
    "events_staff:finish": "/panel/spotkania/5/zakoncz/",
    "events_staff:publish": "/panel/spotkania/5/publikuj/",
    "organizations:invitation_revoke": "/organizacje/1/zaproszenia/1/wycofaj/",
    "organizations:invite": "/organizacje/1/zaproszenia/",
    "organizations:join": "/organizacje/40/dolacz/",
    "organizations:leave": "/organizacje/40/opusc/",
    "organizations:member_decide": "/organizacje/1/czlonkowie/5/decyzja/",
    "organizations:member_remove": "/organizacje/1/czlonkowie/1/usun/",
    "organizations:member_role": "/organizacje/1/czlonkowie/1/rola/",
    "organizations_staff:krs_fetch": "/panel/organizacje/40/weryfikacja/krs/",
    "recommendations:follow": "/rekomendacje/R/2025/1/obserwuj/",
    "recommendations_staff:note": "/panel/rekomendacje/6/notatka/",
    "recommendations_staff:status": "/panel/rekomendacje/6/status/",
    "reports:checks": "/sprawozdania/5/czesc/rezultaty/sprawdz/",
    "reports:file": "/sprawozdania/5/zloz/",
}

# Patterns without a row, and why. A page here is not tested by the matrix: prefer giving it a row (a link, or a
# URL the test can build from the demo, CASE_URLS) when it shows anything a person could be refused.
_TOKEN = "reached from a link with a one-time key sent by e-mail; the key is the permission"
_NO_STATE = "the demo has no object in the state this page needs (no link to it on any crawled page)"
NOT_REACHED: dict[str, str] = {
    "account_confirm_email": _TOKEN,
    "account_reset_password_from_key": _TOKEN,
    "organizations:invitation": _TOKEN,
    "grants:nomination_consent": _TOKEN,
    "identity:confirm": "login.gov.pl: the second step of a sign-in, reached from the identity provider only",
    "account_logout": "never requested: it would end the session of the persona (GET shows a confirmation)",
    "set_language": "the language switch: a POST any visitor may send (it only sets a cookie)",
    "media/<path:path>": "uploaded public files, served by the proxy in production; private files never live here",
    "bledy/<int:code>/": "the preview of the error pages, only in development (DEBUG or LOCAL)",
    "bodies:act_document": "the demo's acts have no uploaded file (the test of bodies covers who may download one)",
    "bodies:request_document": _NO_STATE,
    "bodies_staff:dismiss": _NO_STATE,
    "contracts:annex_pdf": "the demo has no annex",
    "contracts:annex_scan": "the demo has no annex",
    "contracts_staff:annex": "the demo has no annex",
    "contracts_staff:annex_edit": "the demo has no annex",
    "contracts_staff:annex_scan": "the demo has no annex",
    "contracts_staff:annex_sign": "the demo has no annex",
    "elections:ballots": "the ballots of an election counted in the demo are not linked; POST/GET covered in elections",
    "events:document": "the demo's meeting documents are not linked from the pages crawled",
    "events:submission_edit": _NO_STATE,
    "events:submission_withdraw": _NO_STATE,
    "events_staff:checkin_one": "a POST button of the check-in page (HTMX), with a registration in it",
    "events_staff:checkin_undo": "a POST button of the check-in page (HTMX), with a registration in it",
    "events_staff:document_delete": _NO_STATE,
    "events_staff:invitation_remove": _NO_STATE,
    "events_staff:question_delete": _NO_STATE,
    "events_staff:question_edit": _NO_STATE,
    "grants:nomination_withdraw": _NO_STATE,
    "reports:start_final": _NO_STATE,
}
NOT_REACHED_PREFIXES: dict[str, str] = {
    "admin:": "Django's admin: behind the same admin_view as admin:index (is_staff: administrators); index tested",
    "admin/": "Django's admin object pages: behind the same admin_view as admin:index (is_staff, administrators)",
}


def not_reached(key: str) -> str | None:
    """Why the pattern ``key`` has no row, or ``None`` when it must have one."""
    if key in NOT_REACHED:
        return NOT_REACHED[key]
    for prefix, reason in NOT_REACHED_PREFIXES.items():
        if key.startswith(prefix):
            return reason
    return None
