from django.urls import path  # noqa: F401

app_name = "commissions_staff"

urlpatterns: list = []
