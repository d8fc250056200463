from django.http import Http404, HttpRequest, HttpResponse


def call_list(request: HttpRequest) -> HttpResponse:
    raise Http404
