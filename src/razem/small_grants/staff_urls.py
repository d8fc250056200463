"""Office pages of small grants, under /panel/male-granty/ (views/staff.py)."""

from django.urls import path

from razem.small_grants.views import staff

app_name = "small_grants_staff"

urlpatterns = [
    path("", staff.office_list, name="list"),
    path("plany/", staff.plans, name="plans"),
    path("<int:pk>/", staff.office_detail, name="detail"),
    path("<int:pk>/publikacja/", staff.publish, name="publish"),
    path("<int:pk>/decyzja/", staff.decide, name="decide"),
    path("<int:pk>/komentarze/<int:comment_pk>/ukryj/", staff.hide_comment, name="hide_comment"),
]
