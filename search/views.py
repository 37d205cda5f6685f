from hashlib import sha256

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.views.decorators.http import require_safe

from campaigns.models import Campaign
from jurisdictions.models import Jurisdiction
from sanctuary_tracker.cache import cached
from sanctuary_tracker.listing import FilteredListView, ListPaginator, export_response

from . import query
from .exports import RESULTS
from .filters import SearchFilterSet
from .models import Kind, SearchEntry

FACET_JURISDICTIONS = 10  # the jurisdictions with most results; the rest by the box


class RankedPaginator(ListPaginator):
    """A page of results, ranked once per query and data version.

    Ranking reads every match: the database scores each entry holding the words
    (FTS5's bm25, PostgreSQL's ts_rank) before it can say which fifty come first, so
    a common word costs a score per record. The ranked page's ids are therefore kept
    in the cache like the total and the facets (under the query, the facets asked,
    the page and the data version), and only the rows, their snippets and the page
    are read again for the next reader. Any write moves the data version, so a
    record changed is ranked afresh at once."""

    def page_ids(self, start: int, end: int) -> list:
        digest = sha256(f"{self.count_key}:{start}:{end}".encode()).hexdigest()
        return cached(
            f"search-page:{digest}",
            lambda: super(RankedPaginator, self).page_ids(start, end),
            version=self.data_version,
        )


class SearchView(FilteredListView):
    """Every kind of record, ranked by how well it matches; facets narrow it."""

    model = SearchEntry
    paginator_class = RankedPaginator
    filterset_class = SearchFilterSet
    template_name = "search/results.html"

    def get_queryset(self) -> QuerySet:
        return SearchEntry.objects.filter(is_public=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parsed = self.filterset.parsed
        results = list(context["object_list"])
        marks = query.snippets(parsed, [row.pk for row in results]) if parsed else {}
        for row in results:
            title, snippet = marks.get(row.pk, (row.title, ""))
            row.marked_title = query.marked(title or row.title)
            row.snippet = query.marked(snippet)
        context["results"] = results
        context["parsed"] = parsed
        context["notes"] = query.parse(self.request.GET.get("q", "")).notes
        context["facets"] = self.facets(parsed) if parsed else []
        return context

    def facets(self, parsed: query.Parsed) -> list[dict]:
        """Counts of the results by kind, campaign, jurisdiction and year: each a link
        adding that value to the query (or, when chosen, one taking it off)."""
        results = self.filterset.qs.order_by()
        asked = str(sorted(self.request.GET.lists())).encode()
        key = f"search-facets:{sha256(asked).hexdigest()}"

        def count() -> dict[str, list]:
            def by(column: str, limit: int | None = None) -> list:
                rows = (
                    results.exclude(**{f"{column}__isnull": True})
                    .values(column)
                    .annotate(n=Count("pk"))
                    .order_by("-n", column)
                    .values_list(column, "n")
                )
                return list(rows[:limit] if limit else rows)

            return {
                "kind": by("kind"),
                "campaign": by("campaign"),
                "jurisdiction": by("jurisdiction", FACET_JURISDICTIONS),
                "year": by("year"),
            }

        counts = cached(key, count, version=self.data_version)
        campaigns = dict(
            Campaign.objects.filter(
                pk__in=[pk for pk, _ in counts["campaign"]]
            ).values_list("pk", "slug")
        )
        campaign_names = dict(Campaign.objects.values_list("slug", "name"))
        places = {
            pk: (slug, Jurisdiction.label(name, state))
            for pk, slug, name, state in Jurisdiction.objects.filter(
                pk__in=[pk for pk, _ in counts["jurisdiction"]]
            ).values_list("pk", "slug", "name", "state")
        }
        kinds = dict(Kind.choices)
        groups = [
            ("kind", "Kind of record",
             [(value, kinds.get(value, value), n) for value, n in counts["kind"]]),
            ("campaign", "Campaign",
             [(campaigns[pk], campaign_names[campaigns[pk]], n)
              for pk, n in counts["campaign"] if pk in campaigns]),
            ("jurisdiction", "Jurisdiction",
             [(*places[pk], n) for pk, n in counts["jurisdiction"] if pk in places]),
            ("year", "Year", [(str(value), str(value), n) for value, n in counts["year"]]),
        ]  # fmt: skip
        chosen = self.request.GET
        facets = []
        for name, heading, values in groups:
            current = chosen.get(name, "")
            options = []
            for value, label, n in values:
                link = self.request.GET.copy()
                link.pop("page", None)
                if value == current:
                    link.pop(name, None)
                else:
                    link[name] = value
                options.append(
                    {"label": label, "count": n, "chosen": value == current,
                     "href": self.permalink(link) or "?"}
                )  # fmt: skip
            facets.append({"name": name, "heading": heading, "options": options,
                           "clear": self.without(name) if current else ""})  # fmt: skip
        return facets

    def without(self, name: str) -> str:
        link = self.request.GET.copy()
        link.pop(name, None)
        link.pop("page", None)
        return self.permalink(link) or "?"


@require_safe
def export_results(request: HttpRequest, fmt: str):
    return export_response(request, list_view=SearchView, export=RESULTS, fmt=fmt)
