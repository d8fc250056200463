from django.urls import path

from razem.reports.views import oferent

app_name = "reports"

urlpatterns = [
    path("", oferent.index, name="index"),
    path("umowa/<int:contract_pk>/koncowe/", oferent.start_final, name="start_final"),
    path("<int:pk>/", oferent.detail, name="detail"),
    path("<int:pk>/czesc/<slug:part>/", oferent.part, name="part"),
    path("<int:pk>/czesc/<slug:part>/sprawdz/", oferent.checks, name="checks"),
    path("<int:pk>/zloz/", oferent.file, name="file"),
    path("<int:pk>/zlozenie/<int:number>/pdf/", oferent.filing_pdf, name="filing_pdf"),
]
