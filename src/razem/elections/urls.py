"""Public and voter pages of elections, under /wybory/."""

from django.urls import path, re_path

from razem.elections.views import public

app_name = "elections"

# Names used elsewhere (keep them): list, detail (slug), nominate (slug), candidacy (slug, pk), consent (slug, pk),
# support (slug, pk), vote (slug), ballots (slug, fmt), check (slug), results (slug), protocol (slug).
urlpatterns = [
    path("", public.election_list, name="list"),
    path("<slug:slug>/", public.detail, name="detail"),
    path("<slug:slug>/zglos-kandydata/", public.nominate, name="nominate"),
    path("<slug:slug>/kandydaci/<int:pk>/", public.candidacy, name="candidacy"),
    path("<slug:slug>/kandydaci/<int:pk>/zdjecie/", public.photo, name="photo"),
    path("<slug:slug>/kandydaci/<int:pk>/zgoda/", public.consent, name="consent"),
    path("<slug:slug>/kandydaci/<int:pk>/poparcie/", public.support, name="support"),
    path("<slug:slug>/glosuj/", public.vote, name="vote"),
    re_path(r"^(?P<slug>[-a-zA-Z0-9_]+)/karty\.(?P<fmt>json|csv)$", public.ballots, name="ballots"),
    path("<slug:slug>/sprawdz-glos/", public.check, name="check"),
    path("<slug:slug>/wyniki/", public.results, name="results"),
    path("<slug:slug>/protokol.pdf", public.protocol, name="protocol"),
]
