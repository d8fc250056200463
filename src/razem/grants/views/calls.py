"""Public pages of calls for offers (stubs until the calls helper writes them)."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


call_list = deadlines_feed = call_detail = call_ics = nominate = nomination_withdraw = nomination_consent = _missing
