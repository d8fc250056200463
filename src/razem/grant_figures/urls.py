"""Public pages of the grant figures, under /konkursy/liczby/."""

from django.urls import path

from razem.grant_figures.views import public

app_name = "grant_figures"

urlpatterns = [
    path("", public.figures, name="figures"),
]
