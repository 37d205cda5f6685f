from collections import Counter

from django.db.models import F, Prefetch
from django.http import HttpRequest
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from sanctuary_tracker.listing import FilteredListView, export_response
from sanctuary_tracker.models import citations_with_sources

from .exports import LISTINGS
from .filters import ListingFilterSet
from .models import Designation, Listing


class ListingListView(FilteredListView):
    """Every name on the published lists, with the lists themselves above."""

    model = Listing
    filterset_class = ListingFilterSet
    template_name = "designations/listing_list.html"
    default_sort = "published"
    columns = [
        ("published", "List"),
        ("position", "No."),
        ("name", "Name as printed"),
        ("category", "Printed as"),
        (None, "Tracked jurisdiction"),
        (None, "Removed"),
    ]

    def get_queryset(self):
        return (
            Listing.objects.published()
            .with_list_related()
            .order_by(F("designation__published_on"), "designation", "position", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["designations"] = list(
            Designation.objects.published()
            .with_list_related()
            .order_by("published_on", "pk")
        )
        return context


class DesignationDetailView(DetailView):
    model = Designation

    def get_queryset(self):
        listings = (
            Listing.objects.published()
            .select_related("jurisdiction")
            .prefetch_related(citations_with_sources())
            .order_by("position", "pk")
        )
        return (
            Designation.objects.published()
            .select_related("campaign")
            .prefetch_related(
                Prefetch("listings", listings, to_attr="published_listings"),
                citations_with_sources(),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listings = self.object.published_listings
        counted = Counter(listing.category_as_printed for listing in listings)
        context |= {
            "listings": listings,
            "by_category": [
                (label, counted[value])
                for value, label in Listing.Category.choices
                if counted[value]
            ],
            "tracked_count": sum(
                1 for listing in listings if listing.public_jurisdiction
            ),
            "tracked_jurisdictions": len(
                {listing.public_jurisdiction for listing in listings} - {None}
            ),
        }
        return context


@require_safe
def export_listings(request: HttpRequest, fmt: str):
    return export_response(request, list_view=ListingListView, export=LISTINGS, fmt=fmt)
