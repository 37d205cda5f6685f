"""The shipped data: what it loads, and that loading it again changes nothing."""

import shutil
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Campaign
from correspondence.models import GroupFinding, Letter, ReviewRound
from designations.models import Listing
from grants.models import Award, FigureKind, Qualifier, ReportedFigure
from jurisdictions.models import Jurisdiction
from litigation.models import Ruling
from review.jurisdictions import jurisdictions
from review.loader import DATA_DIR
from review.timeline import campaign_timeline, timeline
from sanctuary_tracker.models import Citation
from tests.totals import total

pytestmark = pytest.mark.django_db

# DOJ's list of 2018-01-24 as Patch reprinted it, completed from CIS.
THE_23 = {
    "Chicago, Illinois", "Cook County, Illinois", "New York City, New York",
    "State of California", "Albany, New York", "Berkeley, California",
    "Bernalillo County, New Mexico", "Burlington, Vermont",
    "City and County of Denver, Colorado", "Fremont, California", "Jackson, Mississippi",
    "King County, Washington", "Lawrence, Massachusetts", "City of Los Angeles, California",
    "Louisville Metro, Kentucky", "Monterey County, California",
    "Sacramento County, California", "City and County of San Francisco, California",
    "Sonoma County, California", "Watsonville, California", "West Palm Beach, Florida",
    "State of Illinois", "State of Oregon",
}  # fmt: skip


def load() -> str:
    out = StringIO()
    call_command("load_review_data", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every domain table, as plain values."""
    labels = [
        "sanctuary_tracker",
        "jurisdictions",
        "grants",
        "directives",
        "correspondence",
        "designations",
        "litigation",
    ]
    tables = {}
    for label in labels:
        for model in apps.get_app_config(label).get_models():
            tables[model._meta.label] = sorted(
                tuple(row.values()) for row in model.objects.order_by("pk").values()
            )
    return tables


@pytest.fixture
def loaded() -> None:
    load()


def test_the_2018_round_holds_exactly_the_23_named_by_doj(loaded):
    review_round = ReviewRound.objects.get(sent_on="2018-01-24")
    in_round = jurisdictions().in_round(review_round)
    assert set(in_round.values_list("listed_name", flat=True)) == THE_23
    assert in_round.count() == 23
    assert review_round.due_on.isoformat() == "2018-02-23"
    assert review_round.signer == "Jon Adler"
    kinds = list(in_round.values_list("kind", flat=True))
    assert (kinds.count("state"), kinds.count("county")) == (3, 6)


def test_earlier_rounds_and_their_deadlines(loaded):
    rounds = {
        r.sent_on.isoformat(): (
            jurisdictions().in_round(r).count(),
            r.due_on and r.due_on.isoformat(),
        )
        for r in ReviewRound.objects.all()
    }
    assert rounds["2017-04-21"] == (9, "2017-06-30")
    assert rounds["2017-10-11"] == (5, "2017-10-27")
    assert rounds["2017-11-15"] == (29, "2017-12-08")
    assert rounds["2018-01-24"] == (23, "2018-02-23")


def test_every_record_has_a_source(loaded):
    for label in [
        "jurisdictions",
        "grants",
        "directives",
        "correspondence",
        "litigation",
    ]:
        for model in apps.get_app_config(label).get_models():
            # Courts and programs are named by their records; a party, and a ruling's
            # effects on directives, are backed by their case's or ruling's sources.
            if model._meta.label in {
                "grants.Program",
                "litigation.Court",
                "litigation.Party",
                "litigation.RulingEffect",
            }:
                continue
            if model.__name__.startswith("Historical"):
                continue
            without = model.objects.exclude(
                pk__in=Citation.objects.filter(
                    content_type__app_label=model._meta.app_label,
                    content_type__model=model._meta.model_name,
                ).values("object_id")
            )
            assert not without.exists(), f"{model._meta.label} without a source"


def test_the_seed_figures_stay_visible_as_reported(loaded):
    wapo = ReportedFigure.objects.get(amount=Decimal("39000000"))
    assert (wapo.qualifier, wapo.fiscal_year) == (Qualifier.MORE_THAN, 2016)
    assert wapo.round.sent_on.isoformat() == "2018-01-24"
    assert wapo.citations.get().source.publisher == "The Washington Post"
    chicago = ReportedFigure.objects.get(jurisdiction__slug="chicago", amount=2000000)
    assert chicago.qualifier == Qualifier.MORE_THAN
    assert chicago.citations.get().source.publisher == "USA Today"


def test_oregons_award_is_not_disputed_by_the_delegations_group_figure(loaded):
    # The delegation's "approximately $3 million" covers the state and several local
    # governments: a group figure beside the award, not a second figure of it.
    oregon = Award.objects.get(recipient__slug="oregon", fiscal_year=2017, parent=None)
    figures = oregon.figures.filter(kind=FigureKind.ALLOCATION)
    assert [f.amount for f in figures] == [Decimal("18244126")]
    allocations = total(
        kind=FigureKind.ALLOCATION, fiscal_year=2017,
        jurisdictions=Jurisdiction.objects.filter(slug="oregon"),
    )  # fmt: skip
    assert allocations.disputed == []
    assert allocations.exact == Decimal("18244126")
    group = ReportedFigure.objects.get(
        jurisdiction__slug="oregon", fiscal_year=2017, amount=Decimal("3000000")
    )
    assert "local jurisdictions" in group.scope
    assert (group.kind, group.qualifier) == (FigureKind.ALLOCATION, Qualifier.ABOUT)
    assert group.citations.get().source.publisher != (
        figures.get().citations.first().source.publisher
    )


def test_the_joint_chicago_cook_award_is_counted_once(loaded):
    joint = Award.objects.get(recipient__slug="chicago", fiscal_year=2016, parent=None)
    assert list(joint.partners.values_list("slug", flat=True)) == ["cook-county"]
    both = total(
        kind=FigureKind.AWARD, fiscal_year=2016,
        jurisdictions=Jurisdiction.objects.filter(slug__in=["chicago", "cook-county"]),
    )  # fmt: skip
    assert both.counted + len(both.disputed) == 1
    assert both.not_recorded == []


def test_no_subpoena_was_issued_to_any_of_the_23(loaded):
    review_round = ReviewRound.objects.get(sent_on="2018-01-24")
    the_23 = jurisdictions().in_round(review_round)
    assert the_23.subpoena_threatened().count() == 23
    assert not the_23.subpoenaed().exists()
    assert not Letter.objects.subpoenas().exists()


def test_chicago_pi_opinion_is_41_pages_and_its_appeal_links_back(loaded):
    ruling = Ruling.objects.get(case__docket_number__contains="17-cv-05720",
                                decided_on="2017-09-15")  # fmt: skip
    assert ruling.page_count == 41
    appeal = ruling.appeals.get()
    assert appeal.court.level == "appeals"
    assert appeal.rulings.filter(decided_on="2018-04-19").exists()


def test_running_twice_changes_nothing(loaded):
    before = snapshot()
    output = load()
    assert snapshot() == before
    assert "created" not in output and "updated" not in output


def test_a_record_staff_edited_is_never_overwritten(loaded):
    jackson = Jurisdiction.objects.get(slug="jackson")
    jackson.population = 160000
    jackson.save()
    output = load()
    jackson.refresh_from_db()
    assert jackson.population == 160000
    assert "kept staff edits to jurisdiction jackson" in output


def test_a_bad_file_loads_nothing_and_names_the_record(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    letters = data / "letters.yaml"
    letters.write_text(
        letters.read_text(encoding="utf-8")
        + "\n- key: broken-letter\n  jurisdiction: atlantis\n  direction: to_jurisdiction\n"
        "  kind: document_demand\n  sent_on: 2018-01-24\n  sources: []\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as exc:
        call_command("load_review_data", data_dir=data, stdout=StringIO())
    assert "letters.yaml, record 'broken-letter'" in str(exc.value)
    assert "unknown jurisdiction 'atlantis'" in str(exc.value)
    assert not Jurisdiction.objects.exists()
    assert not Letter.objects.exists()


# Each of the 23 in DOJ's first review: AP's report of March 2019 cleared the members
# of the November 2017 round but Oregon (a group finding); the review's end in April
# 2021 closed what was still open (the suits, Oregon's withheld money); Cook County's
# money was released in January 2019 and it was not in that round; Illinois sued over
# its FY2018 money in May 2019, and the agreed order of 2019-10-25 released it.
THE_23_IN_THE_FIRST_REVIEW = {
    "albany": "cleared", "berkeley": "cleared", "bernalillo-county": "cleared",
    "burlington": "cleared", "chicago": "review_ended", "denver": "cleared",
    "san-francisco": "review_ended", "cook-county": "funds_released",
    "fremont": "cleared", "jackson": "cleared", "king-county": "cleared",
    "lawrence": "cleared", "los-angeles": "review_ended", "louisville": "cleared",
    "monterey-county": "cleared", "new-york-city": "review_ended",
    "sacramento-county": "cleared", "sonoma-county": "cleared",
    "california": "review_ended", "illinois": "funds_released", "oregon": "review_ended",
    "watsonville": "cleared", "west-palm-beach": "cleared",
}  # fmt: skip


# In 2025, each of the 23 with an event, its status and the day of the event that set
# it (review/status.py). DOJ's list of 2025-08-05 names 10 of the 23; Bondi's demand of
# 2025-08-13 reached California; San Francisco v. Trump's injunction of 2025-04-24
# covers San Francisco, King County and Monterey County, and its extension of
# 2025-08-22 the plaintiffs who joined on 2025-08-05 (Chicago, Denver, Los Angeles;
# every plaintiff's status reads the extension). DOJ's suit against Illinois, Chicago
# and Cook County became a dismissal with prejudice after 2025-08-22; its suit
# against Los Angeles was dismissed on 2026-06-20. Chicago sued DOJ again on
# 2025-11-12 (COPS conditions); Illinois and California won summary judgment against
# DHS's conditions on 2025-09-24. Louisville answered DOJ's letter of 2025-06-25 on
# 2025-07-21 (a procedural ruling, such as a motion to dismiss denied, sets nothing).
THE_23_ON_DOJS_2025_LIST = {
    "chicago", "cook-county", "new-york-city", "california", "berkeley", "denver",
    "los-angeles", "san-francisco", "illinois", "oregon",
}  # fmt: skip
THE_23_IN_2025 = {
    "berkeley": ("listed", "2025-08-05"),
    "new-york-city": ("listed", "2025-08-05"),
    "oregon": ("listed", "2025-08-05"),
    "cook-county": ("suit_dismissed", "2025-08-22"),
    "los-angeles": ("suit_dismissed", "2026-06-20"),
    "chicago": ("in_litigation", "2025-11-12"),
    "denver": ("enjoined", "2025-08-22"),
    "san-francisco": ("enjoined", "2025-08-22"),
    "king-county": ("enjoined", "2025-08-22"),
    "monterey-county": ("enjoined", "2025-08-22"),
    "california": ("enjoined", "2025-09-24"),
    "illinois": ("enjoined", "2025-09-24"),
    "louisville": ("responded", "2025-07-21"),
}  # fmt: skip


def test_the_23s_status_in_each_campaign(loaded):
    the_23 = jurisdictions().in_round(ReviewRound.objects.get(sent_on="2018-01-24"))
    first = dict(
        the_23.with_status(Campaign.objects.get(slug="doj-1373-review")).values_list(
            "slug", "status"
        )
    )
    assert first == THE_23_IN_THE_FIRST_REVIEW
    second = the_23.with_status(Campaign.objects.get(slug="sanctuary-campaign-2025"))
    assert {
        slug: (status, since and since.isoformat())
        for slug, status, since in second.values_list(
            "slug", "status", "status_since_on"
        )
    } == {
        slug: THE_23_IN_2025.get(slug, ("no_event", None))
        for slug in THE_23_IN_THE_FIRST_REVIEW
    }


def test_the_2025_list_holds_its_35_names_as_printed(loaded):
    listings = Listing.objects.filter(designation__slug="doj-2025-08-05")
    printed = list(
        listings.order_by("position").values_list(
            "category_as_printed", "name_as_printed"
        )
    )
    assert len(printed) == 35
    assert [c for c, _ in printed].count("state") == 13
    assert [c for c, _ in printed].count("county") == 4
    assert [c for c, _ in printed].count("city") == 18
    assert printed[0] == ("state", "California")
    assert printed[-1] == ("city", "San Francisco, California")
    assert not listings.filter(jurisdiction__isnull=True).exists()
    the_23 = jurisdictions().in_round(ReviewRound.objects.get(sent_on="2018-01-24"))
    assert (
        set(
            listings.filter(jurisdiction__in=the_23).values_list(
                "jurisdiction__slug", flat=True
            )
        )
        == THE_23_ON_DOJS_2025_LIST
    )
    new = Jurisdiction.objects.get(slug="east-lansing")
    assert (new.name, new.kind, new.state, new.population, new.fips_code) == (
        "East Lansing",
        "city",
        "MI",
        None,
        "",
    )


def test_the_ap_clearance_is_one_record_for_the_group_with_its_exception(loaded):
    finding = GroupFinding.objects.get()
    assert list(finding.exceptions.values_list("slug", flat=True)) == ["oregon"]
    assert len(GroupFinding.objects.members()[finding.pk]) == 28
    assert not Letter.objects.filter(kind="compliance_finding", sent_on="2019-03-02")


def test_the_2025_campaign_page_shows_its_suits_in_order_on_its_timeline(
    loaded, client
):
    page = client.get(reverse("campaigns:detail", args=["sanctuary-campaign-2025"]))
    assert page.status_code == 200
    labels = [(e.on.isoformat(), e.label) for e in page.context["timeline"]]
    assert labels[0] == ("2025-01-20", "The campaign began")
    assert ("2025-02-06", "The United States sued") in labels
    assert ("2025-02-07", "Lawsuit filed against the federal government") in labels
    assert ("2025-04-24", "Preliminary injunction: for the jurisdiction") in labels
    assert ("2025-07-25", "Dismissal without prejudice: for the jurisdiction") in labels
    assert labels == sorted(labels, key=lambda item: item[0])
    html = page.content.decode()
    assert (
        "United States v. State of Illinois</a> (N.D. Ill., filed February 6, 2025): "
        "<strong>brought by the United States</strong>" in html
    )
    ended = client.get(reverse("campaigns:detail", args=["doj-1373-review"]))
    timeline = [(e.on.isoformat(), e.label) for e in ended.context["timeline"]]
    end = timeline.index(("2021-04-01", "The campaign ended"))
    # What came after the end is on its timeline: the Ninth Circuit's ruling of 2022.
    assert timeline[end + 1 :] == [("2022-07-29", "Appellate decision: mixed")]


def test_san_francisco_v_trump_lists_who_joined_later(loaded, client):
    page = client.get(
        reverse("litigation:detail", args=["sf-v-trump"])
    ).content.decode()
    assert (
        '<a href="/jurisdictions/monterey-county/">Monterey County</a> '
        "<small>(joined 2025-02-27)</small>" in page
    )
    assert "<dt>Defendants</dt><dd>President Trump and his administration</dd>" in page
    monterey = client.get(reverse("jurisdictions:detail", args=["monterey-county"]))
    assert "Joined the lawsuit (plaintiff)" in [
        e.label for e in monterey.context["timeline"]
    ]


def test_the_three_supreme_court_petitions_were_dismissed_under_rule_46(loaded):
    dismissals = Ruling.objects.filter(
        case__court__level="supreme", kind="dismissal_by_stipulation"
    )
    assert sorted(dismissals.values_list("case__docket_number", "decided_on")) == [
        ("20-666", date(2021, 3, 4)),
        ("20-795", date(2021, 3, 4)),
        ("20-796", date(2021, 3, 4)),
    ]
    # The docket gives the day for No. 20-795; for the other two it is worked out from
    # "on Thursday" in a report of the next day.
    assert dict(dismissals.values_list("case__docket_number", "date_precision")) == {
        "20-666": "inferred", "20-795": "day", "20-796": "inferred",
    }  # fmt: skip
    petition = Ruling.objects.get(case__docket_number="20-666").case
    assert petition.appeal_of.case.docket_number == "18-17308, 18-17311"
    assert petition.filed_on == date(2020, 11, 13)


def test_an_inferred_ruling_date_says_so_on_the_case_page(loaded, client):
    page = client.get(reverse("litigation:detail", args=["ca7-17-2991"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "June 26, 2018 (inferred)" in html
    assert "by June 16, 2018" in html


def test_figures_a_source_says_were_received_are_not_awards(loaded):
    sonoma = Award.objects.get(recipient__slug="sonoma-county", fiscal_year=2016)
    assert list(sonoma.figures.values_list("kind", "amount")) == [
        (FigureKind.RECEIVED, Decimal("48297"))
    ]
    awards = total(
        kind=FigureKind.AWARD, fiscal_year=2016,
        jurisdictions=Jurisdiction.objects.filter(slug="sonoma-county"),
    )  # fmt: skip
    assert (awards.counted, awards.exact) == (0, 0)
    assert awards.not_recorded == ["Sonoma County"]
    received = total(
        kind=FigureKind.RECEIVED, fiscal_year=2016,
        jurisdictions=Jurisdiction.objects.filter(slug="sonoma-county"),
    )  # fmt: skip
    assert received.exact == Decimal("48297")
    lawrence = Award.objects.get(recipient__slug="lawrence", fiscal_year=2016)
    assert lawrence.figures.get(qualifier=Qualifier.ABOUT).kind == FigureKind.RECEIVED


def test_money_released_at_the_end_of_the_first_review(loaded):
    released = {
        (f.jurisdiction.slug, f.amount, f.qualifier, f.dated_on.isoformat())
        for f in ReportedFigure.objects.filter(
            kind=FigureKind.RELEASED, dated_on__year=2021
        )
    }
    assert released == {
        ("connecticut", Decimal("6400000"), Qualifier.ABOUT, "2021-05-04"),
        ("virginia", Decimal("10000000"), Qualifier.MORE_THAN, "2021-05-04"),
        ("new-york-state", Decimal("30000000"), Qualifier.MORE_THAN, "2021-05-04"),
    }
    illinois = Award.objects.get(recipient__slug="illinois", fiscal_year=2018)
    assert list(
        illinois.figures.order_by("dated_on").values_list("kind", "amount", "dated_on")
    ) == [
        (FigureKind.WITHHELD, Decimal("6600000"), date(2019, 5, 23)),
        (FigureKind.RELEASED, Decimal("6600000"), date(2019, 10, 25)),
    ]
    oregon = ReportedFigure.objects.get(
        jurisdiction__slug="oregon", kind=FigureKind.RELEASED
    )
    assert (oregon.dated_on, oregon.date_precision) == (date(2019, 7, 1), "month")


def test_a_listed_name_no_copy_gives_whole_says_where_it_was_completed(loaded, client):
    watsonville = Jurisdiction.objects.get(slug="watsonville")
    assert watsonville.listed_name == "Watsonville, California"
    assert "breaks off at “Watsonville, C”" in watsonville.listed_name_note
    assert Jurisdiction.objects.exclude(listed_name_note="").count() == 4
    page = client.get(watsonville.get_absolute_url()).content.decode()
    assert (
        "completed from CIS&#x27;s table" in page
        or "completed from CIS's table" in page
    )


def test_each_timeline_entry_cites_its_own_records_sources_in_order(loaded):
    """The timelines read every entry's citations in one query; each entry still gets
    exactly its records' own, in the order cited, on every status and campaign page."""

    def own(entry) -> list[tuple[int, str]]:
        return [
            (citation.pk, citation.source.publisher)
            for record in entry.records
            for citation in record.citations.order_by("pk").select_related("source")
        ]

    timelines = [timeline(j) for j in Jurisdiction.objects.published()]
    timelines += [campaign_timeline(c) for c in Campaign.objects.published()]
    entries = [entry for entries in timelines for entry in entries]
    cited = [e for e in entries if e.citations]
    assert len(cited) > 200
    assert {e.kind for e in cited} >= {"letter", "ruling", "lawsuit", "listed", "round"}
    for entry in entries:
        assert [(c.pk, c.source.publisher) for c in entry.citations] == own(entry)
    chicago = Jurisdiction.objects.get(slug="chicago")
    with CaptureQueriesContext(connection) as queries:
        timeline(chicago)
    citation_reads = [
        q for q in queries if 'FROM "sanctuary_tracker_citation"' in q["sql"]
    ]
    assert len(citation_reads) == 1


def test_chicagos_status_page_reads_its_flags_and_lists_once(
    loaded, client, django_assert_num_queries
):
    """Whether a subpoena was threatened or issued comes with the page's own row, and
    the timeline and the section of lists share one read of its listings."""
    client.get("/")  # the record's date, read by every page, cached
    with django_assert_num_queries(25):
        response = client.get("/jurisdictions/chicago/")
    page = response.content.decode()
    assert "Subpoena: <strong>threatened; none issued</strong>" in page
    listed = page.split('id="listings-heading"')[1].split("</section>")[0]
    timeline_listed = page.count('class="entry entry-listed"')
    assert timeline_listed >= 1
    assert listed.count("<li>") == timeline_listed
