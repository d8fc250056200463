"""Recording recommendations and their path, under /panel/rekomendacje/ (office; a body's chair or secretary may
record the body's own recommendations)."""

from django.urls import path

from razem.recommendations.views import staff

app_name = "recommendations_staff"

# Names used elsewhere (keep them): list, create, edit (pk), status (pk), progress (pk), note (pk), child (pk).
urlpatterns = [
    path("", staff.recommendation_list, name="list"),
    path("nowa/", staff.recommendation_create, name="create"),
    path("<int:pk>/", staff.recommendation_edit, name="edit"),
    path("<int:pk>/status/", staff.status, name="status"),
    path("<int:pk>/postep/", staff.progress, name="progress"),
    path("<int:pk>/notatka/", staff.note, name="note"),
    path("<int:pk>/podrekomendacja/", staff.child, name="child"),
]
