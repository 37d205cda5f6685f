"""A submitted filter form lands on the list's clean address, with or without
JavaScript: the script leaves the empty fields out, the server redirects without it."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=[True, False], ids=["script", "no-script"])
def reader(request, browser):
    """A page in a browser with JavaScript on, and one with it off; and the addresses
    it was sent to (a redirect's too)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        java_script_enabled=request.param,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    asked: list[str] = []
    page.on(
        "request",
        lambda sent: sent.is_navigation_request() and asked.append(sent.url),
    )
    yield request.param, page, asked
    context.close()


def test_a_filter_form_lands_on_the_clean_address(reader, live_server, real_data):
    script, page, asked = reader
    page.goto(f"{live_server.url}/jurisdictions/")
    page.select_option("#id_state", "CA")
    page.select_option("#id_subpoena_threatened", "true")
    page.select_option("#id_sort", "-name")
    asked.clear()
    page.click("text=Apply filters")
    clean = (
        f"{live_server.url}/jurisdictions/?state=CA&subpoena_threatened=true&sort=-name"
    )
    page.wait_for_url(clean)
    states = page.locator("table.results tbody tr > :nth-child(2)").all_inner_texts()
    assert states and set(states) == {"CA"}
    assert page.input_value("#id_subpoena_threatened") == "true"
    if script:  # straight there, no redirect
        assert asked == [clean]
    else:  # the form's whole query, then the clean one it is redirected to
        assert len(asked) == 2 and "q=&state=CA" in asked[0] and asked[1] == clean


def test_the_search_form_keeps_its_facet_on_the_clean_address(
    reader, live_server, real_data
):
    script, page, asked = reader
    page.goto(f"{live_server.url}/search/?q=Leinenweber&kind=case")
    page.fill("main input[name=q]", "sanctuary")
    page.press("main input[name=q]", "Enter")
    page.wait_for_url(f"{live_server.url}/search/?q=sanctuary&kind=case")
    kinds = page.locator(".search-results .meta .tag").all_inner_texts()
    assert kinds and set(kinds) == {"Case"}
