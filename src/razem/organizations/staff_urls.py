"""City staff pages of the NGO registry, under /panel/organizacje/."""

from django.urls import path

from razem.organizations.views import staff

app_name = "organizations_staff"

# Names used elsewhere (keep them): list, verify (pk), import, import_job (pk).
urlpatterns = [
    path("", staff.organization_list, name="list"),
    path("do-weryfikacji/", staff.verification_queue, name="queue"),
    path("<int:pk>/weryfikacja/", staff.organization_verify, name="verify"),
    path("<int:pk>/weryfikacja/krs/", staff.organization_krs_fetch, name="krs_fetch"),
    path("import/", staff.import_page, name="import"),
    path("import/wzor.csv", staff.import_template, name="import_template"),
    path("import/<int:pk>/", staff.import_job, name="import_job"),
    path("import/<int:pk>/odrzucone.csv", staff.import_job_rejected, name="import_rejected"),
]
