"""DOJ's list of 2025-08-05 as the shipped data loads it: 35 names as printed."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from campaigns.models import Campaign
from designations.models import Designation, Listing
from review.jurisdictions import jurisdictions
from review.loader import DATA_DIR

pytestmark = pytest.mark.django_db

# The names the tracker follows, each with the jurisdiction it maps to.
MAPPED = {
    "California": "california", "Colorado": "colorado", "Connecticut": "connecticut",
    "District of Columbia": "washington-dc", "Illinois": "illinois",
    "New York": "new-york-state", "Oregon": "oregon", "Rhode Island": "rhode-island",
    "Vermont": "vermont", "Washington": "washington-state",
    "Cook County, Illinois": "cook-county",
    "San Francisco County, California": "san-francisco",
    "Albuquerque, New Mexico": "albuquerque", "Berkeley, California": "berkeley",
    "Chicago, Illinois": "chicago", "Denver, Colorado": "denver",
    "Los Angeles, California": "los-angeles", "New Orleans, Louisiana": "new-orleans",
    "New York City, New York": "new-york-city", "Newark, New Jersey": "newark",
    "Philadelphia, Pennsylvania": "philadelphia", "Portland, Oregon": "portland",
    "Seattle, Washington": "seattle", "San Francisco, California": "san-francisco",
    # Added with only what the list gives (its name, heading and state).
    "Delaware": "delaware", "Minnesota": "minnesota", "Nevada": "nevada",
    "Baltimore County, Maryland": "baltimore-county",
    "San Diego County, California": "san-diego-county",
    "Boston, Massachusetts": "boston", "East Lansing, Michigan": "east-lansing",
    "Hoboken, New Jersey": "hoboken", "Jersey City, New Jersey": "jersey-city",
    "Paterson, New Jersey": "paterson", "Rochester, New York": "rochester",
}  # fmt: skip


@pytest.fixture
def loaded():
    call_command("load_review_data", stdout=StringIO())


def test_dojs_list_has_its_35_names_in_order_under_their_headings(loaded):
    designation = Designation.objects.get(slug="doj-2025-08-05")
    listings = list(designation.listings.order_by("position"))
    assert [listing.position for listing in listings] == list(range(1, 36))
    assert listings[0].name_as_printed == "California"
    assert listings[4].name_as_printed == "District of Columbia"
    assert listings[-1].name_as_printed == "San Francisco, California"
    categories = [listing.category_as_printed for listing in listings]
    assert categories == ["state"] * 13 + ["county"] * 4 + ["city"] * 18
    mapped = {
        listing.name_as_printed: listing.jurisdiction.slug
        for listing in listings
        if listing.jurisdiction
    }
    assert mapped == MAPPED
    assert not designation.listings.removed().exists()
    assert all(listing.citations.exists() for listing in listings)


def test_the_count_disagreement_is_kept_with_its_sources(loaded):
    designation = Designation.objects.get(slug="doj-2025-08-05")
    assert "14 states, 4 counties and 19 cities" in designation.count_note
    quotes = list(designation.citations.values_list("quote", flat=True))
    assert any("12 states and the District of Columbia" in q for q in quotes)
    assert any("35 so-called" in q for q in quotes)


def test_dhss_list_is_withdrawn_and_names_no_one(loaded):
    dhs = Designation.objects.get(slug="dhs-2025-05-29")
    assert dhs.withdrawn_on_display == "by June 2, 2025"
    assert not dhs.listings.exists()


def test_the_listed_jurisdictions_of_the_2025_campaign(loaded):
    campaign = Campaign.objects.get(slug="sanctuary-campaign-2025")
    listed = jurisdictions().with_status(campaign).filter(status="listed")
    # Still "listed" unless a later event (or, on the list's day, a suit joined)
    # set another status: a suit, a ruling, a demand letter or a reply.
    later = {
        "boston": "sued_by_doj", "minnesota": "sued_by_doj",
        "chicago": "in_litigation", "washington-dc": "in_litigation",
        "denver": "enjoined", "san-francisco": "enjoined", "portland": "enjoined",
        "seattle": "enjoined", "california": "enjoined", "illinois": "enjoined",
        "cook-county": "suit_dismissed", "los-angeles": "suit_dismissed",
        "rochester": "suit_dismissed", "new-york-state": "suit_dismissed",
        "connecticut": "compliance_demanded", "washington-state": "responded",
    }  # fmt: skip
    assert set(listed.values_list("slug", flat=True)) == set(MAPPED.values()) - set(
        later
    )
    assert (
        dict(
            jurisdictions()
            .with_status(campaign)
            .filter(slug__in=later)
            .values_list("slug", "status")
        )
        == later
    )
    assert set(jurisdictions().listed(campaign).values_list("slug", flat=True)) == set(
        MAPPED.values()
    )
    assert Listing.objects.published().mapped().count() == 35


def test_an_unknown_jurisdiction_names_the_list_and_the_name(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "designations.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "jurisdiction: berkeley", "jurisdiction: atlantis"
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("load_review_data", data_dir=data, stdout=StringIO())
    assert "designations.yaml, record 'doj-2025-08-05 listing 19'" in str(error.value)
    assert "unknown jurisdiction 'atlantis'" in str(error.value)
    assert not Designation.objects.exists()


def test_a_list_reordered_or_shortened_in_the_file_loads_as_the_file_says(tmp_path):
    call_command("load_review_data", stdout=StringIO())
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "designations.yaml"
    text = path.read_text(encoding="utf-8")
    california = '  - {category: state, name: "California", jurisdiction: california}\n'
    colorado = '  - {category: state, name: "Colorado", jurisdiction: colorado}\n'
    assert california in text and colorado in text
    # California dropped, and Connecticut moved before Colorado.
    connecticut = (
        '  - {category: state, name: "Connecticut", jurisdiction: connecticut}\n'
    )
    text = text.replace(california, "", 1).replace(connecticut, "", 1)
    path.write_text(text.replace(colorado, connecticut + colorado, 1), encoding="utf-8")
    call_command("load_review_data", data_dir=data, stdout=StringIO())
    listings = Listing.objects.filter(designation__slug="doj-2025-08-05")
    assert listings.count() == 34
    assert list(
        listings.order_by("position").values_list("name_as_printed", flat=True)
    )[:2] == ["Connecticut", "Colorado"]
    assert not listings.filter(name_as_printed="California").exists()
    assert (
        jurisdictions()
        .listed(Campaign.objects.get(slug="sanctuary-campaign-2025"))
        .filter(slug="california")
        .exists()
        is False
    )
