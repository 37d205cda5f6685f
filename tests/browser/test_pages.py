"""What an analyst does, in a real browser, on the real data."""

import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from correspondence.models import Letter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def row_texts(page, column: int) -> list[str]:
    return page.locator(
        f"table.results tbody tr > :nth-child({column})"
    ).all_inner_texts()


def test_filter_by_state_shows_only_that_states_rows(page, live_server, real_data):
    page.goto(f"{live_server.url}/jurisdictions/")
    page.select_option("#id_state", "CA")
    page.click("text=Apply filters")
    page.wait_for_url("**state=CA**")
    states = row_texts(page, 2)
    assert states and set(states) == {"CA"}
    assert "Showing 1–" in page.inner_text("#result-count")


def test_open_a_status_page_and_read_its_timeline_in_date_order(
    page, live_server, real_data
):
    page.goto(f"{live_server.url}/jurisdictions/?q=Chicago")
    page.click("table.results >> text=Chicago")
    page.wait_for_url("**/jurisdictions/chicago/")
    assert page.inner_text("h1") == "Chicago"
    days = page.locator(".timeline .entry").evaluate_all(
        "entries => entries.map(e => e.dataset.date)"
    )
    assert len(days) > 5
    assert days == sorted(days)
    assert date.fromisoformat(days[0]) <= date(2017, 4, 21)
    assert "threatened; none issued" in page.inner_text(".status")


def test_change_sort_order(page, live_server, real_data):
    page.goto(f"{live_server.url}/jurisdictions/?state=CA")
    ascending = row_texts(page, 1)
    assert page.get_attribute("thead th:first-child", "aria-sort") == "ascending"
    page.click("thead >> text=Name")
    page.wait_for_url("**sort=-name**")
    assert row_texts(page, 1) == list(reversed(ascending))
    assert page.get_attribute("thead th:first-child", "aria-sort") == "descending"
    assert set(row_texts(page, 2)) == {"CA"}, "sorting keeps the filter"


def test_page_through_results(page, live_server, real_data):
    page.goto(f"{live_server.url}/letters/")
    count = page.inner_text("#result-count")
    assert "Showing 1–50 of" in count
    first_page = row_texts(page, 2)
    page.click("a[rel=next]")
    page.wait_for_url("**page=2**")
    assert "Showing 51–" in page.inner_text("#result-count")
    assert row_texts(page, 2) != first_page
    page.click("a[rel=prev]")
    page.wait_for_url("**page=1**")
    assert row_texts(page, 2) == first_page


def test_the_map_leads_to_the_filtered_list(page, live_server, real_data):
    page.goto(f"{live_server.url}/")
    tile = page.locator('svg a[aria-label^="IL Illinois:"]')
    label = tile.get_attribute("aria-label")
    tile.click()
    page.wait_for_url("**state=IL**")
    expected = int(label.split(": ")[1].split()[0])
    assert row_texts(page, 2) == ["IL"] * expected


def test_a_bad_filter_value_is_explained_beside_the_field(page, live_server, real_data):
    page.goto(f"{live_server.url}/jurisdictions/?fiscal_year=abc&state=OR")
    assert page.inner_text("#id_fiscal_year-error") == "Enter a whole number."
    assert page.get_attribute("#id_fiscal_year", "aria-invalid") == "true"
    assert set(row_texts(page, 2)) == {"OR"}


def test_a_campaign_page_leads_to_its_jurisdictions_by_status(
    page, live_server, real_data
):
    page.goto(f"{live_server.url}/")
    page.click(".campaigns >> text=DOJ's 8 U.S.C. 1373 / Byrne JAG review")
    page.wait_for_url("**/campaigns/doj-1373-review/")
    assert "April 2021" in page.inner_text(".facts")
    page.click("#statuses-heading + table >> text=Campaign ended")
    page.wait_for_url("**campaign=doj-1373-review**status=review_ended**")
    statuses = row_texts(page, 4)
    assert statuses and set(statuses) == {"Campaign ended"}


def test_a_status_page_shows_each_campaign_apart(page, live_server, real_data):
    page.goto(f"{live_server.url}/jurisdictions/west-palm-beach/")
    blocks = page.locator(".campaign-status")
    assert blocks.count() == 2
    first, second = blocks.nth(0).inner_text(), blocks.nth(1).inner_text()
    assert "1373" in first and "Status: Cleared (reported for the group)" in first
    assert "only Oregon has yet to be cleared" in first
    assert "(still open)" in second and "No review event recorded" in second


def test_a_status_page_with_a_status_in_both_campaigns(page, live_server, real_data):
    page.goto(f"{live_server.url}/jurisdictions/king-county/")
    blocks = page.locator(".campaign-status")
    first, second = blocks.nth(0).inner_text(), blocks.nth(1).inner_text()
    assert "Status: Cleared (reported for the group)" in first
    # the injunction's extension of 2025-08-22 is read for every plaintiff
    assert (
        "Status: Conditions enjoined for it" in second and "August 22, 2025" in second
    )
    page.click("#cases >> text=City and County of San Francisco v. Trump")
    page.wait_for_url("**/cases/sf-v-trump/")
    assert "King County" in page.inner_text(".facts")


def test_the_2025_campaign_page_leads_from_its_timeline_to_a_suit(
    page, live_server, real_data
):
    page.goto(f"{live_server.url}/campaigns/sanctuary-campaign-2025/")
    dates = page.locator("#timeline .entry").evaluate_all(
        "entries => entries.map(entry => entry.dataset.date)"
    )
    assert dates[0] == "2025-01-20" and dates == sorted(dates)
    page.click("#timeline >> text=The United States sued")
    page.wait_for_url("**/cases/us-v-illinois/")
    facts = page.inner_text(".facts")
    assert "The United States" in facts and "State of Illinois" in facts
    page.click(".facts >> text=Chicago")
    page.wait_for_url("**/jurisdictions/chicago/")
    assert "Sued by the United States" in page.inner_text("#cases")


def test_search_from_the_header_box_and_open_a_result(page, live_server, real_data):
    page.goto(f"{live_server.url}/letters/")
    page.fill("header input[name=q]", "Leinenweber")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search/?q=Leinenweber")
    assert "Showing 1–" in page.inner_text("#result-count")
    assert page.input_value("header input[name=q]") == "Leinenweber"
    first = page.locator(".search-results li").first
    assert "Leinenweber" in first.locator("mark").first.inner_text()
    page.click(".search-results >> text=City of Chicago v. Sessions")
    page.wait_for_url("**/cases/chicago-v-sessions/")
    assert "Leinenweber" in page.inner_text("main")
    page.go_back()
    page.click('.facets a:text-is("Case")')
    page.wait_for_url("**kind=case**")
    kinds = page.locator(".search-results .meta .tag").all_inner_texts()
    assert kinds and set(kinds) == {"Case"}


PAGES = ["/", "/campaigns/", "/campaigns/doj-1373-review/",
         "/campaigns/sanctuary-campaign-2025/", "/jurisdictions/",
         "/jurisdictions/chicago/", "/letters/", "/letters/{letter}/", "/awards/",
         "/cases/", "/cases/chicago-v-sessions/", "/cases/us-v-illinois/", "/lists/",
         "/lists/doj-2025-08-05/", "/directives/", "/directives/eo-14287/",
         "/data/", "/search/?q=Leinenweber", "/search/?q=sanctu%2A&kind=case",
         "/search/?q=%2A", "/compare/?j=chicago&j=cook-county&j=illinois",
         "/compare/", "/jurisdictions/illinois/",
         # A list with a value its form refuses: the error beside its field.
         "/letters/?sent_after=not-a-date"]  # fmt: skip


def resolve(path: str) -> str:
    """A letter has no slug: the check opens the first one loaded."""
    if "{letter}" in path:
        return path.format(letter=Letter.objects.order_by("pk").first().pk)
    return path


def axe_problems(page, axe_script) -> list[str]:
    """axe-core's default rule set, every rule it runs by default."""
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


def watch_console(page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.parametrize("path", PAGES)
def test_pages_pass_axe_with_no_console_errors(
    browser, live_server, real_data, axe_script, path
):
    # The site's Content-Security-Policy forbids injected scripts; axe is the test's own.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    errors = watch_console(page)
    page.goto(f"{live_server.url}{resolve(path)}", wait_until="networkidle")
    problems = axe_problems(page, axe_script)
    context.close()
    assert problems == []
    assert errors == []


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("favicon.svg")
    icon = finders.find("favicon.svg")
    assert icon and "<svg" in Path(icon).read_text()
    assert static("favicon.svg") in client.get("/").content.decode()


@pytest.mark.parametrize("width", [375])
def test_pages_fit_a_narrow_screen(browser, live_server, real_data, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    too_wide = []
    for path in PAGES:
        page.goto(f"{live_server.url}{resolve(path)}")
        overflow = page.evaluate("document.documentElement.scrollWidth")
        if overflow > width:
            too_wide.append(f"{path} is {overflow}px wide at {width}px")
    context.close()
    assert too_wide == []


def html_errors(vnu: list[str], bodies: list[bytes], tmp_path: Path) -> list[str]:
    """The Nu HTML checker's errors in these pages, each "page N, line L: message"."""
    files = []
    for index, body in enumerate(bodies):
        target = tmp_path / f"page{index}.html"
        target.write_bytes(body)
        files.append(str(target))
    result = subprocess.run(
        [*vnu, "--format", "json", "--errors-only", *files],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')[
        "messages"
    ]
    return [
        f"{Path(m.get('url', '')).stem}, line {m.get('lastLine')}: {m['message']}"
        for m in messages
    ]


def test_pages_are_valid_html(client, real_data, vnu, tmp_path):
    bodies = [client.get(resolve(path)).content for path in PAGES]
    assert html_errors(vnu, bodies, tmp_path) == []


def test_data_page_time_has_whole_seconds(client, real_data):
    html = client.get("/data/").content.decode()
    stamp = re.search(r'<time datetime="([^"]+)"', html).group(1)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", stamp), stamp
