"""The project's select.html (templates/django/forms/widgets/) writes the same markup
as Django's own, which includes a template for each option."""

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer

CHOICES = [
    ("", "---------"),
    ("CA", "CA — California"),
    ("Later", [("2025", "The campaign of 2025 & after"), ("2026", '"quoted"')]),
    (7, "a number"),
]


def test_forms_render_the_projects_select_template():
    template = get_default_renderer().get_template("django/forms/widgets/select.html")
    assert template.origin.name == str(
        settings.BASE_DIR / "templates" / "django" / "forms" / "widgets" / "select.html"
    )


@pytest.mark.parametrize(
    "widget, value, options, selected",
    [
        (forms.Select(choices=CHOICES), "CA", 5, 1),
        (forms.Select(choices=CHOICES, attrs={"class": "wide", "required": True}), "", 5, 1),
        (forms.SelectMultiple(choices=CHOICES), ["2025", "7"], 5, 2),
        (forms.NullBooleanSelect(), True, 3, 1),
    ],
)  # fmt: skip
def test_a_select_renders_as_djangos_own_templates_render_it(
    widget, value, options, selected
):
    html = widget.render("state", value, attrs={"id": "id_state"})
    stock = widget.render(
        "state", value, attrs={"id": "id_state"}, renderer=DjangoTemplates()
    )
    assert html == stock
    assert html.count("<option ") == options
    assert html.count(" selected>") == selected
    assert "&amp; after" in html or options == 3
