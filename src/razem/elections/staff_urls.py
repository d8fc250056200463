"""Office pages of elections, under /panel/wybory/."""

from django.urls import path

from razem.elections.views import staff

app_name = "elections_staff"

# Names used elsewhere (keep them): list, create, edit (slug), candidacies (slug), voters (slug), paper (slug).
urlpatterns = [
    path("", staff.election_list, name="list"),
    path("nowe/", staff.election_create, name="create"),
    path("<slug:slug>/", staff.election_edit, name="edit"),
    path("<slug:slug>/ogloszenie/", staff.announce, name="announce"),
    path("<slug:slug>/listy/", staff.lists, name="lists"),
    path("<slug:slug>/kandydatury/", staff.candidacies, name="candidacies"),
    path("<slug:slug>/kandydatury/<int:pk>/", staff.candidacy_verify, name="candidacy_verify"),
    path("<slug:slug>/otwarcie-glosowania/", staff.freeze, name="freeze"),
    path("<slug:slug>/glosujacy/", staff.voters, name="voters"),
    path("<slug:slug>/karty-papierowe/", staff.paper, name="paper"),
    path("<slug:slug>/liczenie/", staff.count, name="count"),
    path("<slug:slug>/losowanie/", staff.tie, name="tie"),
    path("<slug:slug>/publikacja/", staff.publish, name="publish"),
    path("<slug:slug>/wybrani/", staff.elected, name="elected"),
]
