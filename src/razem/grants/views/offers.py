"""Public pages of calls for offers (stubs until the calls helper writes them)."""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


my_offers = offer_start = offer_detail = offer_section = budget_summary = partners = partner_decide = attachments = (
    attachment_download
) = attachment_delete = _missing
