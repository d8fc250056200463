from django.urls import path

from razem.grants.views import public

app_name = "grants"

urlpatterns = [
    path("", public.call_list, name="list"),
    path("<slug:slug>/", public.call_detail, name="call"),
    path("oferty/<int:pk>/", public.offer_detail, name="offer"),
]
