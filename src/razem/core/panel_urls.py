from django.urls import path

from razem.core import views

app_name = "panel"

urlpatterns = [
    path("", views.panel, name="index"),
    path("dziennik-zdarzen/", views.audit_log, name="audit_log"),
    path("poczta/", views.outbox, name="outbox"),
]
