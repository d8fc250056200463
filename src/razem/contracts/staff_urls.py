from django.urls import path  # noqa: F401

app_name = "contracts_staff"

urlpatterns: list = []
