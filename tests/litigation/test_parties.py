"""Parties with sides: the United States as the party that sues, and jurisdictions on
either side; the statuses, filters, pages and exports that follow from them."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from litigation.models import Party, Ruling
from review.jurisdictions import jurisdictions
from review.models import Status
from tests.admin_forms import CITATIONS, post_data
from tests.factories import (
    CaseFactory,
    JurisdictionFactory,
    RulingFactory,
    SourceFactory,
    add_parties,
    first_review,
    sued_by_united_states,
)

pytestmark = pytest.mark.django_db
PARTIES = "parties"


@pytest.fixture
def suits():
    illinois = JurisdictionFactory(name="State of Illinois", slug="illinois")
    chicago = JurisdictionFactory(name="Chicago", slug="chicago")
    quiet = JurisdictionFactory(name="Quiet Town", slug="quiet-town")
    doj_suit = sued_by_united_states(
        CaseFactory(caption="United States v. State of Illinois",
                    filed_on=date(2025, 2, 6)),
        illinois,
    )  # fmt: skip
    Party.objects.create(case=doj_suit, side=Party.Side.DEFENDANT,
                         name="Governor Pritzker")  # fmt: skip
    own_suit = CaseFactory(
        caption="City of Chicago v. Sessions", filed_on=date(2017, 8, 7)
    )
    add_parties(own_suit, chicago)
    add_parties(own_suit, illinois, side=Party.Side.AMICUS)
    return {"illinois": illinois, "chicago": chicago, "quiet": quiet,
            "doj_suit": doj_suit, "own_suit": own_suit}  # fmt: skip


def slugs(response) -> list[str]:
    assert response.status_code == 200
    return sorted(j.slug for j in response.context["object_list"])


def test_sued_by_doj_and_suing_doj_filter_the_jurisdictions(client, suits):
    url = reverse("jurisdictions:list")
    assert slugs(client.get(url, {"sued_by_doj": "true"})) == ["illinois"]
    assert slugs(client.get(url, {"sued_by_doj": "false"})) == ["chicago", "quiet-town"]
    # An amicus is not suing: only the plaintiff is.
    assert slugs(client.get(url, {"in_litigation": "true"})) == ["chicago"]


def test_a_bad_side_filter_is_a_form_error_not_a_500(client, suits):
    response = client.get(reverse("jurisdictions:list"), {"sued_by_doj": "maybe"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["sued_by_doj"] == [
        "Choose yes or no (true or false), not “maybe”."
    ]
    assert "Choose yes or no (true or false), not “maybe”." in response.content.decode()
    cases = client.get(reverse("litigation:list"), {"brought_by": "congress"})
    assert cases.status_code == 200
    assert "brought_by" in cases.context["filter"].form.errors


def test_cases_filter_by_who_brought_them_and_by_a_party_on_any_side(client, suits):
    url = reverse("litigation:list")

    def captions(params):
        response = client.get(url, params)
        assert response.status_code == 200
        return [case.caption for case in response.context["object_list"]]

    assert captions({"brought_by": "united_states"}) == [
        "United States v. State of Illinois"
    ]
    assert captions({"brought_by": "jurisdiction"}) == ["City of Chicago v. Sessions"]
    # Illinois: a defendant in one, an amicus in the other.
    assert captions({"jurisdiction": "illinois"}) == [
        "City of Chicago v. Sessions",
        "United States v. State of Illinois",
    ]


def test_the_case_page_shows_each_side_and_who_brought_it(client, suits):
    page = client.get(suits["doj_suit"].get_absolute_url()).content.decode()
    assert "<dt>Brought by</dt><dd>The United States</dd>" in page
    assert "<dt>Plaintiffs</dt><dd>United States</dd>" in page
    assert (
        '<dt>Defendants</dt><dd><a href="/jurisdictions/illinois/">State of Illinois</a>, '
        "Governor Pritzker</dd>"
    ) in page
    own = client.get(suits["own_suit"].get_absolute_url()).content.decode()
    assert "Brought by" not in own
    assert "<dt>Amici curiae</dt>" in own


def test_the_jurisdiction_page_says_it_was_sued_and_its_status(client, suits):
    page = client.get(
        reverse("jurisdictions:detail", args=["illinois"])
    ).content.decode()
    assert "<strong>Sued by the United States</strong>:" in page
    assert "Amicus curiae:" in page
    assert "Status: Sued by DOJ" in page
    assert "Sued by the United States</a>" in page  # its timeline entry


def test_the_case_export_names_each_side(client, suits):
    response = client.get(reverse("litigation:export", args=["csv"]))
    text = b"".join(response.streaming_content).decode()
    rows = {r["caption"]: r for r in csv.DictReader(io.StringIO(text))}
    doj = rows["United States v. State of Illinois"]
    assert (doj["plaintiffs"], doj["defendants"], doj["by_united_states"]) == (
        "", "illinois", "true"
    )  # fmt: skip
    own = rows["City of Chicago v. Sessions"]
    assert (own["plaintiffs"], own["defendants"], own["by_united_states"]) == (
        "chicago", "", "false"
    )  # fmt: skip


def test_a_party_who_joined_later_takes_its_status_from_the_day_it_joined(suits):
    late = JurisdictionFactory()
    Party.objects.create(case=suits["own_suit"], jurisdiction=late,
                         side=Party.Side.PLAINTIFF, joined_on=date(2017, 9, 1))  # fmt: skip
    row = late.statuses.get(campaign=first_review(), with_drafts=False)
    assert (row.status, row.since_on) == (Status.IN_LITIGATION, date(2017, 9, 1))
    RulingFactory(case=suits["own_suit"], decided_on=date(2017, 9, 15),
                  kind=Ruling.Kind.PRELIMINARY_INJUNCTION)  # fmt: skip
    row = late.statuses.get(campaign=first_review(), with_drafts=False)
    assert (row.status, row.since_on) == (Status.ENJOINED, date(2017, 9, 15))


def test_staff_add_a_suit_by_the_united_states_with_its_parties(staff_client):
    defendant = JurisdictionFactory(slug="denver")
    court = CaseFactory().court
    url = reverse("admin:litigation_case_add")
    fields = {
        "campaign": first_review().pk, "caption": "United States v. Denver",
        "slug": "us-v-denver", "court": court.pk, "filed_on": "2018-05-02",
    }  # fmt: skip
    rows = {
        PARTIES: [
            {
                "side": "plaintiff",
                "name": "United States",
                "federal": "on",
                "position": 0,
            },
            {"side": "defendant", "jurisdiction": defendant.pk, "position": 0},
        ],
        CITATIONS: [{"source": SourceFactory().pk, "quote": "filed 05/02/18"}],
    }
    response = staff_client.post(url, post_data(staff_client, url, fields, rows))
    assert response.status_code == 302, response.context["adminform"].errors
    # A draft: the status with drafts follows at once, the public one waits.
    row = defendant.statuses.get(campaign=first_review(), with_drafts=True)
    assert (row.status, row.since_on) == (Status.SUED_BY_DOJ, date(2018, 5, 2))
    assert jurisdictions().with_status().get(pk=defendant.pk).status == (
        Status.NO_RECORDED_EVENT
    )


@pytest.mark.parametrize(
    "row, field, message",
    [
        ({"side": "plaintiff"}, "__all__", "Choose a tracked jurisdiction or give the party"),
        ({"side": "defendant", "federal": "on", "jurisdiction": None}, "federal",
         "A tracked jurisdiction is not a federal party."),
        ({"side": "plaintiff", "name": "Late", "joined_on": "2018-01-01"}, "joined_on",
         "A party cannot join before the case was filed (2018-05-02)."),
    ],
)  # fmt: skip
def test_a_bad_party_is_an_error_on_its_row(staff_client, row, field, message):
    place = JurisdictionFactory()
    if "jurisdiction" in row:
        row = row | {"jurisdiction": place.pk}
    court = CaseFactory().court
    url = reverse("admin:litigation_case_add")
    fields = {
        "campaign": first_review().pk, "caption": "United States v. Nowhere",
        "slug": "us-v-nowhere", "court": court.pk, "filed_on": "2018-05-02",
    }  # fmt: skip
    rows = {
        PARTIES: [row | {"position": 0}],
        CITATIONS: [{"source": SourceFactory().pk, "quote": "filed"}],
    }
    response = staff_client.post(url, post_data(staff_client, url, fields, rows))
    assert response.status_code == 200
    formset = next(
        f.formset for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == PARTIES
    )  # fmt: skip
    errors = formset.forms[0].errors
    assert message in " ".join(errors.get(field, [])), errors
    assert not Party.objects.filter(case__slug="us-v-nowhere").exists()


def test_a_jurisdiction_entered_twice_on_one_side_is_an_error_not_a_500(staff_client):
    place = JurisdictionFactory()
    court = CaseFactory().court
    url = reverse("admin:litigation_case_add")
    fields = {
        "campaign": first_review().pk, "caption": "Twice v. Sessions",
        "slug": "twice", "court": court.pk, "filed_on": "2018-05-02",
    }  # fmt: skip
    row = {"side": "plaintiff", "jurisdiction": place.pk, "position": 0}
    rows = {
        PARTIES: [row, row],
        CITATIONS: [{"source": SourceFactory().pk, "quote": "filed"}],
    }
    response = staff_client.post(url, post_data(staff_client, url, fields, rows))
    assert response.status_code == 200
    formset = next(
        f.formset for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == PARTIES
    )  # fmt: skip
    assert formset.forms[1].errors["jurisdiction"] == [
        "This jurisdiction is already a party on this side of the case."
    ]
    assert not Party.objects.exists()
