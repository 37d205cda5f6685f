"""A reader compares three jurisdictions from the filtered list, in a real browser."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUGS = ["chicago", "cook-county", "illinois"]


def compare_cells(page) -> dict[tuple[str, str, int], str]:
    """The comparison's cells: (section, row key, column) -> the value shown."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(
            'table.compare-table tbody tr')].flatMap(tr => [...tr.querySelectorAll(
            'td')].map((td, i) => [tr.closest('table').dataset.section + '|' +
            tr.dataset.key + '|' + i, td.querySelector('.value').innerText])))"""
    )


def own_page(page, url: str) -> tuple[dict[str, str], dict[str, str]]:
    """A status page's status per campaign, and its FY2016/FY2017 totals as the
    comparison words them (exact and approximate parts, "; " between)."""
    page.goto(url)
    statuses = {}
    for block in page.locator(".campaign-status").all():
        slug = block.get_attribute("id").removeprefix("campaign-")
        statuses[slug] = (
            block.locator(".status-line").inner_text().removeprefix("Status: ")
        )
    totals = {}
    table = page.locator("#awards table", has_text="Totals by fiscal year")
    for row in table.locator("tbody tr").all():
        year, kind, exact, approximate, _ = [
            cell.inner_text().strip() for cell in row.locator("th, td").all()
        ]
        if year in ("FY2016", "FY2017"):
            parts = [p for p in (exact, approximate) if p != "—"]
            totals[f"{year}-{kind}"] = "; ".join(parts)
    return statuses, totals


def test_compare_three_from_the_filtered_list(browser, live_server, real_data):
    page = browser.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/jurisdictions/")
    page.select_option("#id_state", "IL")
    page.click("text=Apply filters")
    page.wait_for_url("**state=IL**")
    for slug in SLUGS:
        page.check(f'input[name=j][value="{slug}"]')
    page.click("text=Compare selected")
    page.wait_for_url("**/compare/?j=**")
    headers = page.locator("#compare-status thead th[data-slug]").evaluate_all(
        "ths => ths.map(th => th.dataset.slug)"
    )
    assert headers == SLUGS
    shared = page.url
    cells = compare_cells(page)
    checked = 0
    for index, slug in enumerate(SLUGS):
        statuses, totals = own_page(page, f"{live_server.url}/jurisdictions/{slug}/")
        assert statuses
        for campaign, label in statuses.items():
            assert cells[f"status|{campaign}|{index}"] == label
            checked += 1
        assert totals
        for key, text in totals.items():
            assert cells[f"money|FY{key.removeprefix('FY')}|{index}"] == text
            checked += 1
    assert checked >= 10
    fresh = browser.new_page()
    fresh.goto(shared)
    assert compare_cells(fresh) == cells
    fresh.close()
    page.close()
