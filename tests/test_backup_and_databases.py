"""Backups restore to identical rows, and every list filter picks the same rows on
SQLite and PostgreSQL (the suite runs on both; the expected rows are recorded once)."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from correspondence.models import Letter
from review.models import JurisdictionStatus

DOMAIN_APPS = settings.DOMAIN_APPS
EXPECTED = Path(__file__).parent / "data" / "filter_rows.json"

# (list URL, query) pairs covering every filter of every public list.
FILTER_QUERIES = [
    ("/jurisdictions/", q) for q in [
        "state=CA", "kind=county", "status=review_ended", "status=cleared",
        "campaign=doj-1373-review&status=found_compliant",
        "status=found_compliant", "status=funds_released", "round=2017-11-15",
        "subpoena_threatened=true", "subpoena_threatened=false", "in_litigation=true",
        "reviewed=false", "fiscal_year=2016", "fiscal_year=2017&jag_min=1000000",
        "jag_max=50000", "q=county", "q=SAN", "sued_by_doj=true",
        "campaign=sanctuary-campaign-2025&status=enjoined",
    ]
] + [
    ("/letters/", q) for q in [
        "round=2018-01-24", "kind=response", "direction=from_jurisdiction",
        "jurisdiction=chicago", "state=CA", "sent_after=2018-01-25", "sent_before=2017-06-01",
        "due_after=2018-01-01&due_before=2018-12-31", "overdue=true", "answered=true",
        "answered=false", "q=adler", "kind=compliance_finding",
    ]
] + [
    ("/awards/", q) for q in [
        "fiscal_year=2016", "kind=allocation", "kind=released", "qualifier=about",
        "jurisdiction=cook-county", "state=IL", "amount_min=1000000", "amount_max=50000",
        "amount_min=20000&amount_max=70000", "q=cis",
    ]
] + [
    ("/cases/", q) for q in [
        "court=N.D. Ill.", "status=no_ruling", "status=for_jurisdiction", "status=mixed",
        "jurisdiction=chicago", "ruling_kind=appellate_decision", "filed_after=2018-07-01",
        "filed_before=2017-12-31", "q=sessions", "brought_by=united_states",
        "jurisdiction=illinois", "ruling_kind=dismissal_without_prejudice",
    ]
] + [
    ("/directives/", q) for q in [
        "campaign=sanctuary-campaign-2025", "kind=ag_memo", "issued_year=2025",
        "q=14287", "sort=-issued",
    ]
]  # fmt: skip


def snapshot() -> dict[str, list]:
    """Every domain row as plain values; content types by name, not by id."""
    names = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    tables = {}
    for label in DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            rows = []
            for row in model.objects.order_by("pk").values():
                for key in ("content_type_id", "event_type_id"):
                    if row.get(key):
                        row[key] = names[row[key]]
                if model is JurisdictionStatus:  # derived again on restore: new ids
                    del row["id"]
                rows.append(tuple(sorted(row.items(), key=str)))
            tables[model._meta.label] = sorted(rows, key=str)
    return tables


@pytest.mark.django_db(transaction=True)
def test_dumpdata_loads_back_into_an_empty_database_to_identical_rows(tmp_path):
    call_command("load_review_data", verbosity=0)
    staff = User.objects.create_user("staff-member", password="pw-staff-1373")
    letter = Letter.objects.first()
    letter.verified_by = staff
    letter._history_user = staff
    letter._change_reason = "A staff edit, to be restored with its author"
    letter.save()
    before = snapshot()
    # XML keeps timestamps to the microsecond (Django's JSON keeps milliseconds).
    backup = tmp_path / "backup.xml"
    # As `make backup` and `make restore`: the statuses are derived, not backed up.
    call_command("dumpdata", "auth.group", "auth.user", *DOMAIN_APPS, natural_foreign=True, output=str(backup), format="xml",
                 exclude=["review.JurisdictionStatus"], verbosity=0)  # fmt: skip
    call_command("flush", interactive=False, verbosity=0)
    assert snapshot()["jurisdictions.Jurisdiction"] == []
    call_command("loaddata", str(backup), verbosity=0)
    call_command("rebuild_statuses", verbosity=0)
    assert snapshot() == before


def keys_for(client, url: str, query: str) -> list[str]:
    listed = client.get(f"{url}?{query}")
    assert listed.status_code == 200
    assert not listed.context["filter"].form.errors, (url, query)
    return sorted(obj.data_key or "" for obj in listed.context["paginator"].object_list)


@pytest.mark.django_db
def test_every_list_filter_gives_the_recorded_rows(client, request):
    """Run with --record-filter-rows to record the expected rows anew after a data change."""
    call_command("load_review_data", verbosity=0)
    found = {
        f"{url}?{query}": keys_for(client, url, query) for url, query in FILTER_QUERIES
    }
    if request.config.getoption("--record-filter-rows"):
        EXPECTED.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
    expected = json.loads(EXPECTED.read_text())
    assert set(found) == set(expected), "record the expected rows anew"
    for key, rows in found.items():
        assert rows == expected[key], key
        assert rows or key.endswith("reviewed=false"), f"{key} matches nothing"
