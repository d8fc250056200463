"""City staff pages of the meetings module, under /panel/spotkania/."""

from django.urls import path, re_path

from razem.events.views import staff
from razem.events.views import staff_attendance as attendance

app_name = "events_staff"

# Names used elsewhere (keep them): list, create, rhythm, review_queue, review (pk), detail (pk), edit (pk),
# checkin (pk), registrations (pk), members_attendance (pk).
urlpatterns = [
    path("", staff.meeting_list, name="list"),
    path("nowe/", staff.meeting_create, name="create"),
    path("rytm-spotkan/", staff.rhythm, name="rhythm"),
    path("wydarzenia-organizacji/", staff.review_queue, name="review_queue"),
    path("wydarzenia-organizacji/<int:pk>/", staff.review, name="review"),
    path("<int:pk>/", staff.meeting_detail, name="detail"),
    path("<int:pk>/edycja/", staff.meeting_edit, name="edit"),
    path("<int:pk>/publikuj/", staff.meeting_publish, name="publish"),
    path("<int:pk>/odwolaj/", staff.meeting_cancel, name="cancel"),
    path("<int:pk>/kopiuj/", staff.meeting_copy, name="copy"),
    path("<int:pk>/zakoncz/", staff.meeting_finish, name="finish"),
    path("<int:pk>/pytania/", staff.questions, name="questions"),
    path("<int:pk>/pytania/<int:question_pk>/", staff.question_edit, name="question_edit"),
    path("<int:pk>/pytania/<int:question_pk>/usun/", staff.question_delete, name="question_delete"),
    path("<int:pk>/zaproszenia/", staff.invitations, name="invitations"),
    path("<int:pk>/zaproszenia/<int:invitation_pk>/usun/", staff.invitation_remove, name="invitation_remove"),
    path("<int:pk>/zapisy/", attendance.registrations, name="registrations"),
    re_path(
        r"^(?P<pk>[0-9]+)/zapisy\.(?P<fmt>csv|xlsx)$",
        attendance.registrations_export,
        name="registrations_export",
    ),
    path(
        "<int:pk>/zapisy/<int:registration_pk>/anuluj/",
        attendance.registration_cancel,
        name="registration_cancel",
    ),
    path("<int:pk>/obecnosc/", attendance.checkin, name="checkin"),
    path("<int:pk>/obecnosc/czlonkowie/", attendance.members_attendance, name="members_attendance"),
    path("<int:pk>/obecnosc/<int:registration_pk>/", attendance.checkin_one, name="checkin_one"),
    path("<int:pk>/obecnosc/<int:registration_pk>/cofnij/", attendance.checkin_undo, name="checkin_undo"),
    path("<int:pk>/dokumenty/", staff.documents, name="documents"),
    path("<int:pk>/dokumenty/<int:document_pk>/usun/", staff.document_delete, name="document_delete"),
]
