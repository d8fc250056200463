"""The office's pages of contracts, under /panel/umowy/ (views/staff.py, views/annexes.py)."""

from django.urls import path

from razem.contracts.views import annexes, staff

app_name = "contracts_staff"

urlpatterns = [
    path("", staff.contract_list, name="list"),
    path("nowa/<int:offer_pk>/", staff.contract_prepare, name="prepare"),
    path("<int:pk>/", staff.contract_detail, name="detail"),
    path("<int:pk>/edycja/", staff.contract_edit, name="edit"),
    path("<int:pk>/podpisanie/", staff.contract_sign, name="sign"),
    path("<int:pk>/skan/", staff.contract_scan, name="scan"),
    path("<int:pk>/rozwiazanie/", staff.contract_terminate, name="terminate"),
    path("<int:pk>/aneksy/nowy/", annexes.annex_create, name="annex_create"),
    path("<int:pk>/aneksy/<int:number>/", annexes.annex_detail, name="annex"),
    path("<int:pk>/aneksy/<int:number>/edycja/", annexes.annex_edit, name="annex_edit"),
    path("<int:pk>/aneksy/<int:number>/podpisanie/", annexes.annex_sign, name="annex_sign"),
    path("<int:pk>/aneksy/<int:number>/skan/", annexes.annex_scan, name="annex_scan"),
]
