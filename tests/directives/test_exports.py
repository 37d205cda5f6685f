import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse

from directives.exports import DIRECTIVES
from litigation.exports import RULING_EFFECTS
from litigation.models import RulingEffect
from sanctuary_tracker.exports import write_csv
from tests.factories import (
    AwardFactory,
    CitationFactory,
    DirectiveFactory,
    ProgramFactory,
    RulingEffectFactory,
    RulingFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


@pytest.fixture
def order():
    order = DirectiveFactory(
        slug="eo-14159", number="14159", citation="90 Fed. Reg. 8443",
        title="Protecting the American People Against Invasion",
        summary="=cmd|' /C calc'!A0", issued_on=date(2025, 1, 20),
    )  # fmt: skip
    CitationFactory(record=order, source=SourceFactory(url="https://a.example/eo"))
    program = ProgramFactory()
    order.programs.add(program)
    order.awards.add(AwardFactory(program=program), AwardFactory(verified_at=None))
    DirectiveFactory(slug="later", revokes=order, issued_on=date(2025, 4, 28))
    DirectiveFactory(slug="draft", verified_at=None)
    return order


def test_export_cells(client, order):
    """Each column as the data dictionary describes it; drafts stay out."""
    rows = read_csv(client.get(reverse("directives:export", args=["csv"])))
    assert [row["slug"] for row in rows] == ["eo-14159", "later"]
    first, later = rows
    assert first["id"] == str(order.pk)
    assert first["campaign"] == "sanctuary-campaign-2025"
    assert (first["kind"], first["kind_label"]) == (
        "executive_order",
        "Executive order",
    )
    assert (first["number"], first["citation"]) == ("14159", "90 Fed. Reg. 8443")
    assert (first["issued_on"], first["issued_precision"]) == ("2025-01-20", "day")
    assert first["published_on"] == ""
    assert first["summary"] == "'=cmd|' /C calc'!A0"  # inert in a spreadsheet
    assert first["programs"] == "byrne-jag"
    assert first["award_ids"] == str(order.awards.get(verified_at__isnull=False).pk)
    assert first["url"] == "/directives/eo-14159/"
    assert first["source_urls"] == "https://a.example/eo"
    assert later["revokes_id"] == str(order.pk)


def test_export_follows_the_lists_filters_and_order(client, order):
    url = reverse("directives:export", args=["json"])
    rows = json.loads(b"".join(client.get(url, {"sort": "-issued"}).streaming_content))
    assert [row["slug"] for row in rows] == ["later", "eo-14159"]
    bad = client.get(url, {"issued_year": "abc"})
    assert "issued_year" in bad["X-Filter-Errors"]


def test_ruling_effects_table(order):
    effect = RulingEffectFactory(directive=order, ruling__decided_on=date(2025, 4, 24),
                                 note="for the plaintiffs only")  # fmt: skip
    RulingEffectFactory(directive=order, ruling=RulingFactory(verified_at=None))
    out = io.StringIO()
    write_csv(RULING_EFFECTS, RulingEffect.objects.published().order_by("pk"), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows == [
        {
            "id": str(effect.pk),
            "ruling_id": str(effect.ruling_id),
            "case_slug": effect.ruling.case.slug,
            "ruling_decided_on": "2025-04-24",
            "directive_id": str(order.pk),
            "directive_slug": "eo-14159",
            "effect": "enjoins",
            "note": "for the plaintiffs only",
        }
    ]


def test_data_dictionary_and_datapackage_describe_both_tables(client, order):
    html = client.get(reverse("data")).content.decode()
    for export in (DIRECTIVES, RULING_EFFECTS):
        assert f"{export.name}.csv" in html
    package = client.get(reverse("datapackage")).json()
    names = [resource["name"] for resource in package["resources"]]
    assert {"directives", "ruling_effects"} <= set(names)
