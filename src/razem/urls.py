from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from razem.accounts import views as account_views
from razem.accounts.urls import allauth_urlpatterns
from razem.core import views as core_views

urlpatterns = [
    path("", include("razem.core.urls")),
    path("konto/", include("razem.accounts.urls")),
    path("konto/", include(allauth_urlpatterns)),
    path("konto/login-gov-pl/", include("razem.identity.urls")),
    path("organizacje/", include("razem.organizations.urls")),
    path("panel/organizacje/", include("razem.organizations.staff_urls")),
    path("", include("razem.events.urls")),
    path("panel/spotkania/", include("razem.events.staff_urls")),
    path("ciala-dialogu/", include("razem.bodies.urls")),
    path("panel/ciala-dialogu/", include("razem.bodies.staff_urls")),
    path("rekomendacje/", include("razem.recommendations.urls")),
    path("panel/rekomendacje/", include("razem.recommendations.staff_urls")),
    path("wybory/", include("razem.elections.urls")),
    path("panel/wybory/", include("razem.elections.staff_urls")),
    # Grants II: the apps above grants take their addresses first ("liczby/" would otherwise be a call's slug).
    path("konkursy/liczby/", include("razem.grant_figures.urls")),
    path("konkursy/<slug:slug>/ocena/", include("razem.commissions.urls")),
    path("panel/konkursy/<slug:slug>/komisja-konkursowa/", include("razem.commissions.staff_urls")),
    path("umowy/", include("razem.contracts.urls")),
    path("panel/umowy/", include("razem.contracts.staff_urls")),
    path("sprawozdania/", include("razem.reports.urls")),
    path("panel/sprawozdania/", include("razem.reports.staff_urls")),
    path("male-granty/", include("razem.small_grants.urls")),
    path("panel/male-granty/", include("razem.small_grants.staff_urls")),
    path("panel/liczby-dotacji/", include("razem.grant_figures.staff_urls")),
    path("konkursy/", include("razem.grants.urls")),
    path("panel/konkursy/", include("razem.grants.staff_urls")),
    path("panel/", include("razem.core.panel_urls")),
    path("jezyk/", account_views.switch_language, name="set_language"),
    path("admin/", admin.site.urls),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
handler429 = "razem.core.throttle.allauth_429"  # allauth's own limits answer with our page

if settings.DEBUG or settings.LOCAL:
    # Locally (demo, development, tests) Django serves uploaded public files; in production the reverse proxy
    # serves MEDIA_ROOT (docs/deploy.md). Private files (imports) are never under MEDIA_ROOT. Either way a user's file
    # is a download, never sniffed, sandboxed (core.files.protect).
    from razem.core.files import serve_media

    urlpatterns += [
        path("bledy/<int:code>/", core_views.error_preview),
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media),
    ]
