from django.urls import path

from razem.core import health, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("zdrowie/", health.health, name="health"),
    path("deklaracja-dostepnosci/", views.accessibility, name="accessibility"),
    path("ochrona-danych/", views.privacy, name="privacy"),
    path("kontakt/", views.contact, name="contact"),
    path("powiadomienia/", views.notification_list, name="notifications"),
    path("powiadomienia/<int:pk>/przeczytane/", views.notification_read, name="notification_read"),
    path("powiadomienia/wszystkie-przeczytane/", views.notification_read_all, name="notification_read_all"),
]
