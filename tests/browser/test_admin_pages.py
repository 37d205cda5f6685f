"""The admin's letter form, as staff see it: accessible, valid HTML, and no wider than
a 1,280-pixel window."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User

from correspondence.models import Letter
from tests.browser.test_pages import axe_problems, html_errors, watch_console
from tests.browser.test_staff import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTH = 1280
PASSWORD = "pw-staff-1373"


@pytest.fixture
def staff(real_data) -> User:
    return User.objects.create_superuser("staff", password=PASSWORD)


def letter_forms() -> list[str]:
    """The add form, and the change form of a letter with a cited source."""
    letter = Letter.objects.filter(citations__isnull=False).order_by("pk").first()
    return [
        "/admin/correspondence/letter/add/",
        f"/admin/correspondence/letter/{letter.pk}/change/",
    ]


def test_letter_forms_fit_1280px_and_pass_axe(browser, live_server, staff, axe_script):
    # axe is the test's own script: the admin's Content-Security-Policy forbids it.
    context, page = log_in(
        browser, live_server, "staff", PASSWORD, width=WIDTH, bypass_csp=True
    )
    errors = watch_console(page)
    too_wide, problems = {}, {}
    for path in letter_forms():
        page.goto(f"{live_server.url}{path}", wait_until="networkidle")
        page.wait_for_selector("#id_jurisdiction + .select2")  # the widgets are built
        scroll, window = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > window:
            too_wide[path] = f"{scroll}px wide in a {window}px window"
        problems[path] = axe_problems(page, axe_script)
    # A source row added on the page gets its box named too.
    page.click(".add-row a")
    page.wait_for_selector(
        "#id_sanctuary_tracker-citation-content_type-object_id-1-source + .select2"
    )
    problems["a source row added"] = axe_problems(page, axe_script)
    context.close()
    assert too_wide == {}
    assert problems == {path: [] for path in problems}
    assert errors == []


def test_letter_forms_are_valid_html(client, staff, vnu, tmp_path):
    client.force_login(staff)
    bodies = []
    for path in letter_forms():
        response = client.get(path)
        assert response.status_code == 200
        bodies.append(response.content)
    assert html_errors(vnu, bodies, tmp_path) == []


def test_every_admin_list_and_add_form_fits_1280px(browser, live_server, staff):
    """The sources inline is stacked on every tracked record's form, and no list or
    form of the domain's admin scrolls sideways in a 1,280-pixel window."""
    context, page = log_in(browser, live_server, "staff", PASSWORD, width=WIDTH)
    too_wide = {}
    for model in admin.site._registry:
        if model._meta.app_label not in settings.DOMAIN_APPS:
            continue
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for path in (base, f"{base}add/"):
            page.goto(f"{live_server.url}{path}", wait_until="networkidle")
            scroll, window = page.evaluate(
                "[document.documentElement.scrollWidth,"
                " document.documentElement.clientWidth]"
            )
            if scroll > window:
                too_wide[path] = f"{scroll}px wide in a {window}px window"
    context.close()
    assert too_wide == {}
