"""The oferent's pages of a contract, under /umowy/ (views/public.py)."""

from django.urls import path

from razem.contracts.views import public

app_name = "contracts"

urlpatterns = [
    path("<int:pk>/", public.contract_detail, name="detail"),
    path("<int:pk>/umowa.pdf", public.contract_pdf, name="pdf"),
    path("<int:pk>/skan/", public.contract_scan, name="scan"),
    path("<int:pk>/aneksy/<int:number>/aneks.pdf", public.annex_pdf, name="annex_pdf"),
    path("<int:pk>/aneksy/<int:number>/skan/", public.annex_scan, name="annex_scan"),
]
