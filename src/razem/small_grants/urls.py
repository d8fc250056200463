"""Public and oferent pages of small grants, under /male-granty/.

The public list and each published offer with its comments (views/public.py); the oferent's pages: my small grants,
starting an offer, its page, the editor, filing, the receipt, the PDF, withdrawing (views/oferent.py)."""

from django.urls import path

from razem.small_grants.views import oferent, public

app_name = "small_grants"

urlpatterns = [
    path("", public.public_list, name="list"),
    path("<int:pk>/", public.public_detail, name="detail"),
    path("moje/", oferent.my_small_grants, name="my"),
    path("nowa-oferta/", oferent.offer_start, name="start"),
    path("oferty/<int:pk>/", oferent.offer_page, name="offer"),
    path("oferty/<int:pk>/edycja/", oferent.offer_edit, name="edit"),
    path("oferty/<int:pk>/zloz/", oferent.offer_file, name="file"),
    path("oferty/<int:pk>/potwierdzenie/", oferent.receipt, name="receipt"),
    path("oferty/<int:pk>/oferta.pdf", oferent.offer_pdf, name="pdf"),
    path("oferty/<int:pk>/wycofaj/", oferent.offer_withdraw, name="withdraw"),
]
