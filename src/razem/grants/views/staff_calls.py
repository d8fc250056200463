"""Public pages of calls for offers (stubs until the calls helper writes them)."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


call_list = call_create = call_edit = call_publish = call_correct = call_cancel = nominations = _missing
