"""The public figures page (/konkursy/liczby/): the figures of a budget year as tables and charts, with their CSV
and XLSX downloads (``?eksport=csv``)."""

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from razem.grant_figures import chart, export
from razem.grant_figures.forms import YearForm
from razem.grant_figures.selectors.figures import figure_years, year_figures

EXPORT_PARAM = "eksport"


@require_safe
def figures(request: HttpRequest) -> HttpResponseBase:
    form = YearForm(request.GET if "rok" in request.GET else None, years=figure_years())
    data = year_figures(form.year())
    wanted = request.GET.get(EXPORT_PARAM, "")
    if wanted in export.FORMATS and not form.errors:
        return export.response(request, data, wanted)
    context = {
        "form": form,
        "data": data,
        "overview_chart": chart.overview_chart(data),
        "department_chart": chart.table_chart(
            data.by_department, title=_("Open competitions in %(year)s per department") % {"year": data.year}
        ),
        "formats": export.FORMATS,
    }
    return render(request, "grant_figures/figures.html", context)
