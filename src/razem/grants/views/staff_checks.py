"""The formal check in the office (under /panel/konkursy/<slug>/ocena-formalna/): to be built."""

from django.http import Http404, HttpRequest, HttpResponse


def checks(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def check_items(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def offer_check(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    raise Http404
