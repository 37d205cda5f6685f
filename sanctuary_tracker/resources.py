"""What every bulk import shares (django-import-export): a foreign key given by slug,
and a source named on every row."""

from django.core.exceptions import ValidationError
from import_export import resources, widgets

from .models import Citation, Source

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
