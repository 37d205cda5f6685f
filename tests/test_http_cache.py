"""ETag, Last-Modified, 304s and Cache-Control from the data version."""

import time

import pytest
from django.contrib.auth.models import User
from django.test import override_settings

from tests.factories import JurisdictionFactory, LetterFactory

# Without a shared cache the validators also change every AGGREGATE_CACHE_SECONDS;
# a day keeps that from falling between two requests of a test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("letters")]
PUBLIC_URLS = [
    "/",
    "/letters/",
    "/letters/?kind=document_demand",
    "/letters/export.csv",
    "/jurisdictions/export.json",
    "/feeds/changes.atom",
]


@pytest.fixture(autouse=True)
def _long_period():
    with override_settings(AGGREGATE_CACHE_SECONDS=24 * 60 * 60):
        yield


@pytest.fixture
def letters() -> None:
    LetterFactory(jurisdiction=JurisdictionFactory(name="Chicago", slug="chicago"))


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_a_public_answer_is_304_to_its_own_etag_until_a_write(
    client, url, django_assert_num_queries
):
    """A page, an export or a feed answers its own ETag with a 304 (no query run, no
    stream started); after a write, 200 with a new ETag."""
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert first["Cache-Control"] == ("public, max-age=60, stale-while-revalidate=300")

    with django_assert_num_queries(0):
        again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert not again.streaming
    assert again["ETag"] == etag
    assert again["Cache-Control"] == first["Cache-Control"]

    LetterFactory()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_if_modified_since_is_honoured(client):
    """If-Modified-Since at the Last-Modified given: 304; after a write, 200, even
    within the same second (no Last-Modified is given during the second of a write,
    so a later write always has a later date)."""
    time.sleep(1.05)  # the fixture's write is in a past second
    since = client.get("/letters/")["Last-Modified"]
    ask = {"If-Modified-Since": since}
    assert client.get("/letters/", headers=ask).status_code == 304
    LetterFactory()
    assert client.get("/letters/", headers=ask).status_code == 200


def test_each_address_has_its_own_etag(client):
    """Another query string is another response, so another ETag."""
    assert (
        client.get("/letters/")["ETag"] != client.get("/letters/?sort=-sent_on")["ETag"]
    )


def test_a_signed_in_staff_member_gets_private_answers(client):
    """A staff session's pages (which may show drafts) are never shared: private, no
    validator, and no 304."""
    client.force_login(User.objects.create_user("editor", is_staff=True))
    response = client.get("/letters/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "ETag" not in response


@pytest.mark.parametrize("signed_in", [False, True])
def test_an_admin_page_is_never_public(client, signed_in):
    """Anything under /admin/ is private, signed in or not."""
    if signed_in:
        client.force_login(
            User.objects.create_superuser("admin", "admin@example.org", "pw-1373-x")
        )
    response = client.get("/admin/" if signed_in else "/admin/login/")
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_errors_carry_no_validators(client):
    """A 404 is not given an ETag or a public Cache-Control."""
    response = client.get("/jurisdictions/no-such-place/")
    assert response.status_code == 404
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")
