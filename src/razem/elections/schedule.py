"""The calendar of an election, declared once (``razem.core.schedule``): the current phase (``Election.phase()``), the
order of its dates (``services.validate_calendar``), the rows of the public calendar, the window predicates of
``rules`` and the refusal that names the window, in the page and in the service alike.

Phases follow the dates of the election: nominations from ``nominations_open``, support for candidates from
``nominations_close`` (shown on the calendar from ``nominations_open``, since support may be given while nominations
run), verification from ``support_close``, the wait before the vote from ``verification_close`` (left off the
calendar when it lasts no time), voting from ``voting_open`` and counting from ``voting_close`` until
``results_due``. A draft, a cancelled election and one whose results are published are in that state whatever the
date.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from razem.core.schedule import Order, Phase, Schedule


def _state(election: Any) -> str | None:
    if election.status == election.Status.CANCELLED:
        return str(election.Phase.CANCELLED)
    if election.status == election.Status.DRAFT:
        return str(election.Phase.DRAFT)
    if election.results_published_at:
        return str(election.Phase.RESULTS)
    return None


SCHEDULE = Schedule(
    phases=[
        Phase(
            "nominations",
            start="nominations_open",
            end="nominations_close",
            label=_("Nominations of candidates"),
            closed=_("Nominations are open from %(start)s to %(end)s."),
        ),
        Phase(
            "support",
            start="nominations_close",
            end="support_close",
            shown_from="nominations_open",
            label=_("Support for candidates"),
            closed=_("Support can be given from %(start)s to %(end)s."),
        ),
        Phase(
            "verification",
            start="support_close",
            end="verification_close",
            label=_("Verification of candidates by the office"),
        ),
        Phase(
            "waiting",
            start="verification_close",
            end="voting_open",
            label=_("Publication of the candidates and the electorate"),
            hide_when_empty=True,
        ),
        Phase(
            "voting",
            start="voting_open",
            end="voting_close",
            label=_("Voting"),
            closed=_("Voting is open from %(start)s to %(end)s."),
        ),
        Phase(
            "counting",
            start="voting_close",
            end="results_due",
            label=_("Counting and results"),
            also_current=("results",),
        ),
    ],
    before="upcoming",
    order=[
        Order("nominations_open", "nominations_close", _("Nominations must close after they open."), strict=True),
        Order("nominations_close", "support_close", _("Support cannot close before nominations close.")),
        Order("support_close", "verification_close", _("Verification cannot end before support closes.")),
        Order("verification_close", "voting_open", _("Voting cannot open before verification ends.")),
        Order("voting_open", "voting_close", _("Voting must close after it opens."), strict=True),
        Order("voting_close", "results_due", _("Results cannot be due before voting closes.")),
    ],
    state=_state,
)


def support_closed_message(election: Any) -> str:
    """The refusal outside the support window, which runs from the opening of nominations to ``support_close``."""
    return SCHEDULE.closed_message(election, "nominations", "support")
