"""The forms of reports: the parts of the report form and filing (``parts``), the office's forms (``office``)."""

from razem.reports.forms.office import CorrectionsForm, DemandForm, ReportFilterForm, ReturnForm
from razem.reports.forms.parts import (
    PART_FORMS,
    CostsForm,
    FileForm,
    InfoForm,
    PartForm,
    ResultsForm,
    SourcesForm,
)

__all__ = [
    "PART_FORMS",
    "CorrectionsForm",
    "CostsForm",
    "DemandForm",
    "FileForm",
    "InfoForm",
    "PartForm",
    "ReportFilterForm",
    "ResultsForm",
    "ReturnForm",
    "SourcesForm",
]
