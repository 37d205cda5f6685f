from sanctuary_tracker.listing import FilteredListView

from .filters import AwardFigureFilterSet
from .models import AwardFigure


class AwardFigureListView(FilteredListView):
    """Byrne JAG figures, one row per figure a source gives for an award."""

    model = AwardFigure
    filterset_class = AwardFigureFilterSet
    template_name = "grants/award_list.html"
    default_sort = "-fiscal_year"
    columns = [
        ("fiscal_year", "Fiscal year"),
        ("recipient", "Award"),
        ("kind", "Kind"),
        ("amount", "Amount"),
        ("date", "Date"),
        (None, "Sources"),
    ]

    def get_queryset(self):
        return AwardFigure.objects.with_list_related().order_by(
            "-award__fiscal_year", "award__recipient__name", "kind", "pk"
        )
