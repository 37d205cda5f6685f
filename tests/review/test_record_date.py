"""Every page says how current its record is."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import JurisdictionFactory, LetterFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_every_page_gives_the_whole_records_date_and_a_status_page_its_own(client):
    chicago = JurisdictionFactory(slug="chicago", name="Chicago")
    LetterFactory(jurisdiction=chicago, sent_on=date(2018, 1, 24), due_on=None)
    LetterFactory(sent_on=date(2025, 8, 13), due_on=None)
    SourceFactory(published_on=date(2019, 3, 2))
    for path in ["/", reverse("jurisdictions:list"), reverse("correspondence:list")]:
        page = client.get(path).content.decode()
        assert "The whole record as of <strong>August 13, 2025</strong>" in page, path
    page = client.get(chicago.get_absolute_url()).content.decode()
    assert "This page's record as of <strong>January 24, 2018</strong>" in page
    assert "The whole record as of <strong>August 13, 2025</strong>" in page


def test_an_empty_record_says_not_recorded(client):
    page = client.get("/").content.decode()
    assert "The whole record as of <strong>not recorded</strong>" in page
