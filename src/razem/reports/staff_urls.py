from django.urls import path

from razem.reports.views import staff

app_name = "reports_staff"

urlpatterns = [
    path("", staff.report_list, name="list"),
    path("<int:pk>/", staff.review, name="detail"),
    path("umowa/<int:contract_pk>/", staff.contract_reports, name="contract"),
    path("umowa/<int:contract_pk>/zadanie/", staff.demand, name="demand"),
    path("umowa/<int:contract_pk>/rozliczenie/", staff.settlement, name="settlement"),
]
