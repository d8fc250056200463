"""The request of a ``@login_required`` view, whose user is a ``User`` (for type annotations only)."""

from razem.accounts.models import User
from razem.core.http import HtmxHttpRequest


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User
