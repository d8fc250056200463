"""Public and member pages of the NGO registry, under /organizacje/."""

from django.urls import path, re_path

from razem.organizations.views import members, public, representatives

app_name = "organizations"

# Names used elsewhere (keep them): directory, detail (pk, slug), register, edit (pk), members (pk),
# invitation (token), mine.
urlpatterns = [
    path("", public.directory, name="directory"),
    re_path(r"^eksport\.(?P<fmt>csv|xlsx)$", public.export, name="export"),
    path("zarejestruj/", public.register, name="register"),
    path("moje/", members.mine, name="mine"),
    path("zaproszenie/<str:token>/", members.invitation, name="invitation"),
    path("<int:pk>-<slug:slug>/", public.detail, name="detail"),
    path("<int:pk>/", public.detail_without_slug, name="detail_short"),
    path("<int:pk>/edytuj/", public.edit, name="edit"),
    path("<int:pk>/dolacz/", members.join, name="join"),
    path("<int:pk>/opusc/", members.leave, name="leave"),
    path("<int:pk>/czlonkowie/", members.members, name="members"),
    path("<int:pk>/czlonkowie/<int:membership_pk>/rola/", members.member_role, name="member_role"),
    path("<int:pk>/czlonkowie/<int:membership_pk>/usun/", members.member_remove, name="member_remove"),
    path("<int:pk>/czlonkowie/<int:membership_pk>/decyzja/", members.member_decide, name="member_decide"),
    path("<int:pk>/zaproszenia/", members.invite, name="invite"),
    path("<int:pk>/zaproszenia/<int:invitation_pk>/wycofaj/", members.invitation_revoke, name="invitation_revoke"),
    path("<int:pk>/reprezentacja/", representatives.representatives, name="representatives"),
]
