"""`{% sources citations %}`: the sources backing a record, as every page lists them.

Each citation is its source's publisher (linked to the source when it has an
address), the source's date, the quote that backs the fact and the source's note;
with none, "No source recorded." Written here rather than as an included template: a
status page lists some hundred citations, and an include with its variables cost that
page more than any other part of its markup.
"""

from collections.abc import Iterable

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from sanctuary_tracker.models import Citation

register = template.Library()

NONE_RECORDED = mark_safe('<p class="sources none">No source recorded.</p>\n')


def citation_item(citation: Citation) -> SafeString:
    """One citation's list item."""
    source = citation.source
    if source.url:
        parts = [
            format_html(
                '<a href="{}" rel="noopener">{}</a>', source.url, source.publisher
            )
        ]
    else:
        parts = [format_html("{}", source.publisher)]
    if source.published_on:
        parts.append(format_html(", {}", source.published_on.isoformat()))
    if citation.quote:
        parts.append(format_html(": <q>{}</q>", citation.quote))
    if source.note:
        parts.append(format_html(' <span class="note">({})</span>', source.note))
    return mark_safe("\n  <li>" + "".join(parts) + "</li>")


@register.simple_tag
def sources(citations: Iterable[Citation]) -> SafeString:
    items = [citation_item(citation) for citation in citations]
    if not items:
        return NONE_RECORDED
    return mark_safe('<ul class="sources">' + "".join(items) + "\n</ul>\n")
