from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from razem.accounts.urls import allauth_urlpatterns
from razem.core import views as core_views

urlpatterns = [
    path("", include("razem.core.urls")),
    path("konto/", include("razem.accounts.urls")),
    path("konto/", include(allauth_urlpatterns)),
    path("panel/", include("razem.core.panel_urls")),
    path("jezyk/", core_views.switch_language, name="set_language"),
    path("admin/", admin.site.urls),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error

if settings.DEBUG or settings.LOCAL:
    urlpatterns += [path("bledy/<int:code>/", core_views.error_preview)]
