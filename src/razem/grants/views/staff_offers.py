"""Public pages of calls for offers (stubs until the calls helper writes them)."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


offer_list = offer_detail = offer_changes = _missing
