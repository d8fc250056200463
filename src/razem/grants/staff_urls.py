"""Office pages of grants, under /panel/konkursy/.

Calls and nominations (views/staff_calls.py); the offers of a call and their export (views/staff_offers.py)."""

from django.urls import path

from razem.grants.views import results, staff_calls, staff_checks, staff_offers

app_name = "grants_staff"

urlpatterns = [
    # Calls (views/staff_calls.py)
    path("", staff_calls.call_list, name="list"),
    path("nowy/", staff_calls.call_create, name="create"),
    path("<slug:slug>/", staff_calls.call_edit, name="edit"),
    path("<slug:slug>/publikacja/", staff_calls.call_publish, name="publish"),
    path("<slug:slug>/korekta/", staff_calls.call_correct, name="correct"),
    path("<slug:slug>/uniewaznienie/", staff_calls.call_cancel, name="cancel"),
    path("<slug:slug>/komisja/", staff_calls.nominations, name="nominations"),
    # Offers of a call (views/staff_offers.py)
    path("<slug:slug>/oferty/", staff_offers.offer_list, name="offers"),
    path("<slug:slug>/oferty/<int:pk>/", staff_offers.offer_detail, name="offer"),
    path("<slug:slug>/oferty/<int:pk>/zmiany/", staff_offers.offer_changes, name="offer_changes"),
    # The formal check (views/staff_checks.py)
    path("<slug:slug>/ocena-formalna/", staff_checks.checks, name="checks"),
    path("<slug:slug>/ocena-formalna/wymogi/", staff_checks.check_items, name="check_items"),
    path("<slug:slug>/oferty/<int:pk>/ocena-formalna/", staff_checks.offer_check, name="offer_check"),
    # The decision, the results and the questions (views/results.py)
    path("<slug:slug>/rozstrzygniecie/", results.decision, name="decision"),
    path("<slug:slug>/wyniki/publikacja/", results.results_publish, name="results_publish"),
    path("<slug:slug>/pytania/", results.questions, name="questions"),
    path("<slug:slug>/pytania/<int:pk>/", results.question_answer, name="question_answer"),
]
