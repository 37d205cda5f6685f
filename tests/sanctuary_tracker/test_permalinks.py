"""A list's address is its permalink: a query string with empty fields, or its fields
out of order, is redirected to the clean one; exports and refused values are not."""

import re

import pytest
from django import forms
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django_filters import FilterSet, MultipleChoiceFilter

from jurisdictions.models import Jurisdiction
from sanctuary_tracker.http_cache import ConditionalGetMiddleware
from sanctuary_tracker.listing import FilteredListView, SortFilter, YesNoSelect
from tests.factories import JurisdictionFactory, LetterFactory

pytestmark = pytest.mark.django_db

# (list, a query string as a form sends it, its clean form, a query with a bad value)
LISTS = [
    (
        "/jurisdictions/",
        "q=&state=CA&kind=&campaign=&status=&round=&reviewed=unknown"
        "&subpoena_threatened=unknown&in_litigation=&sued_by_doj=&listed="
        "&fiscal_year=&jag_min=&jag_max=&sort=-name",
        "state=CA&sort=-name",
        ("q=&state=CA&fiscal_year=abc", "fiscal_year"),
    ),
    (
        "/letters/",
        "sort=-due&answered=false&q=&round=&kind=&direction=&state=&sent_after="
        "&overdue=unknown&reply=",
        "answered=false&sort=-due",
        ("sent_after=2018-13-45&kind=", "sent_after"),
    ),
    (
        "/awards/",
        "q=&fiscal_year=2018&kind=&qualifier=&jurisdiction=&state=&amount_min="
        "&amount_max=&sort=amount&page=2",
        "fiscal_year=2018&sort=amount&page=2",
        ("fiscal_year=abc&q=", "fiscal_year"),
    ),
    (
        "/cases/",
        "q=&court=&status=&jurisdiction=&brought_by=united_states&ruling_kind="
        "&filed_after=&filed_before=&sort=",
        "brought_by=united_states",
        ("filed_after=2018-13-45&q=", "filed_after"),
    ),
    (
        "/lists/",
        "q=&designation=&category=&jurisdiction=&tracked=true&sort=",
        "tracked=true",
        ("tracked=maybe&q=", "tracked"),
    ),
    (
        "/directives/",
        "q=&campaign=&kind=&issued_year=2025&sort=",
        "issued_year=2025",
        ("issued_year=abc&kind=", "issued_year"),
    ),
    (
        "/search/",
        "kind=case&q=sanctuary&campaign=&jurisdiction=&year=",
        "q=sanctuary&kind=case",
        ("q=%2A&kind=", "q"),
    ),
]
IDS = [row[0].strip("/") for row in LISTS]


@pytest.mark.parametrize(("url", "asked", "clean", "bad"), LISTS, ids=IDS)
def test_a_query_with_empty_fields_redirects_to_the_clean_one(
    client, url, asked, clean, bad
):
    response = client.get(f"{url}?{asked}")
    assert response.status_code == 302
    assert response["Location"] == f"{url}?{clean}"


@pytest.mark.parametrize(("url", "asked", "clean", "bad"), LISTS, ids=IDS)
def test_the_clean_query_is_answered_as_it_is(client, url, asked, clean, bad):
    response = client.get(f"{url}?{clean}")
    assert response.status_code == 200
    assert response.context["filter"].form.errors == {}


@pytest.mark.parametrize(("url", "asked", "clean", "bad"), LISTS, ids=IDS)
def test_only_empty_fields_redirect_to_the_bare_list(client, url, asked, clean, bad):
    empty = "&".join(f"{name}=" for name in re.findall(r"(\w+)=", asked))
    response = client.get(f"{url}?{empty}")
    assert response.status_code == 302
    assert response["Location"] == url


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize(("url", "asked", "clean", "bad"), LISTS, ids=IDS)
def test_an_export_answers_the_query_as_asked(client, url, asked, clean, bad, fmt):
    response = client.get(f"{url}export.{fmt}?{asked}")
    assert response.status_code == 200
    assert "Location" not in response
    b"".join(response.streaming_content)


@pytest.mark.parametrize(("url", "asked", "clean", "bad"), LISTS, ids=IDS)
def test_a_bad_value_is_shown_with_its_error_not_redirected(
    client, url, asked, clean, bad
):
    query, field = bad
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200
    assert field in response.context["filter"].form.errors
    assert f'id="id_{field}-error"' in response.content.decode()


def test_the_feed_answers_its_query_as_asked(client):
    response = client.get("/feeds/changes.atom?q=&kind=")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("asked", "clean"),
    [
        ("state=CA&state=", ""),  # the form reads the last: no state
        ("state=NY&state=CA", "state=CA"),
        ("q=%20%20&state=CA", "state=CA"),  # a blank box is stripped to nothing
        ("state=CA&page=", "state=CA"),
        ("page=2&state=CA", "state=CA&page=2"),
        ("utm_source=mail&q=&state=CA", "state=CA&utm_source=mail"),
        ("reviewed=unknown&listed=false", "listed=false"),
    ],
)
def test_what_the_clean_query_keeps(client, asked, clean):
    response = client.get(f"/jurisdictions/?{asked}")
    assert response.status_code == 302
    assert response["Location"] == "/jurisdictions/" + (f"?{clean}" if clean else "")


@pytest.mark.parametrize(
    "query",
    ["q=sanctu*", "q=sanctu%2A", "q=two+words", "q=two%20words", "q=%22a+phrase%22"],
)
def test_another_spelling_of_the_same_query_is_not_redirected(client, query):
    """Browsers and Python encode a few characters differently (* and spaces): the
    values are compared, not the spelling."""
    response = client.get(f"/search/?{query}")
    assert response.status_code == 200


def test_the_clean_query_of_a_page_is_its_own(client):
    """Following the redirect lands on the page, which does not redirect again."""
    response = client.get("/letters/?q=&state=IL&kind=", follow=True)
    assert response.redirect_chain == [("/letters/?state=IL", 302)]
    assert response.status_code == 200


def test_every_sort_and_page_link_is_already_clean(client, settings, monkeypatch):
    monkeypatch.setattr(FilteredListView, "paginate_by", 1)
    place = JurisdictionFactory(state="IL")
    LetterFactory.create_batch(3, jurisdiction=place)
    html = client.get("/letters/?state=IL&sort=kind&page=2").content.decode()
    links = re.findall(r'href="(\?[^"]*)"', html)
    assert len(links) >= 8  # every sortable header, Previous and Next
    for link in links:
        response = client.get(f"/letters/{link.replace('&amp;', '&')}")
        assert response.status_code == 200, link


@override_settings(PAGE_CACHE_SECONDS=60)
def test_a_redirect_is_neither_cached_nor_given_validators(client):
    url = "/jurisdictions/?q=&state=CA"
    first = client.get(url)
    assert first.status_code == 302
    assert "ETag" not in first and "Cache-Control" not in first
    headers, *_ = ConditionalGetMiddleware(lambda request: None).validators(
        RequestFactory().get(url)
    )
    assert cache.get(ConditionalGetMiddleware.page_key(headers["ETag"])) is None
    assert client.get(url).status_code == 302


def test_the_yes_no_select_sends_nothing_for_either():
    """Its "either" option is empty like every other field's, so a form leaves it
    out; the option chosen follows the value."""
    widget = YesNoSelect()
    assert [value for value, _ in widget.choices] == ["", "true", "false"]
    assert 'value="" selected' in widget.render("reviewed", None)
    assert 'value="true" selected' in widget.render("reviewed", True)
    assert 'value="false" selected' in widget.render("reviewed", False)
    assert widget.value_from_datadict({"reviewed": "unknown"}, {}, "reviewed") is None


class TagFilterSet(FilterSet):
    sort = SortFilter(fields=[("name", "name")])
    kind = MultipleChoiceFilter(
        choices=Jurisdiction.Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    state = MultipleChoiceFilter(choices=[("CA", "CA"), ("IL", "IL")])

    class Meta:
        model = Jurisdiction
        fields: list[str] = []


class TagListView(FilteredListView):
    model = Jurisdiction
    filterset_class = TagFilterSet


@pytest.mark.parametrize(
    ("asked", "clean"),
    [
        ("state=IL&state=CA&sort=name&kind=city", "kind=city&state=IL&state=CA&sort=name"),
        ("kind=county&sort=&kind=city", "kind=county&kind=city"),
    ],
)  # fmt: skip
def test_a_field_of_several_values_keeps_each_in_order(asked, clean):
    response = TagListView.as_view()(RequestFactory().get(f"/tags/?{asked}"))
    assert response.status_code == 302
    assert response["Location"] == f"/tags/?{clean}"
