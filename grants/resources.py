"""Bulk import of award figures (CSV or XLSX): each row names the recipient by slug,
the fiscal year and the program; the award is found, or created with the row's source."""

from django.core.exceptions import ValidationError
from import_export import fields

from jurisdictions.models import Jurisdiction
from sanctuary_tracker.models import Citation, Source
from sanctuary_tracker.resources import SlugWidget, SourcedResource

from .models import Award, AwardFigure, Program


class AwardFigureResource(SourcedResource):
    share_of = fields.Field(
        column_name="share_of",
        attribute="share_of",
        widget=SlugWidget(Jurisdiction, field="slug"),
    )

    class Meta:
        model = AwardFigure
        fields = [
            "share_of", "kind", "amount", "qualifier", "as_reported", "dated_on",
            "date_precision", "note",
        ]  # fmt: skip
        import_id_fields: list[str] = []
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def import_instance(self, instance, row, **kwargs) -> None:
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        recipient = Jurisdiction.objects.filter(
            slug=(row.get("recipient") or "").strip()
        ).first()
        program = Program.objects.filter(
            slug=(row.get("program") or "byrne-jag").strip()
        ).first()
        year = str(row.get("fiscal_year") or "").strip()
        if recipient is None:
            errors["recipient"] = [
                f"No jurisdiction has the slug “{row.get('recipient')}”."
            ]
        if program is None:
            errors["program"] = [f"No program has the slug “{row.get('program')}”."]
        if not year.isdigit() or not 2005 <= int(year) <= 2100:
            errors["fiscal_year"] = ["Give the fiscal year as four digits, e.g. 2017."]
        if errors:
            raise ValidationError(errors)
        award = Award.objects.filter(
            program=program, fiscal_year=int(year), recipient=recipient, parent=None
        ).first()
        if award is None:
            award = Award(program=program, fiscal_year=int(year), recipient=recipient)
            award._change_reason = "Created by an import of award figures"
            award.save()
            self._cite(award, row)
        instance.award = award

    def _cite(self, record, row) -> None:
        url = (row.get("source_url") or "").strip()
        source = Source.objects.filter(url=url).first() or Source.objects.create(
            url=url,
            publisher=(row.get("source_publisher") or "").strip(),
            title=(row.get("source_title") or "").strip(),
        )
        Citation.objects.create(
            source=source, record=record, quote=(row.get("source_quote") or "").strip()
        )
