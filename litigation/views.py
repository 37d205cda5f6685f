from django.db.models import F, Prefetch
from django.http import HttpRequest
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from sanctuary_tracker.listing import FilteredListView, export_response

from .exports import CASES
from .filters import CaseFilterSet
from .models import Case, Ruling, RulingEffect


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
        return (
            Case.objects.published()
            .with_list_related()
            .order_by(F("filed_on").asc(nulls_last=True), "caption", "pk")
        )


class CaseDetailView(DetailView):
    model = Case

    def get_queryset(self):
        rulings = Ruling.objects.published().prefetch_related(
            Prefetch("appeals", Case.objects.published().select_related("court")), "citations__source", "protects_awards__recipient",
            "protects_awards__program",
            Prefetch("effects", RulingEffect.objects.published()
                     .select_related("directive").order_by("directive__issued_on", "pk")),
        )  # fmt: skip
        return (
            Case.objects.published()
            .with_list_related()
            .prefetch_related(
                Prefetch("rulings", rulings),
                "citations__source",
                "appeal_of__case__court",
            )
        )


@require_safe
def export_cases(request: HttpRequest, fmt: str):
    return export_response(request, list_view=CaseListView, export=CASES, fmt=fmt)
