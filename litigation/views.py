from django.db.models import Prefetch
from django.views.generic import DetailView

from sanctuary_tracker.listing import FilteredListView

from .filters import CaseFilterSet
from .models import Case, Ruling


class CaseListView(FilteredListView):
    model = Case
    filterset_class = CaseFilterSet
    template_name = "litigation/case_list.html"
    default_sort = "filed"
    columns = [
        ("caption", "Case"),
        ("court", "Court"),
        ("filed", "Filed"),
        (None, "Jurisdictions"),
        ("ruling", "Latest ruling"),
    ]

    def get_queryset(self):
        return Case.objects.with_list_related().order_by("filed_on", "caption", "pk")


class CaseDetailView(DetailView):
    model = Case

    def get_queryset(self):
        rulings = Ruling.objects.prefetch_related(
            "appeals__court", "citations__source", "protects_awards__recipient",
            "protects_awards__program",
        )  # fmt: skip
        return Case.objects.with_list_related().prefetch_related(
            Prefetch("rulings", rulings), "citations__source", "appeal_of__case__court"
        )
