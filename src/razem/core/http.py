"""Request types for view annotations; at run time they are the ordinary ``HttpRequest``.

``HtmxHttpRequest`` carries ``request.htmx`` (set by django-htmx's middleware). The request of a signed-in view,
whose user is a ``User``, is ``razem.accounts.http.AuthenticatedHttpRequest``.
"""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
