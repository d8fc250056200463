"""Who may do what with reports and settlements (docs/reports.md).

The people acting for the leading oferent of a contract prepare and file its reports while the report is awaited,
being prepared or returned for corrections; the partners of a joint offer and the office read them; the office
demands partial reports, accepts a report or returns it for corrections, and records the returns of the grant.
Every refusal is worded once here and said alike by the page and by the service (``core.permissions``)."""

from typing import Any

import rules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from razem.core.permissions import add_perm, require
from razem.core.predicates import is_city_staff, is_signed_in
from razem.reports.predicates import (
    acts_for_lead,
    acts_for_partner,
    contract_is_signed,
    has_no_final_report,
    report_is_editable,
    report_is_filed,
    return_outstanding,
)

SIGN_IN = gettext_lazy("Sign in to continue.")
NOT_LEAD = gettext_lazy("Only a person who may act for the leading oferent of the contract can prepare its report.")
NOT_SIGNED = gettext_lazy("The contract is not signed, or no longer in force: no report is due under it.")
OFFICE_ONLY = gettext_lazy("Only the city office can do this.")


def _not_editable(user: Any, report: Any) -> str:
    if report is None:
        return ""
    if report.status == report.Status.FILED:
        return _("The report was filed and awaits the office's review; it cannot be changed now.")
    return _("The report was accepted; it cannot be changed.")


def _not_filed(user: Any, report: Any) -> str:
    if report is None:
        return ""
    return _("Only a filed report can be accepted or returned for corrections; this one is %(status)s.") % {
        "status": str(report.get_status_display()).lower()
    }


# Reading: the oferents of the contract and the office.
rules.add_perm("reports.view_report", acts_for_lead | acts_for_partner | is_city_staff)
rules.add_perm("reports.view_contract_reports", acts_for_lead | acts_for_partner | is_city_staff)
rules.add_perm("reports.view_reports_list", is_city_staff)

# The oferent: prepare and file.
add_perm(
    "reports.start_final_report",
    require(is_signed_in, SIGN_IN),
    require(acts_for_lead, NOT_LEAD),
    require(contract_is_signed, NOT_SIGNED),
    require(has_no_final_report, gettext_lazy("The final report of this contract has already been started.")),
)
add_perm(
    "reports.edit_report",
    require(is_signed_in, SIGN_IN),
    require(acts_for_lead, NOT_LEAD),
    require(report_is_editable, _not_editable),
    require(contract_is_signed, NOT_SIGNED),
)
add_perm(
    "reports.file_report",
    require(is_signed_in, SIGN_IN),
    require(acts_for_lead, gettext_lazy("Only a person who may act for the leading oferent can file the report.")),
    require(report_is_editable, _not_editable),
    require(contract_is_signed, NOT_SIGNED),
)

# The office: demand, review, settle.
add_perm(
    "reports.demand_report",
    require(is_city_staff, gettext_lazy("Only the city office can demand a report.")),
    require(contract_is_signed, NOT_SIGNED),
)
add_perm(
    "reports.review_report",
    require(is_city_staff, gettext_lazy("Only the city office reviews reports.")),
    require(report_is_filed, _not_filed),
)
add_perm(
    "reports.record_return",
    require(is_city_staff, gettext_lazy("Only the city office records the returns of a grant.")),
    require(return_outstanding, gettext_lazy("This year's grant is settled: nothing is left to return.")),
)
