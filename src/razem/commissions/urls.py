"""The members' pages, under /konkursy/<slug>/ocena/ (``views.members``); ``/konkursy/komisje/ocena/`` lists the
person's commissions."""

from django.urls import path

from razem.commissions.views import members

app_name = "commissions"

urlpatterns = [
    path("", members.home, name="home"),
    path("deklaracja/", members.declaration, name="declaration"),
    path("oferty/<int:pk>/", members.offer, name="offer"),
    path("oferty/<int:pk>/zalaczniki/<int:attachment_pk>/", members.attachment, name="attachment"),
]
