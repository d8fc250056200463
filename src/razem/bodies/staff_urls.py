"""Office pages for dialogue bodies, under /panel/ciala-dialogu/ (some also open to a body's chair or secretary)."""

from django.urls import path

from razem.bodies.views import staff

app_name = "bodies_staff"

# Names used elsewhere (keep them): list, create, edit (slug), members (slug), applications (slug), acts (slug),
# requests (slug), posts (slug), deadlines, dismissals (slug).
urlpatterns = [
    path("", staff.body_list, name="list"),
    path("nowe/", staff.body_create, name="create"),
    path("terminy-opinii/", staff.deadlines, name="deadlines"),
    path("<slug:slug>/", staff.body_edit, name="edit"),
    path("<slug:slug>/kadencje/", staff.terms, name="terms"),
    path("<slug:slug>/kadencje/<int:pk>/", staff.term_edit, name="term_edit"),
    path("<slug:slug>/czlonkowie/", staff.members, name="members"),
    path("<slug:slug>/czlonkowie/<int:pk>/zakoncz/", staff.member_end, name="member_end"),
    path("<slug:slug>/do-odwolania/", staff.dismissals, name="dismissals"),
    path("<slug:slug>/do-odwolania/<int:pk>/", staff.dismiss, name="dismiss"),
    path("<slug:slug>/zgloszenia/", staff.applications, name="applications"),
    path("<slug:slug>/zgloszenia/<int:pk>/", staff.application_decide, name="application_decide"),
    path("<slug:slug>/uchwaly/", staff.acts, name="acts"),
    path("<slug:slug>/prosby-o-opinie/", staff.requests, name="requests"),
    path("<slug:slug>/ogloszenia/", staff.posts, name="posts"),
    path("<slug:slug>/ogloszenia/<int:pk>/usun/", staff.post_delete, name="post_delete"),
]
