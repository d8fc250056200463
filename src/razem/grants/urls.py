"""Public and oferent pages of grants, under /konkursy/.

Calls (views/calls.py); the offer editor (views/offers.py, sections.py, partners.py, attachments.py); filing,
versions, receipts and PDFs (views/filing.py)."""

from django.urls import path

from razem.grants.views import attachments, calls, filing, offers, partners, results, sections

app_name = "grants"

urlpatterns = [
    # Calls (views/calls.py)
    path("", calls.call_list, name="list"),
    path("moje-oferty/", offers.my_offers, name="my_offers"),
    path("terminy.ics", calls.deadlines_feed, name="feed"),
    path("<slug:slug>/", calls.call_detail, name="call"),
    path("<slug:slug>/termin.ics", calls.call_ics, name="call_ics"),
    path("<slug:slug>/wyniki/", results.results, name="results"),
    path("<slug:slug>/zglos-do-komisji/", calls.nominate, name="nominate"),
    path("<slug:slug>/zglos-do-komisji/<int:pk>/wycofaj/", calls.nomination_withdraw, name="nomination_withdraw"),
    path("komisja/zgoda/<str:token>/", calls.nomination_consent, name="nomination_consent"),
    # The offer editor (views/offers.py, sections.py, partners.py, attachments.py); "moje-oferty/" is at the top,
    # above the call's slug, which would take it
    path("<slug:slug>/nowa-oferta/", offers.offer_start, name="offer_start"),
    path("oferty/<int:pk>/", offers.offer_detail, name="offer"),
    path("oferty/<int:pk>/edycja/<str:section>/", sections.offer_section, name="offer_section"),
    path("oferty/<int:pk>/budzet/podsumowanie/", sections.budget_summary, name="budget_summary"),
    path("oferty/<int:pk>/partnerzy/", partners.partners, name="partners"),
    path("oferty/<int:pk>/partnerzy/<int:partner_pk>/", partners.partner_decide, name="partner_decide"),
    path("oferty/<int:pk>/zalaczniki/", attachments.attachments, name="attachments"),
    path("oferty/<int:pk>/zalaczniki/<int:attachment_pk>/", attachments.attachment_download, name="attachment"),
    path(
        "oferty/<int:pk>/zalaczniki/<int:attachment_pk>/usun/", attachments.attachment_delete, name="attachment_delete"
    ),
    # Filing, versions, receipt, PDF (views/filing.py)
    path("oferty/<int:pk>/zloz/", filing.offer_file, name="offer_file"),
    path("oferty/<int:pk>/wycofaj/", filing.offer_withdraw, name="offer_withdraw"),
    path("oferty/<int:pk>/wersje/", filing.versions, name="versions"),
    path("oferty/<int:pk>/wersje/<int:number>/", filing.version_detail, name="version"),
    path("oferty/<int:pk>/wersje/<int:number>/potwierdzenie/", filing.receipt, name="receipt"),
    path("oferty/<int:pk>/wersje/<int:number>/oferta.pdf", filing.version_pdf, name="version_pdf"),
    # After the decision (views/results.py)
    path("oferty/<int:pk>/pytanie/", results.question_ask, name="question_ask"),
    path("oferty/<int:pk>/aktualizacja/", results.offer_update, name="offer_update"),
    path("oferty/<int:pk>/rezygnacja/", results.offer_resign, name="offer_resign"),
]
