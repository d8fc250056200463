from django.urls import path  # noqa: F401

app_name = "small_grants"

urlpatterns: list = []
