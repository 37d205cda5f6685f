"""The review's pages: the dashboard (the review at a glance, each figure beside its
source), the jurisdictions' list and status pages, the campaigns' and directives' pages
(a directive's page shows the rulings that act on it), and the data downloads."""

from __future__ import annotations

import tempfile
from datetime import date

from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from campaigns.models import Campaign
from correspondence.models import Letter, ReviewRound, Statement
from designations.models import Designation
from directives.exports import DIRECTIVES
from directives.filters import DirectiveFilterSet
from directives.models import Directive
from grants.models import Award, AwardFigure, FigureKind, Program, ReportedFigure
from grants.totals import awards_for_totals, summarize
from jurisdictions.models import Jurisdiction
from litigation.models import Case, Party, Ruling, RulingEffect
from sanctuary_tracker.cache import cached
from sanctuary_tracker.listing import FilteredListView, export_response
from sanctuary_tracker.models import Source, citations_with_sources, describe_date

from .charts import bar_chart, column_chart, tile_map
from .compare import (
    MAX_JURISDICTIONS,
    MONEY_KINDS,
    CompareForm,
    compare,
    money_charts,
    picker,
)
from .dataset import LIST_EXPORTS, TABLES, datapackage, last_changed, write_zip
from .exports import (
    COMPARISON,
    JURISDICTIONS,
    comparison_csv,
    comparison_json,
    jurisdiction_rows,
)
from .filters import JurisdictionFilterSet
from .jurisdictions import jurisdictions
from .models import Status
from .record_date import entries_as_of
from .status import since_display, status_label, statuses_by_jurisdiction
from .timeline import campaign_timeline, jurisdiction_listings, timeline

# The round the tracker is about: DOJ's letters of 2018-01-24 to 23 jurisdictions.
FEATURED_ROUND = "2018-01-24"
MONEY_ROWS = [(2016, FigureKind.AWARD), (2017, FigureKind.ALLOCATION)]


def money_at_stake(review_round: ReviewRound | None) -> dict:
    """Totals for the featured round's jurisdictions, and per-jurisdiction figures."""
    if review_round is None:
        return {"rows": [], "reported": [], "chart": None}
    members_qs = jurisdictions().published().in_round(review_round)
    members = dict(members_qs.values_list("pk", "name"))
    slugs = dict(members_qs.values_list("pk", "slug"))
    awards = list(awards_for_totals(members_qs))
    rows = [
        summarize(awards, kind=kind, fiscal_year=year, members=members)
        for year, kind in MONEY_ROWS
    ]
    # FY2017 allocations by jurisdiction, for the chart: one total per member.
    year, kind = MONEY_ROWS[-1]
    per_member = []
    for pk, name in members.items():
        one = summarize(awards, kind=kind, fiscal_year=year, members={pk: name})
        url = reverse("jurisdictions:detail", args=[slugs[pk]])
        if one.disputed:
            per_member.append((name, 0, "sources disagree", url))
        elif one.counted:
            value = one.exact + one.approximate
            prefix = "" if one.approximate_count == 0 else "approx. "
            per_member.append((name, value, f"{prefix}${value:,.0f}", url))
    per_member.sort(key=lambda row: (-row[1], row[0]))
    reported = list(
        ReportedFigure.objects.published()
        .filter(round=review_round)
        .order_by("fiscal_year", "pk")
        .prefetch_related("citations__source")
    )
    return {
        "rows": rows,
        "member_count": len(members),
        "reported": reported,
        "chart": bar_chart(per_member),
        "chart_year": year,
        "chart_kind": FigureKind(kind).label,
    }


def recent_changes(limit: int = 8) -> list[dict]:
    """The records changed most recently, newest first."""
    changes = []
    for model, kind in [
        (Letter.objects.published().select_related("jurisdiction"), "Letter"),
        (Ruling.objects.published().select_related("case"), "Ruling"),
        (Statement.objects.published().select_related("jurisdiction"), "Statement"),
        (
            AwardFigure.objects.published().select_related(
                "award__recipient", "award__program"
            ),
            "Figure",
        ),
    ]:
        for record in model.order_by("-updated_at")[:limit]:
            url = (
                record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
            )
            if isinstance(record, Statement) and record.jurisdiction_id:
                url = record.jurisdiction.get_absolute_url()
            if isinstance(record, AwardFigure):
                url = record.award.get_absolute_url()
            changes.append({"at": record.updated_at, "kind": kind, "text": str(record),
                            "url": url})  # fmt: skip
    changes.sort(key=lambda change: change["at"], reverse=True)
    return changes[:limit]


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = cached(f"dashboard:{today.isoformat()}", lambda: dashboard_figures(today))
    return render(request, "home.html", context)


def status_counts(campaign: Campaign) -> dict[str, int]:
    """How many published jurisdictions have each status in `campaign` (those with
    no event there left out)."""
    counts = dict(
        jurisdictions()
        .published()
        .with_status(campaign)
        .exclude(status=Status.NO_RECORDED_EVENT)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {status: counts[status.value] for status in Status if status.value in counts}


def campaign_figures(campaign: Campaign, list_url: str) -> dict:
    """A campaign with its jurisdictions counted by status, each count a link."""
    counts = status_counts(campaign)
    return {
        "campaign": campaign,
        "count": sum(counts.values()),
        "by_status": [
            {
                "status": status,
                "count": n,
                "url": f"{list_url}?"
                + urlencode({"campaign": campaign.slug, "status": status.value}),
            }
            for status, n in counts.items()
        ],
    }


def deadline_figures(today: date) -> dict:
    """DOJ letters with a deadline, by what is known of the reply (one query), and how
    many are past due in a campaign still open."""
    with_deadline = Letter.objects.published().from_doj().filter(due_on__isnull=False)
    counts = with_deadline.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(pk__in=Letter.objects.answered().values("pk"))),
        no_reply=Count("pk", filter=Q(pk__in=Letter.objects.no_reply().values("pk"))),
    )
    counts["not_recorded"] = counts["total"] - counts["answered"] - counts["no_reply"]
    counts["overdue"] = Letter.objects.published().overdue(today).count()
    return counts


def dashboard_figures(today: date) -> dict:
    """Everything the dashboard shows, evaluated so it can be cached."""
    featured = ReviewRound.objects.published().filter(slug=FEATURED_ROUND).first()
    reviewed = jurisdictions().published().reviewed()
    by_state = dict(reviewed.order_by().values_list("state").annotate(n=Count("pk")))
    list_url = reverse("jurisdictions:list")
    per_month = (
        Letter.objects.published()
        .annotate(month=TruncMonth("sent_on"))
        .order_by("month")
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    months = [(month.strftime("%Y-%m"), n) for month, n in per_month]
    return {
        "featured": featured,
        "today": today,
        "campaigns": [
            campaign_figures(campaign, list_url)
            for campaign in Campaign.objects.published()
        ],
        "money": money_at_stake(featured),
        "deadlines": deadline_figures(today),
        "open_campaigns": list(Campaign.objects.published().open()),
        "upcoming": list(
            Letter.objects.published()
            .awaiting_response()
            .filter(due_on__gte=today)
            .select_related("jurisdiction")
            .order_by("due_on")[:10]
        ),
        "rulings": list(
            Ruling.objects.published()
            .select_related("case__court")
            .order_by("-decided_on")[:6]
        ),
        "changes": recent_changes(),
        "map": tile_map(by_state),
        "state_rows": sorted(by_state.items()),
        "letters_chart": column_chart(months),
        "months": months,
        "rounds": list(
            ReviewRound.objects.published().annotate(
                letter_count=Count(
                    "letters", filter=Q(letters__verified_at__isnull=False)
                )
            )
        ),
    }


@require_safe
def data_dictionary(request: HttpRequest) -> HttpResponse:
    """Every exported column with its meaning, the sources, and the last change."""
    changed = last_changed()
    return render(
        request,
        "data.html",
        {
            "tables": [export for export, _ in TABLES],
            "list_exports": LIST_EXPORTS,
            "comparison": COMPARISON,
            "last_changed": changed,
            "sources": Source.objects.order_by("publisher", "title"),
        },
    )


@require_safe
def download_dataset(request: HttpRequest) -> FileResponse:
    """The whole dataset as one zip; built in a temporary file, not in memory."""
    # FileResponse closes the file when the response is done.
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    write_zip(spool)
    spool.seek(0)
    name = f"sanctuary-tracker-data-{timezone.localdate():%Y-%m-%d}.zip"
    return FileResponse(
        spool, as_attachment=True, filename=name, content_type="application/zip"
    )


@require_safe
def datapackage_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(datapackage(last_changed()), json_dumps_params={"indent": 2})


TOTAL_KINDS = [FigureKind.ALLOCATION, FigureKind.AWARD, FigureKind.RECEIVED]


class JurisdictionListView(FilteredListView):
    model = Jurisdiction
    filterset_class = JurisdictionFilterSet
    template_name = "jurisdictions/jurisdiction_list.html"
    default_sort = "name"
    columns = [
        ("name", "Name"),
        ("state", "State"),
        ("kind", "Kind"),
        ("status", "Status"),
        (None, "Since"),
    ]

    def get_queryset(self):
        # The status of the campaign asked for is added by the filters.
        return jurisdictions().published().order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for row in context["object_list"]:
            row.status_label = status_label(row.status)
            row.status_since_display = since_display(
                row.status_since_on, row.status_precision
            )
        context["campaign"] = self.filterset.campaign
        return context


class JurisdictionDetailView(DetailView):
    model = Jurisdiction

    def get_queryset(self):
        return (
            jurisdictions()
            .published()
            .with_subpoena_flags()
            .prefetch_related(citations_with_sources())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jurisdiction = self.object
        this_one = jurisdictions().filter(pk=jurisdiction.pk)
        awards = list(
            awards_for_totals(this_one)
            .select_related("parent__recipient", "parent__program")
            .prefetch_related(
                Prefetch(
                    "protecting_rulings",
                    Ruling.objects.published().select_related("case"),
                ),
                citations_with_sources("figures__citations"),
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
        listings = list(jurisdiction_listings(jurisdiction))
        entries = timeline(jurisdiction, listings)
        changed = [e.updated_at for e in entries if e.updated_at] + [
            jurisdiction.updated_at
        ]
        changed += [
            figure.updated_at for award in awards for figure in award.figures.all()
        ]
        over_time = {
            (year, kind): summarize(
                awards, kind=kind, fiscal_year=year, members=members
            )
            for year in years
            for kind in MONEY_KINDS
        }
        context |= {
            "money_chart": money_charts([jurisdiction], {jurisdiction.pk: over_time})[
                0
            ],
            "compare_url": f"{reverse('compare')}?{urlencode({'j': jurisdiction.slug})}",
            "statuses": campaign_statuses(jurisdiction),
            "timeline": entries,
            "page_as_of": describe_date(entries_as_of(entries)),
            "awards": awards,
            "totals": [t for t in totals if t.counted or t.disputed],
            "reported": ReportedFigure.objects.published()
            .filter(jurisdiction=jurisdiction)
            .select_related("round")
            .prefetch_related(citations_with_sources()),
            "case_parts": Party.objects.filter(
                jurisdiction=jurisdiction, case__verified_at__isnull=False
            )
            .select_related("case__court", "case__campaign")
            .with_direction()
            .order_by(F("case__filed_on").asc(nulls_last=True), "case__caption"),
            "listings": listings,
            "threatened": jurisdiction.subpoena_was_threatened,
            "subpoenaed": jurisdiction.was_subpoenaed,
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


def campaign_statuses(jurisdiction: Jurisdiction) -> list[dict]:
    """The jurisdiction's status in each campaign, with the event that set it."""
    return statuses_by_jurisdiction([jurisdiction.pk])[jurisdiction.pk]


class CampaignListView(ListView):
    template_name = "review/campaign_list.html"
    context_object_name = "campaigns"

    def get_queryset(self):
        return Campaign.objects.published().prefetch_related("citations__source")


class CampaignDetailView(DetailView):
    template_name = "review/campaign_detail.html"
    context_object_name = "campaign"

    def get_queryset(self):
        return Campaign.objects.published().prefetch_related("citations__source")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        context |= campaign_figures(campaign, reverse("jurisdictions:list"))
        context |= {
            "rounds": list(
                ReviewRound.objects.published()
                .filter(campaign=campaign)
                .annotate(
                    letter_count=Count(
                        "letters", filter=Q(letters__verified_at__isnull=False)
                    )
                )
            ),
            "timeline": (entries := campaign_timeline(campaign)),
            "page_as_of": describe_date(entries_as_of(entries)),
            "designations": list(
                Designation.objects.published()
                .filter(campaign=campaign)
                .with_listing_count()
                .order_by("published_on", "pk")
            ),
            "cases": list(
                Case.objects.published()
                .filter(campaign=campaign)
                .with_direction()
                .select_related("court")
                .order_by("filed_on", "pk")
            ),
            "directives": list(
                Directive.objects.published().filter(campaign=campaign).chronological()
            ),
        }
        return context


class DirectiveListView(FilteredListView):
    model = Directive
    filterset_class = DirectiveFilterSet
    template_name = "directives/directive_list.html"
    default_sort = "issued"
    columns = [
        ("issued", "Issued"),
        ("title", "Directive"),
        ("kind", "Kind"),
        ("issuer", "Issued by"),
        (None, "Campaign"),
    ]

    def get_queryset(self):
        return Directive.objects.published().with_list_related().chronological()


class DirectiveDetailView(DetailView):
    """A directive with what it revokes or is revoked by, the money it conditions and
    the rulings that act on it."""

    model = Directive
    template_name = "directives/directive_detail.html"
    context_object_name = "directive"

    def get_queryset(self):
        return (
            Directive.objects.published()
            .select_related("campaign")
            .prefetch_related(
                "citations__source",
                Prefetch("programs", Program.objects.published()),
                Prefetch(
                    "awards",
                    Award.objects.published()
                    .select_related("program", "recipient")
                    .order_by("-fiscal_year", "recipient__name", "pk"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        directive = self.object
        published = Directive.objects.published()
        context |= {
            "revokes": published.filter(pk=directive.revokes_id).first()
            if directive.revokes_id
            else None,
            "revoked_by": list(published.filter(revokes=directive).chronological()),
            "effects": list(
                RulingEffect.objects.published()
                .filter(directive=directive)
                .select_related("ruling__case__court")
                .order_by("ruling__decided_on", "pk")
            ),
        }
        return context


@require_safe
def export_directives(request: HttpRequest, fmt: str):
    return export_response(
        request, list_view=DirectiveListView, export=DIRECTIVES, fmt=fmt
    )


@require_safe
def compare_jurisdictions(request: HttpRequest) -> HttpResponse:
    """Up to six jurisdictions side by side (`review/compare.py`); with none, the
    picker; a bad choice is a form error (400), never a server error. Its address is
    its permalink: a query with empty boxes or repeats is sent to the clean one."""
    form = CompareForm(request.GET)
    valid = form.is_valid()
    context = {"form": form, "boxes": picker(form), "max": MAX_JURISDICTIONS}
    if not valid:
        return render(request, "review/compare.html", context, status=400)
    if form.cleaned_data["j"]:
        if request.GET.urlencode() != form.query:
            return redirect(f"{reverse('compare')}?{form.query}")
        context |= {
            "comparison": compare(form.cleaned_data["j"]),
            "permalink": request.build_absolute_uri(),
            "downloads": {
                fmt: f"{reverse('compare_export', args=[fmt])}?{form.query}"
                for fmt in ("csv", "json")
            },
        }
    return render(request, "review/compare.html", context)


@require_safe
def export_comparison(request: HttpRequest, fmt: str) -> HttpResponse:
    """The comparison as CSV or JSON, one row per jurisdiction and fact; the page's
    errors as a 400 with the messages."""
    if fmt not in {"csv", "json"}:
        raise Http404("Exports are .csv or .json")
    form = CompareForm(request.GET)
    if not form.is_valid() or not form.cleaned_data["j"]:
        errors = form.non_field_errors() if form.errors else ["Choose a jurisdiction."]
        return JsonResponse({"errors": list(errors)}, status=400)
    comparison = compare(form.cleaned_data["j"])
    if fmt == "json":
        return HttpResponse(
            comparison_json(comparison), content_type="application/json; charset=utf-8"
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    comparison_csv(comparison, response)
    slugs = "-".join(j.slug for j in form.cleaned_data["j"])
    name = f"comparison-{slugs}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
