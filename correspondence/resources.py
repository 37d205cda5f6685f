"""Bulk import of letters (CSV or XLSX) with django-import-export: each row names its
jurisdiction and round by slug and carries its source; a bad row is reported by number
and field, and nothing from the file is saved."""

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from jurisdictions.models import Jurisdiction, ReviewRound
from sanctuary_tracker.models import Citation, Source

from .models import Letter

SOURCE_COLUMNS = ["source_url", "source_publisher", "source_title", "source_quote"]


class SlugWidget(widgets.ForeignKeyWidget):
    """A foreign key given by slug; an unknown slug is a plain error on its column."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            name = self.model._meta.verbose_name
            raise ValueError(f"No {name} has the {self.field} “{value}”.") from None


class SourcedResource(resources.ModelResource):
    """Every imported row adds a new draft (an import never changes a published record)
    and must name its source; the citation is saved with the row."""

    def get_instance(self, instance_loader, row):
        return None

    def import_instance(self, instance, row, **kwargs) -> None:
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        url = (row.get("source_url") or "").strip()
        if not url:
            errors["source_url"] = "Give the address of the source for this row."
        elif not Source.objects.filter(url=url).exists():
            for column in ("source_publisher", "source_title"):
                if not (row.get(column) or "").strip():
                    errors[column] = (
                        f"This source is new to the tracker: give its {column[7:]}."
                    )
        if errors:
            raise ValidationError(errors)

    def after_save_instance(self, instance, row, **kwargs) -> None:
        super().after_save_instance(instance, row, **kwargs)
        url = row["source_url"].strip()
        source = Source.objects.filter(url=url).first() or Source.objects.create(
            url=url,
            publisher=row["source_publisher"].strip(),
            title=row["source_title"].strip(),
        )
        Citation.objects.get_or_create(
            source=source,
            content_type_id=Citation.record.get_content_type(obj=instance).pk,
            object_id=instance.pk,
            quote=(row.get("source_quote") or "").strip(),
            pinpoint="",
        )


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

    class Meta:
        model = Letter
        fields = [
            "jurisdiction", "round", "direction", "kind", "sent_on",
            "date_precision", "due_on", "signer", "signer_title", "office", "addressee",
            "subject", "threatens_subpoena", "finding", "demanded", "summary",
            "document_url",
        ]  # fmt: skip
        import_id_fields: list[str] = []
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True
