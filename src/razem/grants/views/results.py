"""The decision, the results, questions and the update after a partial award: to be built."""

from django.http import Http404, HttpRequest, HttpResponse


def decision(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def results_publish(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def questions(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def question_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    raise Http404


def results(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def question_ask(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404


def offer_update(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404


def offer_resign(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404
