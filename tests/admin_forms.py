"""Filling in an admin form as a staff member's browser would."""

from django.test import Client

CITATIONS = "sanctuary_tracker-citation-content_type-object_id"


def form_data(client: Client, url: str, fields: dict, rows: dict | None = None) -> dict:
    """The admin form as its page renders it (initial values, hidden fields, inline
    management forms), with `fields` and inline `rows` on top."""
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or name in {"document_file"}:
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    data |= fields
    data = {k: v for k, v in data.items() if v is not False}
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        extra = (rows or {}).get(prefix, [])
        initial = inline.formset.initial_form_count()
        data |= {
            f"{prefix}-TOTAL_FORMS": str(initial + len(extra)),
            f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for index, existing in enumerate(inline.formset.initial_forms):
            for name in existing.fields:
                value = existing.initial.get(name)
                if value is not None:
                    data[f"{prefix}-{index}-{name}"] = getattr(value, "pk", value)
            data[f"{prefix}-{index}-id"] = existing.instance.pk
        for offset, row in enumerate(extra):
            data |= {f"{prefix}-{initial + offset}-{k}": v for k, v in row.items()}
    return data


def post_data(client: Client, url: str, fields: dict, inline_rows: dict) -> dict:
    """The form as the add page renders it: every inline's management form, plus rows."""
    page = client.get(url)
    assert page.status_code == 200
    data = dict(fields)
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        rows = inline_rows.get(prefix, [])
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for index, row in enumerate(rows):
            data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    return data
