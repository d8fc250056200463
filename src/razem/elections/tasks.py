"""Background work of elections: telling the people of every eligible organization about each step."""

from django.tasks import task


@task()
def notify_electorate(election_id: int, kind: str) -> int:
    from razem.accounts.models import User
    from razem.core.notifications import notify
    from razem.elections.models import Election, Elector
    from razem.elections.services import eligible_organizations

    election = Election.objects.get(pk=election_id)
    if election.electorate_frozen_at:
        organizations = Elector.objects.filter(election=election).values("organization_id")
    else:
        organizations = eligible_organizations(election).values("pk")
    people = User.objects.filter(
        memberships__organization__in=organizations,
        memberships__role__in=["admin", "representative"],
        memberships__status="active",
        is_active=True,
    ).distinct()
    count = 0
    for person in people.iterator(chunk_size=500):
        notify(
            recipient=person, kind=kind, context={"election": election}, url=election.get_absolute_url(),
            send_email=False,
        )  # fmt: skip
        count += 1
    return count
