"""`{% sources %}` (sanctuary_tracker/templatetags/sources.py): the list of a record's
sources every page shows, escaped as a template escapes."""

from datetime import date

from django.template import Context, Template

from sanctuary_tracker.models import Citation, Source


def render(citations) -> str:
    return Template("{% load sources %}{% sources citations %}").render(
        Context({"citations": citations})
    )


def test_a_citation_is_its_publisher_linked_its_date_quote_and_note():
    source = Source(
        url="https://www.justice.gov/opa/pr/1",
        publisher="DOJ",
        published_on=date(2018, 1, 24),
        note="press release",
    )
    bare = Source(publisher="City of Chicago")
    html = render(
        [Citation(source=source, quote="produce documents"), Citation(source=bare)]
    )
    assert html == (
        '<ul class="sources">\n'
        '  <li><a href="https://www.justice.gov/opa/pr/1" rel="noopener">DOJ</a>, '
        '2018-01-24: <q>produce documents</q> <span class="note">(press release)</span></li>\n'
        "  <li>City of Chicago</li>\n"
        "</ul>\n"
    )  # fmt: skip


def test_every_part_is_escaped():
    source = Source(
        url='https://example.org/?a=1&b="2"', publisher="<b>A & B</b>", note="<i>"
    )
    html = render([Citation(source=source, quote='"<script>alert(1)</script>"')])
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert 'href="https://example.org/?a=1&amp;b=&quot;2&quot;"' in html
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in html
    assert "<q>&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;</q>" in html
    assert '<span class="note">(&lt;i&gt;)</span>' in html


def test_no_citation_says_so():
    assert render([]) == '<p class="sources none">No source recorded.</p>\n'
