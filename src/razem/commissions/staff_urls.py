"""The office's pages of a call's commission, under /panel/konkursy/<slug>/komisja-konkursowa/ (``views.staff``)."""

from django.urls import path

from razem.commissions.views import staff

app_name = "commissions_staff"

urlpatterns = [
    path("", staff.commission, name="commission"),
    path("czlonkowie/<int:pk>/usun/", staff.remove, name="remove"),
    path("czlonkowie/<int:pk>/przewodniczacy/", staff.chair, name="chair"),
    path("wykluczenia/", staff.reevaluate, name="reevaluate"),
    path("ranking/", staff.ranking, name="ranking"),
    path("opinia/", staff.opinion, name="opinion"),
    path("protokol.pdf", staff.protocol_pdf, name="protocol_pdf"),
    path("opinia.pdf", staff.opinion_pdf, name="opinion_pdf"),
]
