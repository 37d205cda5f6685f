"""The whole dataset: every table as CSV in one zip, described by a datapackage.json
(a Frictionless Data Package whose Table Schemas come from the export columns)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.db.models import Max, QuerySet

from campaigns.models import Campaign
from correspondence.exports import LETTERS, ROUNDS, STATEMENTS
from correspondence.models import Letter, ReviewRound, Statement
from designations.exports import DESIGNATIONS, LISTINGS
from designations.models import Designation, Listing
from directives.exports import DIRECTIVES
from directives.models import Directive
from grants.exports import AWARD_FIGURES, REPORTED_FIGURES
from grants.models import AwardFigure, ReportedFigure
from litigation.exports import CASES, PARTIES, RULING_EFFECTS, RULINGS
from litigation.models import Case, Party, Ruling, RulingEffect
from sanctuary_tracker.exports import (
    Column,
    Export,
    field_column,
    table_schema,
    write_csv,
)
from sanctuary_tracker.models import Source

from .exports import CAMPAIGNS, JURISDICTIONS, STATUSES
from .jurisdictions import jurisdictions
from .models import JurisdictionStatus

SOURCES = Export(
    name="sources",
    title="Sources",
    columns=[
        Column("id", "Tracker id of the source.", "integer"),
        field_column(Source, "url"),
        field_column(Source, "publisher"),
        field_column(Source, "title"),
        field_column(Source, "published_on"),
        field_column(Source, "note"),
    ],
)

# Each table of the download: its export and the rows it holds (exports read rows
# with values(), so the querysets need no select_related or prefetch_related).
TABLES: list[tuple[Export, Callable[[], QuerySet]]] = [
    (CAMPAIGNS, lambda: Campaign.objects.published().order_by("pk")),
    (JURISDICTIONS, lambda: jurisdictions().published().with_status().with_flags().order_by("pk")),
    (STATUSES, lambda: JurisdictionStatus.objects.filter(
        with_drafts=False, jurisdiction__verified_at__isnull=False,
        campaign__verified_at__isnull=False).order_by("pk")),
    (ROUNDS, lambda: ReviewRound.objects.published().order_by("pk")),
    (LETTERS, lambda: Letter.objects.published().with_answered().order_by("pk")),
    (STATEMENTS, lambda: Statement.objects.published().order_by("pk")),
    (DESIGNATIONS, lambda: Designation.objects.published().order_by("pk")),
    (LISTINGS, lambda: Listing.objects.published().order_by("pk")),
    (AWARD_FIGURES, lambda: AwardFigure.objects.published().order_by("pk")),
    (REPORTED_FIGURES, lambda: ReportedFigure.objects.published().order_by("pk")),
    (DIRECTIVES, lambda: Directive.objects.published().order_by("pk")),
    (CASES, lambda: Case.objects.published().with_latest_ruling().with_direction()
     .order_by("pk")),
    (PARTIES, lambda: Party.objects.published().order_by("pk")),
    (RULINGS, lambda: Ruling.objects.published().order_by("pk")),
    (RULING_EFFECTS, lambda: RulingEffect.objects.published().order_by("pk")),
    (SOURCES, lambda: Source.objects.order_by("pk")),
]  # fmt: skip

LIST_EXPORTS = [JURISDICTIONS, LETTERS, AWARD_FIGURES, CASES, LISTINGS, DIRECTIVES]


def last_changed() -> datetime | None:
    """When any record of the dataset last changed."""
    stamps = []
    for label in settings.DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            if any(f.name == "updated_at" for f in model._meta.fields):
                manager = model._default_manager
                rows = (
                    manager.published()
                    if hasattr(manager, "published")
                    else manager.all()
                )
                stamps.append(rows.aggregate(at=Max("updated_at"))["at"])
    known = [stamp for stamp in stamps if stamp]
    return max(known) if known else None


def datapackage(changed: datetime | None) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": "sanctuary-review-tracker",
        "title": "Sanctuary Review Tracker: DOJ's 8 U.S.C. 1373 review and Byrne JAG grants",
        "description": (
            "Jurisdictions, DOJ letters, statements, published lists of jurisdictions, "
            "Byrne JAG figures, directives, court cases with their parties and rulings, "
            "every record with its sources. Unknown values are empty, never zero. Text "
            "cells that begin with =, +, -, @, a tab or a carriage return are prefixed "
            "with an apostrophe so spreadsheets do not run them as formulas."
        ),
        "version": changed.date().isoformat() if changed else None,
        "created": changed.isoformat() if changed else None,
        "resources": [
            {
                "name": export.name,
                "title": export.title,
                "path": f"{export.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(export),
            }
            for export, _ in TABLES
        ],
    }


def write_zip(out: io.BufferedIOBase) -> None:
    """Write every table and the datapackage.json into the zip file `out`."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for export, rows in TABLES:
            with archive.open(f"{export.name}.csv", "w") as member:
                text = io.TextIOWrapper(member, encoding="utf-8", newline="")
                write_csv(export, rows(), text)
                text.flush()
                text.detach()
        package = json.dumps(datapackage(last_changed()), indent=2, ensure_ascii=False)
        archive.writestr("datapackage.json", package)
