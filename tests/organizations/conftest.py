"""Fixtures of the NGO registry tests. The organizations, their people, ``reference_data``, ``english`` and
``media_root`` are shared by every app's tests: see ``tests/fixtures.py`` (and ``tests/factories.py`` for
``make_organization`` / ``add_membership``).

- ``organization_urls``: the URL names the services link to (organizations:detail, :members, :invitation,
  organizations_staff:verify). It uses the real URLconf when it has them (and imports), else a stub with those
  names only.
"""

import sys
import types

import pytest
from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

# URL names the services put into notifications and e-mails.

_LINKED = [
    ("organizations:detail", {"pk": 1, "slug": "o"}),
    ("organizations:members", {"pk": 1}),
    ("organizations:invitation", {"token": "t"}),
    ("organizations_staff:verify", {"pk": 1}),
]


def _stub_urlconf() -> types.ModuleType:
    def page(request, **kwargs):
        return HttpResponse()

    public = [
        path("<int:pk>-<slug:slug>/", page, name="detail"),
        path("<int:pk>/czlonkowie/", page, name="members"),
        path("zaproszenie/<str:token>/", page, name="invitation"),
    ]
    staff = [path("<int:pk>/weryfikacja/", page, name="verify")]
    module = types.ModuleType("tests.organizations.stub_urls")
    module.urlpatterns = [
        path("organizacje/", include((public, "organizations"))),
        path("panel/organizacje/", include((staff, "organizations_staff"))),
    ]
    sys.modules[module.__name__] = module
    return module


@pytest.fixture
def organization_urls(settings) -> None:
    try:
        for name, kwargs in _LINKED:
            reverse(name, kwargs=kwargs)
    except (NoReverseMatch, ImportError):  # the pages are written in parallel: their URLconf may be half-done
        settings.ROOT_URLCONF = _stub_urlconf().__name__
