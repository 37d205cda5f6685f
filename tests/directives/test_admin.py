"""Directives in the admin, and rulings' effects on them on each ruling's page."""

from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from directives.models import Directive
from litigation.models import RulingEffect
from tests.admin_forms import form_data
from tests.factories import (
    DirectiveFactory,
    RulingEffectFactory,
    RulingFactory,
    SourceFactory,
    second_campaign,
)

pytestmark = pytest.mark.django_db
CITATIONS = "sanctuary_tracker-citation-content_type-object_id"
EFFECTS = "effects"


@pytest.fixture
def staff_client() -> Client:
    user = User.objects.create_user(
        "editor", password="pw-for-tests-only", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=settings.DOMAIN_APPS
        ).exclude(codename__startswith="delete_")
    )
    client = Client()
    client.force_login(user)
    return client


def directive_fields(**overrides) -> dict:
    return {
        "campaign": second_campaign().pk,
        "kind": "executive_order",
        "title": "Protecting the American People Against Invasion",
        "slug": "eo-14159",
        "issuer": "President Donald Trump",
        "issued_on": "2025-01-20",
        "issued_precision": "day",
        "number": "14159",
        "citation": "90 Fed. Reg. 8443",
        "summary": "DOJ and DHS to keep federal funds from sanctuary jurisdictions.",
    } | overrides


def test_staff_add_a_directive_with_its_source_as_a_draft(staff_client):
    source = SourceFactory()
    url = reverse("admin:directives_directive_add")
    data = form_data(staff_client, url, directive_fields(),
                     {CITATIONS: [{"source": source.pk, "quote": "DOJ and DHS"}]})  # fmt: skip
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].errors
    directive = Directive.objects.get()
    assert [c.source for c in directive.citations.all()] == [source]
    assert not directive.is_published
    assert directive.history.get().history_change_reason == "Created in the admin"


def test_a_directive_without_a_source_or_number_is_refused(staff_client):
    url = reverse("admin:directives_directive_add")
    data = form_data(staff_client, url, directive_fields(number=""), {})
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["number"] == [
        "Give the executive order's number, e.g. 14159."
    ]
    assert "Add at least one source" in response.content.decode()
    assert not Directive.objects.exists()


def test_staff_record_a_rulings_effect_on_the_rulings_page(staff_client):
    directive = DirectiveFactory()
    ruling = RulingFactory(
        case__filed_on=date(2025, 2, 7), decided_on=date(2025, 4, 24)
    )
    url = reverse("admin:litigation_ruling_change", args=[ruling.pk])
    data = form_data(
        staff_client, url, {"change_reason": "Adds what the injunction enjoins"},
        {EFFECTS: [{"directive": directive.pk, "effect": "enjoins",
                    "note": "for the plaintiffs only"}],
         CITATIONS: [{"source": SourceFactory().pk}]},
    )  # fmt: skip
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].errors
    effect = RulingEffect.objects.get()
    assert (effect.directive, effect.effect) == (directive, "enjoins")
    page = staff_client.get(
        reverse("admin:directives_directive_change", args=[directive.pk])
    ).content.decode()
    assert "Rulings acting on it" in page
    assert url in page
    assert "enjoins (for the plaintiffs only)" in page


def test_directive_admin_list_search_and_filters(staff_client):
    effect = RulingEffectFactory()
    url = reverse("admin:directives_directive_changelist")
    response = staff_client.get(
        url, {"q": effect.directive.number, "kind": "executive_order"}
    )
    assert list(response.context["cl"].result_list) == [effect.directive]
    autocomplete = staff_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "litigation", "model_name": "rulingeffect",
         "field_name": "directive", "term": effect.directive.title},
    )  # fmt: skip
    assert autocomplete.status_code == 200
    assert autocomplete.json()["results"][0]["id"] == str(effect.directive.pk)
