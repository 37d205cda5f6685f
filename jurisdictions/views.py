from django.db.models import Prefetch
from django.http import HttpRequest
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from grants.models import FigureKind, ReportedFigure
from grants.totals import awards_for_totals, summarize
from litigation.models import Ruling
from sanctuary_tracker.listing import FilteredListView, export_response

from .exports import JURISDICTIONS, jurisdiction_rows
from .filters import JurisdictionFilterSet
from .models import Jurisdiction
from .status import status_event, status_since
from .timeline import timeline

TOTAL_KINDS = [FigureKind.ALLOCATION, FigureKind.AWARD, FigureKind.RECEIVED]


class JurisdictionListView(FilteredListView):
    model = Jurisdiction
    filterset_class = JurisdictionFilterSet
    template_name = "jurisdictions/jurisdiction_list.html"
    default_sort = "name"
    # Sorting by status derives the status of every jurisdiction listed (0.6 s on
    # PostgreSQL, 1.5 s on SQLite at 20,000): once, not for every page.
    kept_orders = frozenset({"status"})
    columns = [
        ("name", "Name"),
        ("state", "State"),
        ("kind", "Kind"),
        ("status", "Status"),
        (None, "Since"),
    ]

    def get_queryset(self):
        return Jurisdiction.objects.published().with_status().order_by("name")


class JurisdictionDetailView(DetailView):
    model = Jurisdiction

    def get_queryset(self):
        return (
            Jurisdiction.objects.published()
            .with_status()
            .prefetch_related("citations__source")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jurisdiction = self.object
        this_one = Jurisdiction.objects.filter(pk=jurisdiction.pk)
        awards = list(
            awards_for_totals(this_one)
            .select_related("parent__recipient", "parent__program")
            .prefetch_related(
                Prefetch(
                    "protecting_rulings",
                    Ruling.objects.published().select_related("case"),
                ),
                "figures__citations__source",
                "figures__share_of",
            )
            .order_by("fiscal_year", "pk")
        )
        members = {jurisdiction.pk: jurisdiction.name}
        years = sorted({award.fiscal_year for award in awards})
        totals = [
            summarize(awards, kind=kind, fiscal_year=year, members=members)
            for year in years
            for kind in TOTAL_KINDS
        ]
        entries = timeline(jurisdiction)
        changed = [e.updated_at for e in entries if e.updated_at] + [
            jurisdiction.updated_at
        ]
        changed += [
            figure.updated_at for award in awards for figure in award.figures.all()
        ]
        context |= {
            "status_since": status_since(jurisdiction.status_key),
            "status_event": status_event(jurisdiction, jurisdiction.status_key),
            "timeline": entries,
            "awards": awards,
            "totals": [t for t in totals if t.counted or t.disputed],
            "reported": ReportedFigure.objects.published()
            .filter(jurisdiction=jurisdiction)
            .select_related("round")
            .prefetch_related("citations__source"),
            "threatened": this_one.subpoena_threatened().exists(),
            "subpoenaed": this_one.subpoenaed().exists(),
            "last_changed": max(changed),
            "permalink": self.request.build_absolute_uri(
                jurisdiction.get_absolute_url()
            ),
        }
        return context


@require_safe
def export_jurisdictions(request: HttpRequest, fmt: str):
    return export_response(
        request, list_view=JurisdictionListView, export=JURISDICTIONS,
        rows=jurisdiction_rows, fmt=fmt,
    )  # fmt: skip
