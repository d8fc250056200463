"""Request types for view annotations; at run time they are the ordinary ``HttpRequest``.

``HtmxHttpRequest`` carries ``request.htmx`` (set by django-htmx's middleware);
``AuthenticatedHttpRequest`` is the request of a ``@login_required`` view, whose user is a ``User``.
"""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from razem.accounts.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User
