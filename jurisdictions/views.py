from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from correspondence.models import Letter, Statement
from grants.models import Award, ReportedFigure
from litigation.models import Case

from .models import Jurisdiction, ReviewRound, Status
from .status import status_event, status_since


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    counts = dict(
        Jurisdiction.objects.with_status()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    by_status = [(s, counts[s.value]) for s in Status if counts.get(s.value)]
    rounds = ReviewRound.objects.annotate(letter_count=Count("letters"))
    reported = (
        ReportedFigure.objects.select_related("round", "jurisdiction")
        .filter(round__isnull=False)
        .prefetch_related("citations__source")
    )
    return render(
        request,
        "home.html",
        {"by_status": by_status, "rounds": rounds, "reported": reported},
    )


class JurisdictionListView(ListView):
    model = Jurisdiction
    paginate_by = 100

    def get_queryset(self):
        return Jurisdiction.objects.with_status().order_by("name")


class JurisdictionDetailView(DetailView):
    model = Jurisdiction

    def get_queryset(self):
        return Jurisdiction.objects.with_status().prefetch_related("citations__source")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jurisdiction = self.object
        context["status_since"] = status_since(jurisdiction.status_key)
        context["status_event"] = status_event(jurisdiction, jurisdiction.status_key)
        context["letters"] = (
            Letter.objects.filter(jurisdiction=jurisdiction)
            .with_list_related()
            .prefetch_related("replies", "citations__source")
            .order_by("sent_on", "pk")
        )
        context["statements"] = Statement.objects.filter(
            jurisdiction=jurisdiction
        ).prefetch_related("citations__source")
        this_one = Jurisdiction.objects.filter(pk=jurisdiction.pk)
        context["awards"] = (
            Award.objects.for_jurisdictions(this_one)
            .with_list_related()
            .prefetch_related("protecting_rulings__case", "figures__citations__source")
            .order_by("fiscal_year", "pk")
        )
        context["cases"] = Case.objects.filter(
            plaintiffs=jurisdiction
        ).with_list_related()
        context["reported"] = ReportedFigure.objects.filter(
            jurisdiction=jurisdiction
        ).prefetch_related("citations__source")
        context["subpoenaed"] = this_one.subpoenaed().exists()
        context["threatened"] = this_one.subpoena_threatened().exists()
        return context
