"""Public and member pages of dialogue bodies, under /ciala-dialogu/."""

from django.urls import path

from razem.bodies.views import public

app_name = "bodies"

# Names used elsewhere (keep them): list, detail (slug), workspace (slug), apply (slug), act_document (slug, pk),
# post_file (slug, pk), request_document (slug, pk), application_withdraw (pk), mine.
urlpatterns = [
    path("", public.body_list, name="list"),
    path("moje/", public.mine, name="mine"),
    path("wnioski/<int:pk>/wycofaj/", public.application_withdraw, name="application_withdraw"),
    path("<slug:slug>/", public.detail, name="detail"),
    path("<slug:slug>/czlonkowie/historia/", public.history, name="history"),
    path("<slug:slug>/regulamin/", public.regulations, name="regulations"),
    path("<slug:slug>/dokumenty/", public.acts, name="acts"),
    path("<slug:slug>/dokumenty/<int:pk>/plik/", public.act_document, name="act_document"),
    path("<slug:slug>/przestrzen-robocza/", public.workspace, name="workspace"),
    path("<slug:slug>/przestrzen-robocza/<int:pk>/plik/", public.post_file, name="post_file"),
    path("<slug:slug>/prosby-o-opinie/<int:pk>/plik/", public.request_document, name="request_document"),
    path("<slug:slug>/dolacz/", public.apply, name="apply"),
]
