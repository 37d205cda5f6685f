import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from sanctuary_tracker.paths import page_path
from tests.factories import CaseFactory, JurisdictionFactory, LetterFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["/", "/tracker/"])
def test_a_page_path_is_what_reverse_gives(prefix):
    letter = LetterFactory(jurisdiction=JurisdictionFactory(slug="st-louis-county"))
    case = CaseFactory(slug="city-of-chicago-v-sessions")
    set_script_prefix(prefix)
    try:
        assert letter.get_absolute_url() == reverse(
            "correspondence:detail", kwargs={"pk": letter.pk}
        )
        assert letter.jurisdiction.get_absolute_url() == reverse(
            "jurisdictions:detail", kwargs={"slug": "st-louis-county"}
        )
        assert case.get_absolute_url() == reverse(
            "litigation:detail", kwargs={"slug": "city-of-chicago-v-sessions"}
        )
        assert page_path("correspondence:detail", 7).startswith(prefix)
    finally:
        clear_script_prefix()
