"""The admin as staff use it: add pages, inline sources, and validation in plain words."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from correspondence.models import Letter
from grants.models import Award
from litigation.models import Ruling
from review.jurisdictions import jurisdictions
from review.models import Status
from tests.admin_forms import CITATIONS, post_data
from tests.factories import (
    AwardFactory,
    CaseFactory,
    JurisdictionFactory,
    LetterFactory,
    ProgramFactory,
    SourceFactory,
    first_review,
)

pytestmark = pytest.mark.django_db
APPS = settings.DOMAIN_APPS


def test_staff_add_a_letter_with_its_source_and_the_status_follows(staff_client):
    jurisdiction = JurisdictionFactory()
    source = SourceFactory()
    url = reverse("admin:correspondence_letter_add")
    data = post_data(
        staff_client,
        url,
        {
            "jurisdiction": jurisdiction.pk,
            "campaign": first_review().pk,
            "direction": "to_jurisdiction",
            "kind": "document_demand",
            "sent_on": "2018-01-24",
            "date_precision": "day",
            "due_on": "2018-02-23",
            "threatens_subpoena": "on",
            "signer": "Jon Adler",
        },
        {CITATIONS: [{"source": source.pk, "quote": "will be subject to a subpoena"}]},
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].errors
    letter = Letter.objects.get()
    assert letter.threatens_subpoena
    assert [c.source for c in letter.citations.all()] == [source]
    # A draft: staff see the status it sets at once; the public waits for verification.
    listed = staff_client.get(reverse("admin:jurisdictions_jurisdiction_changelist"))
    assert "Subpoena threatened" in listed.content.decode()
    assert jurisdictions().with_status().get(pk=jurisdiction.pk).status == (
        Status.NO_RECORDED_EVENT
    )


def test_due_date_before_sent_date_shows_on_the_due_date_field(staff_client):
    url = reverse("admin:correspondence_letter_add")
    data = post_data(
        staff_client,
        url,
        {
            "jurisdiction": JurisdictionFactory().pk,
            "campaign": first_review().pk,
            "direction": "to_jurisdiction",
            "kind": "document_demand",
            "sent_on": "2018-01-24",
            "date_precision": "day",
            "due_on": "2018-01-02",
        },
        {},
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["due_on"] == [
        "The response cannot be due (2018-01-02) before the letter was sent (2018-01-24)."
    ]
    assert not Letter.objects.exists()


def test_staff_add_an_award_then_its_figure(staff_client):
    program = ProgramFactory()
    recipient = JurisdictionFactory()
    source = SourceFactory()
    url = reverse("admin:grants_award_add")
    data = post_data(
        staff_client,
        url,
        {"program": program.pk, "fiscal_year": "2016", "recipient": recipient.pk},
        {CITATIONS: [{"source": source.pk, "quote": "already awarded to the city"}]},
    )
    assert staff_client.post(url, data).status_code == 302
    award = Award.objects.get()
    url = reverse("admin:grants_awardfigure_add")
    data = post_data(
        staff_client,
        url,
        {"award": award.pk, "kind": "award", "amount": "260499", "qualifier": "exact",
         "date_precision": "day"},
        {CITATIONS: [{"source": source.pk, "quote": "in the amount of $260,499"}]},
    )  # fmt: skip
    assert staff_client.post(url, data).status_code == 302
    assert [str(f.amount) for f in award.figures.all()] == ["260499.00"]


def test_duplicate_award_and_negative_amount_are_refused(staff_client):
    existing = AwardFactory()
    url = reverse("admin:grants_award_add")
    data = post_data(
        staff_client,
        url,
        {
            "program": existing.program.pk,
            "fiscal_year": str(existing.fiscal_year),
            "recipient": existing.recipient.pk,
        },
        {CITATIONS: [{"source": SourceFactory().pk}]},
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "This recipient already has an award under this program for this fiscal year."
    ]
    assert Award.objects.count() == 1
    url = reverse("admin:grants_awardfigure_add")
    data = post_data(
        staff_client,
        url,
        {"award": existing.pk, "kind": "award", "amount": "-1", "qualifier": "exact",
         "date_precision": "day"},
        {CITATIONS: [{"source": SourceFactory().pk}]},
    )  # fmt: skip
    response = staff_client.post(url, data)
    assert response.context["adminform"].form.errors["amount"] == [
        "An amount cannot be negative."
    ]


def test_unknown_state_code_is_refused_on_the_state_field(staff_client):
    url = reverse("admin:jurisdictions_jurisdiction_add")
    data = post_data(
        staff_client,
        url,
        {"name": "Nowhere", "slug": "nowhere", "kind": "city", "state": "ZZ"},
        {},
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["state"] == [
        "ZZ is not a USPS state code. Use two capital letters such as CA, IL or DC."
    ]


def test_staff_add_a_ruling(staff_client):
    case = CaseFactory(filed_on=date(2017, 8, 7))
    url = reverse("admin:litigation_ruling_add")
    data = post_data(
        staff_client,
        url,
        {
            "case": case.pk,
            "decided_on": "2017-09-15",
            "date_precision": "day",
            "kind": "preliminary_injunction",
            "outcome": "for_jurisdiction",
            "scope": "nationwide",
            "page_count": "41",
        },
        {CITATIONS: [{"source": SourceFactory().pk, "quote": "Page 1 of 41"}]},
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert Ruling.objects.get().page_count == 41


@pytest.mark.parametrize(
    "name",
    [
        "jurisdictions_jurisdiction", "correspondence_reviewround", "correspondence_letter",
        "correspondence_statement", "grants_program", "grants_award", "grants_awardfigure",
        "grants_reportedfigure", "litigation_court", "litigation_case", "litigation_ruling",
        "designations_designation", "designations_listing", "directives_directive",
        "sanctuary_tracker_source", "sanctuary_tracker_citation",
    ],
)  # fmt: skip
def test_every_model_has_a_working_admin_list_and_add_page(staff_client, name):
    assert staff_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    # Citations are added on their record's own page, never on their own.
    expected = 403 if name == "sanctuary_tracker_citation" else 200
    assert staff_client.get(reverse(f"admin:{name}_add")).status_code == expected


def test_status_and_round_filters_in_the_jurisdiction_list(staff_client):
    threat = LetterFactory(threatens_subpoena=True)
    JurisdictionFactory(name="Quiet Town")
    url = reverse("admin:jurisdictions_jurisdiction_changelist")
    response = staff_client.get(url, {"status": Status.SUBPOENA_THREATENED})
    assert list(response.context["cl"].result_list) == [threat.jurisdiction]
    # Sorted by the status column ("status (with drafts)", the fourth), both ways.
    rows = staff_client.get(url, {"o": "4"}).context["cl"].result_list
    assert [j.status for j in rows] == [
        Status.NO_RECORDED_EVENT,
        Status.SUBPOENA_THREATENED,
    ]
    rows = staff_client.get(url, {"o": "-4"}).context["cl"].result_list
    assert [j.status for j in rows] == [
        Status.SUBPOENA_THREATENED,
        Status.NO_RECORDED_EVENT,
    ]


def test_timestamps_are_read_only(staff_client):
    letter = LetterFactory()
    response = staff_client.get(
        reverse("admin:correspondence_letter_change", args=[letter.pk])
    )
    form = response.context["adminform"].form
    assert "created_at" not in form.fields
    assert "updated_at" not in form.fields


def test_anonymous_users_cannot_reach_the_admin(client):
    response = client.get(reverse("admin:correspondence_letter_add"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
