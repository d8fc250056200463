"""The statutory criteria of choosing offers (art. 15 ust. 1 u.d.p.p.w.), preloaded into every new call.

The 4th (the planned share of own or other funds) applies only to support (wspieranie, art. 5 ust. 4 pkt 2)."""

from django.utils.translation import gettext_lazy as _

# (code, wording, only for wspieranie)
STATUTORY = [
    ("art15_1", _("The organization's capacity to carry out the public task (art. 15 ust. 1 pkt 1)"), False),
    ("art15_2", _("The cost calculation, also against the scope of the task (art. 15 ust. 1 pkt 2)"), False),
    (
        "art15_3",
        _(
            "The proposed quality of the task and the qualifications of the people carrying it out (art. 15 ust. "
            "1 pkt 3)"
        ),
        False,
    ),
    ("art15_4", _("The planned share of own funds or funds from other sources (art. 15 ust. 1 pkt 4)"), True),
    (
        "art15_5",
        _(
            "The planned material and personal contribution, including volunteers and members' work (art. 15 "
            "ust. 1 pkt 5)"
        ),
        False,
    ),
    (
        "art15_6",
        _(
            "How the organization carried out tasks commissioned in previous years: reliability, timeliness, "
            "settlement (art. 15 ust. 1 pkt 6)"
        ),
        False,
    ),
]
