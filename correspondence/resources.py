"""Bulk import of letters (CSV or XLSX) with django-import-export: each row names its
jurisdiction and round by slug and carries its source; a bad row is reported by number
and field, and nothing from the file is saved."""

from import_export import fields

from campaigns.models import Campaign
from jurisdictions.models import Jurisdiction
from sanctuary_tracker.resources import SlugWidget, SourcedResource

from .models import Letter, ReviewRound


class LetterResource(SourcedResource):
    jurisdiction = fields.Field(
        column_name="jurisdiction",
        attribute="jurisdiction",
        widget=SlugWidget(Jurisdiction, field="slug"),
    )
    round = fields.Field(
        column_name="round",
        attribute="round",
        widget=SlugWidget(ReviewRound, field="slug"),
    )
    # Optional with a round (the letter is of the round's campaign).
    campaign = fields.Field(
        column_name="campaign",
        attribute="campaign",
        widget=SlugWidget(Campaign, field="slug"),
    )

    class Meta:
        model = Letter
        fields = [
            "jurisdiction", "round", "campaign", "direction", "kind", "sent_on",
            "date_precision", "due_on", "signer", "signer_title", "office", "addressee",
            "subject", "threatens_subpoena", "finding", "demanded", "summary",
            "document_url",
        ]  # fmt: skip
        import_id_fields: list[str] = []
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True
