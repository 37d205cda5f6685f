from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from directives.models import Directive
from litigation.models import RulingEffect
from sanctuary_tracker.listing import FilteredListView
from tests.factories import (
    AwardFactory,
    CampaignFactory,
    CaseFactory,
    CitationFactory,
    DirectiveFactory,
    ProgramFactory,
    RulingEffectFactory,
    RulingFactory,
    first_review,
)
from tests.test_paging import PAGE, every_page, exported

pytestmark = pytest.mark.django_db
LIST = reverse("directives:list")


@pytest.fixture
def directives() -> dict[str, Directive]:
    old = DirectiveFactory(
        campaign=first_review(), title="Enhancing Public Safety", slug="eo-13768",
        number="13768", issued_on=date(2017, 1, 25),
    )  # fmt: skip
    order = DirectiveFactory(
        title="Protecting the American People Against Invasion", slug="eo-14159",
        number="14159", citation="90 Fed. Reg. 8443", issued_on=date(2025, 1, 20),
    )  # fmt: skip
    memo = DirectiveFactory(
        kind=Directive.Kind.AG_MEMO, title="Sanctuary Jurisdiction Directives",
        slug="ag-memo", number="", issuer="Attorney General Pam Bondi",
        issued_on=date(2025, 2, 5),
    )  # fmt: skip
    DirectiveFactory(title="A draft", slug="draft", verified_at=None)
    return {"old": old, "order": order, "memo": memo}


def titles(response) -> list[str]:
    return [directive.title for directive in response.context["object_list"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Enhancing Public Safety", "Protecting the American People Against Invasion",
              "Sanctuary Jurisdiction Directives"]),
        ({"campaign": "doj-1373-review"}, ["Enhancing Public Safety"]),
        ({"kind": "ag_memo"}, ["Sanctuary Jurisdiction Directives"]),
        ({"issued_year": "2025"}, ["Protecting the American People Against Invasion",
                                   "Sanctuary Jurisdiction Directives"]),
        ({"q": "bondi"}, ["Sanctuary Jurisdiction Directives"]),
        ({"sort": "-issued"}, ["Sanctuary Jurisdiction Directives",
                               "Protecting the American People Against Invasion",
                               "Enhancing Public Safety"]),
        ({"sort": "title"}, ["Enhancing Public Safety",
                             "Protecting the American People Against Invasion",
                             "Sanctuary Jurisdiction Directives"]),
    ],
)  # fmt: skip
def test_directive_filters(client, directives, query, expected):
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert not response.context["filter"].form.errors
    assert titles(response) == expected


@pytest.mark.parametrize(
    ("key", "value"),
    [("campaign", "atlantis"), ("campaign", "\x00"), ("kind", "decree"),
     ("issued_year", "2025.5"), ("issued_year", "abc"), ("sort", "nope")],
)  # fmt: skip
def test_a_bad_filter_value_is_a_form_error_and_the_rest_still_applies(
    client, directives, key, value
):
    response = client.get(LIST, {"kind": "executive_order", key: value})
    assert response.status_code == 200
    assert key in response.context["filter"].form.errors
    if key != "kind":
        assert "Sanctuary Jurisdiction Directives" not in titles(response)


def test_detail_shows_its_facts_sources_and_the_rulings_that_act_on_it(
    client, directives
):
    order = directives["order"]
    CitationFactory(record=order, quote="DOJ and DHS are directed")
    program = ProgramFactory()
    award = AwardFactory(program=program, fiscal_year=2025)
    order.programs.add(program)
    order.awards.add(award)
    case = CaseFactory(caption="City and County of San Francisco v. Trump",
                       filed_on=date(2025, 2, 7))  # fmt: skip
    injunction = RulingFactory(case=case, decided_on=date(2025, 4, 24))
    RulingEffectFactory(ruling=injunction, directive=order,
                        note="for the plaintiffs only")  # fmt: skip
    hidden = RulingFactory(case=case, decided_on=date(2025, 5, 9), verified_at=None)
    RulingEffectFactory(ruling=hidden, directive=order, effect="upholds")
    later = DirectiveFactory(title="A later order", slug="later", revokes=order,
                             issued_on=date(2025, 6, 1))  # fmt: skip

    response = client.get(order.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "January 20, 2025" in content
    assert "90 Fed. Reg. 8443" in content
    assert "DOJ and DHS are directed" in content
    assert response.context["effects"] == [injunction.effects.get()]
    assert "Enjoins (for the plaintiffs only)" in content
    assert injunction.get_absolute_url() in content
    assert case.get_absolute_url() in content
    assert "Upholds" not in content
    assert later.get_absolute_url() in content
    assert award.get_absolute_url() in content
    assert "Byrne JAG" in content
    revoking = client.get(later.get_absolute_url()).content.decode()
    assert order.get_absolute_url() in revoking


def test_unknown_facts_read_not_recorded(client, directives):
    content = client.get(directives["memo"].get_absolute_url()).content.decode()
    assert "<dt>Number</dt><dd>not recorded</dd>" in content
    assert "No ruling on this directive is recorded." in content


def test_drafts_have_no_page(client, directives):
    assert client.get("/directives/draft/").status_code == 404


def test_case_page_shows_the_directives_each_ruling_acts_on(client, directives):
    ruling = RulingFactory(
        case__filed_on=date(2025, 2, 7), decided_on=date(2025, 4, 24)
    )
    RulingEffectFactory(ruling=ruling, directive=directives["order"])
    RulingEffectFactory(ruling=ruling, directive=directives["memo"],
                        effect=RulingEffect.Effect.DECLINES_TO_ENJOIN, note="in part")  # fmt: skip
    RulingEffectFactory(
        ruling=ruling, directive=DirectiveFactory(slug="hidden", verified_at=None)
    )
    content = client.get(ruling.case.get_absolute_url()).content.decode()
    assert 'Enjoins <a href="/directives/eo-14159/">Executive order 14159' in content
    assert "Declines to enjoin" in content and "(in part)" in content
    assert "/directives/hidden/" not in content


def test_campaign_page_lists_its_directives(client, directives):
    content = client.get(directives["order"].campaign.get_absolute_url()).content
    content = content.decode()
    assert directives["order"].get_absolute_url() in content
    assert directives["memo"].get_absolute_url() in content
    assert directives["old"].get_absolute_url() not in content
    assert "/directives/draft/" not in content
    other = client.get(CampaignFactory().get_absolute_url()).content.decode()
    assert "No directive is recorded for this campaign." in other


def test_the_nav_links_the_directives(client):
    assert f'href="{LIST}"' in client.get("/").content.decode()


def make(rows: int) -> None:
    for index in range(rows):
        directive = DirectiveFactory(issued_on=date(2025, 1, 1 + index % 28))
        CitationFactory(record=directive)


# The view's own queries: the page cache (which answers a repeat with none) is off.
@override_settings(PAGE_CACHE_SECONDS=0)
@pytest.mark.parametrize("query", [{}, {"campaign": "sanctuary-campaign-2025"},
                                   {"issued_year": "2025", "sort": "-title"}])  # fmt: skip
def test_list_query_count_does_not_grow_with_the_rows(
    client, django_assert_num_queries, query
):
    make(3)
    client.get(LIST, query)  # the campaign's and the total's queries warm up alike
    with django_assert_num_queries(3):  # the campaigns, the page's ids, its rows
        client.get(LIST, query)
    make(60)
    # and, after the write, the new total and the record's date, each read once
    with django_assert_num_queries(5):
        response = client.get(LIST, query)
    assert len(response.context["object_list"]) == 50
    with django_assert_num_queries(3):
        client.get(LIST, query)


def test_detail_query_count_does_not_grow(client, django_assert_num_queries):
    directive = DirectiveFactory()
    CitationFactory(record=directive)

    def effects(count: int) -> None:
        for _ in range(count):
            RulingEffectFactory(directive=directive, ruling__case__filed_on=None)

    effects(1)
    with django_assert_num_queries(8) as small:  # with the record's date
        client.get(directive.get_absolute_url())
    effects(5)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(directive.get_absolute_url())


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(FilteredListView, "paginate_by", PAGE)


@pytest.mark.parametrize(
    "query", [{}, {"sort": "-issued"}, {"sort": "issuer"}, {"sort": "-kind"}]
)
def test_pages_read_from_either_end_give_every_directive_once(
    client, small_pages, query
):
    """Ties (one date, one issuer) and undated directives, read a page at a time from
    either end, give the export's rows in the export's order."""
    for index in range(10):
        DirectiveFactory(
            issued_on=None if index % 4 == 0 else date(2025, 1, 20 + index % 2),
            issuer="President Donald Trump" if index % 3 else "Attorney General",
            kind="executive_order" if index % 2 else "other",
        )
    ids = every_page(client, LIST, query)
    assert len(ids) == 10
    assert ids == exported(client, LIST, query)
