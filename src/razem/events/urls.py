"""Public and personal pages of the meetings module: /kalendarz/ and the person's registrations under /konto/zapisy/."""

from django.urls import path

from razem.events.views import account, ngo, public

app_name = "events"

# Names used elsewhere (keep them): calendar, month, feed, detail (pk, slug), meeting_ics (pk), register (pk),
# document (pk, document_pk), submit, submission_edit (pk), submission_withdraw (pk), organization_submissions (pk),
# my_registrations, registration (code), registration_cancel (code), registration_qr (code), certificate (code).
urlpatterns = [
    path("kalendarz/", public.calendar, name="calendar"),
    path("kalendarz/miesiac/", public.month, name="month"),
    path("kalendarz/kalendarz.ics", public.feed, name="feed"),
    path("kalendarz/<int:pk>-<slug:slug>/", public.detail, name="detail"),
    path("kalendarz/<int:pk>/", public.detail_without_slug, name="detail_short"),
    path("kalendarz/<int:pk>/wydarzenie.ics", public.meeting_ics, name="meeting_ics"),
    path("kalendarz/<int:pk>/zapis/", public.register, name="register"),
    path("kalendarz/<int:pk>/dokumenty/<int:document_pk>/", public.document, name="document"),
    path("kalendarz/zglos-wydarzenie/", ngo.submit, name="submit"),
    path("kalendarz/zgloszone/<int:pk>/edycja/", ngo.submission_edit, name="submission_edit"),
    path("kalendarz/zgloszone/<int:pk>/wycofaj/", ngo.submission_withdraw, name="submission_withdraw"),
    path("organizacje/<int:pk>/wydarzenia/", ngo.organization_submissions, name="organization_submissions"),
    path("konto/zapisy/", account.my_registrations, name="my_registrations"),
    path("konto/zapisy/<str:code>/", account.registration, name="registration"),
    path("konto/zapisy/<str:code>/anuluj/", account.registration_cancel, name="registration_cancel"),
    path("konto/zapisy/<str:code>/kod-qr.svg", account.registration_qr, name="registration_qr"),
    path("konto/zapisy/<str:code>/zaswiadczenie.pdf", account.certificate, name="certificate"),
]
