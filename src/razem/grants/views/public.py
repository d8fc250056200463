from django.http import Http404, HttpRequest, HttpResponse


def call_list(request: HttpRequest) -> HttpResponse:
    raise Http404


def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404
