"""The jurisdictions list's filters: by the status rule and the review's reads."""

import django_filters
from django.db.models import Q, QuerySet

from campaigns.models import Campaign
from correspondence.models import ReviewRound
from jurisdictions.models import Jurisdiction
from jurisdictions.usps import STATE_CHOICES
from sanctuary_tracker.listing import SortFilter, WholeNumberFilter, YesNoFilter

from .models import Status


class JurisdictionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Name contains")
    state = django_filters.ChoiceFilter(choices=STATE_CHOICES, label="State")
    kind = django_filters.ChoiceFilter(choices=Jurisdiction.Kind.choices, label="Kind")
    # Its choices are the published campaigns, read once in __init__.
    campaign = django_filters.ChoiceFilter(
        method="filter_campaign",
        label="Campaign",
        empty_label="The first (DOJ's 1373 review)",
    )
    status = django_filters.ChoiceFilter(
        choices=Status.choices, method="filter_status", label="Status in the campaign"
    )
    round = django_filters.ModelChoiceFilter(
        queryset=ReviewRound.objects.published(),
        to_field_name="slug",
        method="filter_round",
        label="Review round",
    )
    reviewed = YesNoFilter(method="filter_reviewed", label="Written to by DOJ")
    subpoena_threatened = YesNoFilter(
        method="filter_threatened", label="Subpoena threatened"
    )
    in_litigation = YesNoFilter(
        method="filter_litigation", label="Suing DOJ (a plaintiff in a case)"
    )
    sued_by_doj = YesNoFilter(
        method="filter_sued", label="Sued by DOJ (a defendant in its case)"
    )
    listed = YesNoFilter(
        method="filter_listed", label="On a published list in the campaign"
    )
    fiscal_year = WholeNumberFilter(
        method="filter_jag",
        label="Byrne JAG fiscal year",
        min_value=2005,
        max_value=2100,
    )
    jag_min = django_filters.NumberFilter(
        method="filter_jag", label="Byrne JAG figure at least ($)", min_value=0
    )
    jag_max = django_filters.NumberFilter(
        method="filter_jag", label="Byrne JAG figure at most ($)", min_value=0
    )
    sort = SortFilter(
        fields=[
            ("name", "name"),
            ("state", "state"),
            ("kind", "kind"),
            ("held_status__status", "status"),
        ],
        # The stored status's own row gives the order from its index.
        ties={"held_status__status": "held_status__jurisdiction_id"},
        never_empty=("held_status__status",),
        field_labels={
            "name": "Name",
            "state": "State",
            "kind": "Kind",
            "status": "Status",
        },
    )

    class Meta:
        model = Jurisdiction
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(name__icontains=value) | Q(listed_name__icontains=value)
        )

    def __init__(self, data=None, queryset=None, **kwargs) -> None:
        # Every row carries its status in the campaign asked for (the first campaign
        # when none, or none valid, is asked: the form then shows the error).
        # The published campaigns, read once: the choices, and the one asked for (a
        # value that is none of them is never sent to the database).
        campaigns = list(Campaign.objects.published().order_by("started_on", "pk"))
        by_slug = {campaign.slug: campaign for campaign in campaigns}
        asked = (data or {}).get("campaign") or ""
        self.campaign = by_slug.get(asked) or (campaigns[0] if campaigns else None)
        if queryset is not None:
            queryset = queryset.with_status(self.campaign)
        super().__init__(data, queryset, **kwargs)
        self.filters["campaign"].extra["choices"] = [
            (campaign.slug, campaign.name) for campaign in campaigns
        ]

    def filter_campaign(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset  # chosen in __init__: every row's status is of that campaign

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(status=value)

    def filter_round(
        self, queryset: QuerySet, name: str, value: ReviewRound
    ) -> QuerySet:
        return queryset.in_round(value)

    def filter_reviewed(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return _yes_or_no(queryset, queryset.reviewed(), value)

    def filter_threatened(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return _yes_or_no(queryset, queryset.subpoena_threatened(), value)

    def filter_litigation(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return _yes_or_no(queryset, queryset.in_litigation(), value)

    def filter_sued(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return _yes_or_no(queryset, queryset.sued_by_doj(), value)

    def filter_listed(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return _yes_or_no(queryset, queryset.listed(self.campaign), value)

    def filter_jag(self, queryset: QuerySet, name: str, value) -> QuerySet:
        # The three JAG fields act together; apply them once, from the first one seen.
        data = self.form.cleaned_data
        if name != next(
            f for f in ("fiscal_year", "jag_min", "jag_max") if data.get(f) is not None
        ):
            return queryset
        return queryset.with_jag_figure(
            fiscal_year=data.get("fiscal_year"),
            at_least=data.get("jag_min"),
            at_most=data.get("jag_max"),
        )


def _yes_or_no(queryset: QuerySet, matching: QuerySet, value: bool) -> QuerySet:
    """The rows `matching` (the list's own queryset with a condition added), or the
    others. "Yes" keeps the condition on the list's rows, so the database walks the
    list's order, tests each row and stops at a page; as "pk IN (the matching)",
    SQLite first tested every jurisdiction and then sorted the matches."""
    return matching if value else queryset.exclude(pk__in=matching.values("pk"))
