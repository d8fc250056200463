"""The editor of each section of the offer by its slug (``EDITORS``), and where on a section's page a filing
problem points (``anchor``).
"""

from razem.grants import validation
from razem.grants.forms.offers.activities import ActivitiesEditor
from razem.grants.forms.offers.base import Editor
from razem.grants.forms.offers.budget import BudgetEditor
from razem.grants.forms.offers.results import ResultsEditor
from razem.grants.forms.offers.sections import BasicEditor, CharacteristicsEditor, OtherEditor, TaskEditor

EDITORS: dict[str, type[Editor]] = {
    editor.slug: editor
    for editor in (
        BasicEditor,
        TaskEditor,
        ActivitiesEditor,
        ResultsEditor,
        CharacteristicsEditor,
        BudgetEditor,
        OtherEditor,
    )
}


def anchor(issue: validation.Issue, years: list[int]) -> str:
    """The id of the element an issue points at, on its section's page."""
    field = issue.field
    parts = field.split(".")
    if field == "draft":
        return "draft-input"
    if parts[0] == "activities":
        if len(parts) == 4:
            return f"id_activities-{parts[1]}-{int(parts[2]) - 1}-{parts[3]}"
        return f"activities-{parts[1]}"
    if parts[0] == "results":
        return f"id_results-{int(parts[1]) - 1}-{parts[2]}" if len(parts) == 3 else "results"
    if parts[0] == "lines":
        if len(parts) == 3 and parts[1].isdigit():
            name = parts[2]
            if name == "year_amounts":
                name = f"y{years[0]}" if len(years) > 1 else "quantity"
            return f"id_lines-{int(parts[1]) - 1}-{name}"
        return "lines"
    if parts[0] == "funding":
        return f"id_funding-{parts[1]}-{parts[2]}" if len(parts) == 3 else f"funding-{parts[1]}"
    if field == "grant":
        return f"id_funding-{years[0]}-grant"
    if parts[0] == "partner":
        return f"partner-{parts[1]}"
    if parts[0] == "requirement":
        return f"requirement-{parts[1]}"
    if field == "task_form":
        return "id_task_form_0"
    if field == "organization":
        return ""
    return f"id_{field}"
