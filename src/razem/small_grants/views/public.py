"""The public pages of small grants (/male-granty/): the offers in their comment period and the past ones, and each
published offer with its content, its comments and the comment form (open to anyone within the period).

The comment form has a honeypot (a field people do not see, bots fill) and a soft limit of comments per visitor's
address in a short time; both refuse quietly with a message, saving nothing."""

from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from razem.core.audit import client_ip
from razem.core.forms import add_service_error
from razem.core.history import history_of
from razem.core.pagination import paginate
from razem.core.permissions import why_not
from razem.small_grants import pdf, selectors
from razem.small_grants.forms import CommentForm
from razem.small_grants.services.comments import comment_add

COMMENT = "small_grants.comment_offer"
PAGE_SIZE = 20
# At most BURST comments from one address within WINDOW seconds (a guard against floods, not a rule of law).
BURST = 5
WINDOW = 600


def public_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "open": list(selectors.public_open(today)),
        "past": paginate(selectors.public_past(today), request.GET.get("strona"), PAGE_SIZE),
        "today": today,
    }
    return render(request, "small_grants/list.html", context)


def _too_many(request: HttpRequest) -> bool:
    key = f"small_grants:comments:{client_ip(request) or 'unknown'}"
    count = cache.get(key, 0)
    if count >= BURST:
        return True
    cache.set(key, count + 1, WINDOW)
    return False


@require_http_methods(["GET", "POST"])
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(selectors.public_detail(), pk=pk)
    if not request.user.has_perm("small_grants.view_public", offer):
        raise Http404
    small_grant = offer.small_grant
    signed_in = request.user.is_authenticated
    form = CommentForm(request.POST if request.method == "POST" else None, signed_in=signed_in)
    if request.method == "POST":
        if form.is_bot() or _too_many(request):
            messages.error(request, _("Your comment could not be accepted. Try again later."))
            return redirect(small_grant.get_absolute_url() + "#comment-form")
        if form.is_valid():
            try:
                comment_add(
                    actor=request.user,
                    offer=offer,
                    text=form.cleaned_data["text"],
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    request=request,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Thank you: your comment is published below."))
                return redirect(small_grant.get_absolute_url() + "#comments")
    version = offer.current_version
    context: dict[str, Any] = {
        "offer": offer,
        "small_grant": small_grant,
        "c": version.content if version else {},
        "p": pdf.presented(version.content) if version else {},
        "comments": list(selectors.visible_comments(small_grant)),
        "form": form,
        "comment_refusal": why_not(request.user, COMMENT, offer),
        "history": history_of(offer, public=True),
        "today": timezone.localdate(),
        "award": getattr(offer, "award", None) if offer.status == "awarded" else None,
    }
    return render(request, "small_grants/detail.html", context, status=400 if form.errors else 200)
