"""The members' workspace: announcements and documents posted by the body's officers or the office."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.bodies import selectors
from razem.bodies.models import Body, Post
from razem.core import audit
from razem.core.notifications import notify_many


@transaction.atomic
def post_create(
    *,
    actor: User,
    body: Body,
    title: str,
    text: str = "",
    kind: str = Post.Kind.ANNOUNCEMENT,
    file: Any = None,
    request: HttpRequest | None = None,
) -> Post:
    """Publish a post; the other members are told in the app after the commit."""
    post = Post(body=body, kind=kind, title=title.strip(), text=text.strip(), author=actor)
    if kind == Post.Kind.DOCUMENT and file is None:
        raise ValidationError({"file": _("Attach the document.")})
    post.full_clean(exclude=["file"])
    if file is not None:
        post.file.save(file.name, file, save=False)
    post.save()
    audit.record(actor=actor, action="bodies.post.created", obj=post, data={"body": body.pk}, request=request)
    notify_many(
        kind="bodies/post_created",
        audience=selectors.member_people(body=body).values_list("pk", flat=True),
        exclude=actor,
        context={"post": post, "body": body},
        url=reverse("bodies:workspace", kwargs={"slug": body.slug}),
        send_email=False,
    )
    return post


@transaction.atomic
def post_delete(*, actor: User, post: Post, request: HttpRequest | None = None) -> None:
    audit.record(
        actor=actor, action="bodies.post.deleted", obj=post, data={"body": post.body_id, "title": post.title},
        request=request,
    )  # fmt: skip
    storage, name = post.file.storage, post.file.name
    post.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
