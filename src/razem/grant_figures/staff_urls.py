from django.urls import path  # noqa: F401

app_name = "grant_figures_staff"

urlpatterns: list = []
