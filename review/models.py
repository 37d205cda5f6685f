"""The status of each jurisdiction in each campaign, kept by the rule in status.py."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from campaigns.models import Campaign
from jurisdictions.models import Jurisdiction
from sanctuary_tracker.models import DatePrecision


class Status(models.TextChoices):
    """Where a jurisdiction stands in a campaign: set by the rule in status.py."""

    NO_RECORDED_EVENT = "no_event", "No review event recorded"
    UNDER_REVIEW = "under_review", "Under review"
    PRELIMINARY_FINDING = "preliminary_finding", "Preliminarily found non-compliant"
    DOCUMENTS_DEMANDED = "documents_demanded", "Documents demanded"
    SUBPOENA_THREATENED = "subpoena_threatened", "Subpoena threatened"
    COMPLIANCE_DEMANDED = "compliance_demanded", "Told to comply"
    LISTED = "listed", "On a published list"
    DELISTED = "delisted", "Off a published list (removed or withdrawn)"
    RESPONDED = "responded", "Responded, awaiting DOJ"
    SUBPOENAED = "subpoenaed", "Subpoenaed"
    SUED_BY_DOJ = "sued_by_doj", "Sued by DOJ"
    SUIT_DISMISSED = "suit_dismissed", "DOJ's suit against it dismissed"
    IN_LITIGATION = "in_litigation", "In litigation"
    ENJOINED = "enjoined", "Conditions enjoined for it"
    FOUND_NONCOMPLIANT = "found_noncompliant", "Found non-compliant"
    FUNDS_WITHHELD = "funds_withheld", "Funds withheld"
    FOUND_COMPLIANT = "found_compliant", "Found compliant"
    CLEARED = "cleared", "Cleared (reported for the group)"
    FUNDS_RELEASED = "funds_released", "Funds released"
    REVIEW_ENDED = "review_ended", "Campaign ended"


class JurisdictionStatus(models.Model):
    """A jurisdiction's status in a campaign, and the event that set it. Derived, never
    edited: every write of an event refreshes it in the same transaction, and
    `manage.py rebuild_statuses` derives them all again. Kept twice: as the public
    sees it (published records) and with staff's drafts counted too."""

    derived = True  # written only with the events' writes, which change the cache

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="statuses"
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="statuses"
    )
    with_drafts = models.BooleanField(
        default=False, help_text="Counts draft records too (what staff see)."
    )
    status = models.CharField(max_length=30, choices=Status)
    since_on = models.DateField(
        null=True, blank=True, help_text="Date of the event that set the status."
    )
    since_precision = models.CharField(
        max_length=12, choices=DatePrecision, default=DatePrecision.DAY
    )
    rank = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Which rule of STATUS_EVENTS set it."
    )
    event_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    event_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "campaign", "with_drafts"],
                name="one_status_per_campaign",
            )
        ]
        indexes = [
            # Filter, sort and count a campaign's jurisdictions by status from the
            # index alone; the jurisdiction breaks ties, as the id does in every list.
            models.Index(
                fields=["campaign", "with_drafts", "status", "jurisdiction"],
                name="status_campaign_status_idx",
            ),
            # The public's view on its own: Django writes "with_drafts = false" as
            # NOT "with_drafts", which a column of the index above cannot match.
            models.Index(
                fields=["campaign", "status", "jurisdiction"],
                condition=models.Q(with_drafts=False),
                name="status_public_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction_id} in {self.campaign_id}: {self.status}"
