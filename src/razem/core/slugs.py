"""Old links keep working: a page found by its slug answers 301 to the current address after the slug changed.

- ``keeps_old_slugs`` (a class decorator on a model with a ``slug`` field) records the slug an object had before
  whenever a save changes it, however it is saved (a service, the admin, a data migration calling ``remember``).
- ``get_by_slug_or_404(queryset, slug)`` is the lookup of views: the object with the slug, else, when an object of
  that queryset once had it, ``SlugMoved``, which ``SlugRedirectMiddleware`` answers with a 301 to the same page of
  the current slug (the rest of the path and the query string kept; 308 for other methods than GET and HEAD, so a
  form posted to an old address is not silently turned into a GET). Without the middleware it is an ordinary 404.
  ``core.access.get_visible_or_404(..., slug=...)`` goes through it and checks the view permission on the object
  found before telling where it went.

Pages addressed by ``<pk>-<slug>`` (meetings, organizations) need none of this: their views answer a wrong slug with
a 301 to the canonical address already.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.signals import post_save, pre_save
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, reverse

from razem.core.models import SlugRedirect


class SlugMoved(Http404):
    """The slug asked for is an old one of an object that now has ``new``."""

    def __init__(self, old: str, new: str) -> None:
        super().__init__(f"The address fragment {old!r} is now {new!r}.")
        self.old = old
        self.new = new

    def location(self, request: HttpRequest) -> str:
        """The same page under the new slug: the same URL pattern reversed, or the path with the segment replaced."""
        match = request.resolver_match
        url = ""
        if match is not None and match.kwargs.get("slug") == self.old:
            try:
                url = reverse(match.view_name, args=match.args, kwargs={**match.kwargs, "slug": self.new})
            except NoReverseMatch:
                url = ""
        if not url:
            url = "/".join(self.new if part == self.old else part for part in request.path.split("/"))
        query = request.META.get("QUERY_STRING", "")
        return f"{url}?{query}" if query else url

    def response(self, request: HttpRequest) -> HttpResponse:
        location = self.location(request)
        if request.method in ("GET", "HEAD"):
            return HttpResponsePermanentRedirect(location)
        response = HttpResponsePermanentRedirect(location)
        response.status_code = 308
        return response


class SlugRedirectMiddleware:
    """Turns ``SlugMoved`` raised by a view into the redirect to the current address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, SlugMoved):
            return exception.response(request)
        return None


def moved_object[M: models.Model](queryset: models.QuerySet[M], slug: str, **lookup: Any) -> M | None:
    """The object of ``queryset`` (narrowed by ``lookup``) that once had ``slug``, if any."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    object_id = (
        SlugRedirect.objects.filter(content_type=content_type, old_slug=slug)
        .values_list("object_id", flat=True)
        .first()
    )
    if object_id is None:
        return None
    return queryset.filter(pk=object_id, **lookup).first()


def get_by_slug_or_404[M: models.Model](
    queryset: models.QuerySet[M], slug: str, *, visible: Callable[[M], bool] | None = None, **lookup: Any
) -> M:
    """The object with ``slug``; else ``SlugMoved`` when one (that ``visible`` allows, if given) had it; else 404.

    ``visible`` is checked only on a moved object: the caller checks the object returned as it did before.
    """
    try:
        return queryset.get(slug=slug, **lookup)
    except ObjectDoesNotExist:
        pass
    target = moved_object(queryset, slug, **lookup)
    if target is None or (visible is not None and not visible(target)):
        raise Http404(f"No {queryset.model._meta.object_name} matches the given query.")
    raise SlugMoved(slug, target.slug)  # type: ignore[attr-defined]


def remember(obj: models.Model, old_slug: str) -> None:
    """Record that ``obj`` had ``old_slug`` (nothing when it still has it or had none)."""
    new_slug = getattr(obj, "slug", "")
    if not old_slug or old_slug == new_slug or obj.pk is None:
        return
    content_type = ContentType.objects.get_for_model(obj)
    SlugRedirect.objects.update_or_create(content_type=content_type, old_slug=old_slug, defaults={"object_id": obj.pk})
    # The current slug is live again: an older redirect under it (a round trip A -> B -> A) is not needed.
    SlugRedirect.objects.filter(content_type=content_type, old_slug=new_slug).delete()


_OLD = "_slug_before_save"


def _before_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if raw or instance.pk is None or (update_fields is not None and "slug" not in update_fields):
        return
    old = sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    setattr(instance, _OLD, old or "")


def _after_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    old = instance.__dict__.pop(_OLD, "")
    if not raw and old:
        remember(instance, old)


def keeps_old_slugs[T: type[models.Model]](model: T) -> T:
    """Class decorator: a change of the model's ``slug`` leaves a ``SlugRedirect`` from the old one."""
    uid = f"razem.core.slugs:{model._meta.label_lower}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}:pre", weak=False)
    post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}:post", weak=False)
    return model
