"""login.gov.pl pages under /konto/login-gov-pl/."""

from django.urls import path

from razem.identity import views

app_name = "identity"

urlpatterns = [
    path("", views.manage, name="manage"),
    path("logowanie/", views.login, name="login"),
    path("acs/", views.acs, name="acs"),
    path("metadane/", views.metadata, name="metadata"),
    path("wylogowanie/", views.logout, name="logout"),
    path("powiazanie/", views.link, name="link"),
    path("powiazanie/<str:token>/", views.confirm, name="confirm"),
    path("odlacz/", views.unlink, name="unlink"),
]
