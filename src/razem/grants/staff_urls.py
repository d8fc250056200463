from django.urls import path

from razem.grants.views import staff

app_name = "grants_staff"

urlpatterns = [
    path("", staff.call_list, name="list"),
]
