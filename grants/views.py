from django.http import HttpRequest
from django.views.decorators.http import require_safe

from sanctuary_tracker.listing import FilteredListView, export_response

from .exports import AWARD_FIGURES
from .filters import AwardFigureFilterSet
from .models import AwardFigure


class AwardFigureListView(FilteredListView):
    """Byrne JAG figures, one row per figure a source gives for an award."""

    model = AwardFigure
    filterset_class = AwardFigureFilterSet
    template_name = "grants/award_list.html"
    default_sort = "recipient"
    columns = [
        ("fiscal_year", "Fiscal year"),
        ("recipient", "Award"),
        ("kind", "Kind"),
        ("amount", "Amount"),
        ("date", "Date"),
        (None, "Sources"),
    ]

    def get_queryset(self):
        return (
            AwardFigure.objects.published()
            .with_list_related()
            # By recipient, then newest year first: the nested indexes give this order
            # (jurisdiction name, award recipient, figure award), so a page of 300,000
            # figures is read without sorting them. Filter a year to compare recipients.
            .order_by("award__recipient__name", "-award__fiscal_year", "kind", "pk")
        )


@require_safe
def export_awards(request: HttpRequest, fmt: str):
    return export_response(
        request, list_view=AwardFigureListView, export=AWARD_FIGURES,
        fmt=fmt,
    )  # fmt: skip
