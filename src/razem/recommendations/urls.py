"""The public recommendations tracker, under /rekomendacje/."""

from django.urls import path, re_path

from razem.recommendations.views import public

app_name = "recommendations"

# Names used elsewhere (keep them): tracker, export, detail (number), follow (number).
urlpatterns = [
    path("", public.tracker, name="tracker"),
    re_path(r"^eksport\.csv$", public.export, name="export"),
    path("<path:number>/obserwuj/", public.follow, name="follow"),
    path("<path:number>/", public.detail, name="detail"),
]
