"""(Being written.)"""

from typing import Any

from django.http import HttpRequest, HttpResponse


def acts(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def application_decide(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def applications(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def body_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def body_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def body_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def deadlines(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def member_end(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def members(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def post_delete(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def posts(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def requests(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def term_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def terms(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError
