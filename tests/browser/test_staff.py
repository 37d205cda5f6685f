"""An Editor enters a letter in the admin; once a second staff member verifies it, the
public timeline shows it."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from correspondence.models import Letter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(
    browser, live_server, username: str, password: str, width: int = 1280, **options
):
    context = browser.new_context(viewport={"width": width, "height": 1000}, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return context, page


def choose(page, field: str, text: str) -> None:
    """Pick an option in an admin autocomplete (select2) by typing."""
    page.click(f"#{field} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


def test_editor_adds_a_letter_and_it_appears_after_verification(browser, live_server,
                                                                real_data):  # fmt: skip
    call_command("setup_roles", verbosity=0)
    for name in ("editor", "checker"):
        user = User.objects.create_user(name, password=f"pw-{name}-1373", is_staff=True)
        user.groups.add(Group.objects.get(name="Editors"))

    context, page = log_in(browser, live_server, "editor", "pw-editor-1373")
    page.goto(f"{live_server.url}/admin/correspondence/letter/add/")
    choose(page, "id_jurisdiction", "Burlington")
    page.select_option("#id_direction", "to_jurisdiction")
    page.select_option("#id_kind", "compliance_finding")
    page.select_option("#id_finding", "compliant")
    page.fill("#id_sent_on", "2018-06-01")
    page.fill("#id_summary", "Browser-entered finding for the timeline test.")
    choose(
        page,
        "id_sanctuary_tracker-citation-content_type-object_id-0-source",
        "VTDigger",
    )
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/correspondence/letter/")
    letter = Letter.objects.get(summary__startswith="Browser-entered")
    assert letter.verified_at is None
    context.close()

    page = browser.new_page()
    page.goto(f"{live_server.url}/jurisdictions/burlington/")
    assert "Browser-entered finding" not in page.inner_text("#timeline")
    page.close()

    context, page = log_in(browser, live_server, "checker", "pw-checker-1373")
    page.goto(f"{live_server.url}/admin/correspondence/letter/?review=draft")
    page.check(f"input[name=_selected_action][value='{letter.pk}']")
    page.select_option("select[name=action]", "verify_selected")
    page.click("button[name=index]")
    page.wait_for_selector("text=1 record(s) verified and published.")
    context.close()

    page = browser.new_page()
    page.goto(f"{live_server.url}/jurisdictions/burlington/")
    timeline = page.inner_text("#timeline")
    assert "Browser-entered finding for the timeline test." in timeline
    assert "Status: Found compliant" in page.inner_text(".status")
    page.close()
