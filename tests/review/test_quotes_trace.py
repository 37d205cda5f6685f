"""Every quote the shipped data cites appears in the research notes, on the row (or in
the section) that names the quote's own source.

The notes in ../shared/reference/ are tables whose rows give a source's address and a
short exact quote from it ("same" in the source column repeats the address above), prose
lines that name a source by its site, and, for the two seed articles, a section per
article. A quote is checked against every row and line that names its source; a quote
with "..." in it must have each of its parts on one such row.
"""

from __future__ import annotations

import re
from functools import cache
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from sanctuary_tracker.models import Citation, Source

pytestmark = pytest.mark.django_db

REFERENCE = Path(settings.BASE_DIR).parent / "shared" / "reference"
ADDRESS = re.compile(r"https?://[^\s|;)\"]+")
ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\. \. \.)\s*")
# Prose lines that name a source by a short name rather than its address or site.
SHORT_NAMES = {
    "https://www.prisonlegalnews.org/news/2016/oct/3/doj-gives-1797-million-state-"
    "law-enforcement-fy-2016-grant-funding/": "PLN",
    "https://pt.scribd.com/document/359016125/Sanctuary-injunction": "scribd copy",
}


def plain(text: str) -> str:
    """Text as compared: typographic quotes made plain, escapes and spacing undone."""
    text = text.replace('\\"', '"')
    for curly, straight in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text).strip()


def addresses(text: str) -> set[str]:
    return {address.rstrip(".,") for address in ADDRESS.findall(text)}


@cache
def rows() -> tuple[tuple[str, frozenset[str]], ...]:
    """(text, addresses it names) for every row, line or seed section of the notes."""
    found = []
    for path in sorted(REFERENCE.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if path.name == "seed-articles.md":
            for section in re.split(r"\n(?=## )", text):
                found.append((plain(section), frozenset(addresses(section))))
            continue
        above: set[str] = set()
        for line in text.splitlines():
            named = addresses(line)
            if not named and line.startswith("|") and re.search(r"\|\s*same\b", line):
                named = set(above)
            if named:
                above = named
            found.append((plain(line), frozenset(named)))
    return tuple(found)


def rows_naming(source: Source) -> list[str]:
    if not source.url:  # cited by outlet, title and date only (USA Today)
        return [text for text, _ in rows() if source.publisher in text]
    site = urlsplit(source.url).hostname.removeprefix("www.")
    names = [site, SHORT_NAMES.get(source.url, site)]
    return [
        text
        for text, named in rows()
        if source.url in named or any(name in text for name in names)
    ]


def on_its_row(quote: str, source: Source) -> bool:
    parts = [plain(part) for part in ELLIPSIS.split(quote) if part.strip()]
    return any(all(part in text for part in parts) for text in rows_naming(source))


def test_the_checker_finds_a_quote_only_on_its_own_sources_row():
    wapo = Source(
        url="https://www.washingtonpost.com/world/national-security/justice-department-"
        "threatens-to-subpoena-records-in-escalating-battle-with-sanctuary-"
        "jurisdictions/2018/01/24/984d0fee-0113-11e8-bb03-722769454f82_story.html",
        publisher="The Washington Post",
    )
    assert on_its_row(
        "threatening to subpoena 23 states, cities and other localities", wapo
    )
    assert on_its_row("In total, the 23 jurisdictions ... fiscal year 2016 money", wapo)
    # USA Today's words, not the Post's; and words no note holds.
    assert not on_its_row(
        "including New York, Chicago and Los Angeles, with subpoenas", wapo
    )
    assert not on_its_row("threatening to subpoena 24 states", wapo)


def test_every_quote_the_data_cites_is_on_its_sources_row_in_the_notes():
    call_command("load_review_data", stdout=StringIO())
    citations = Citation.objects.exclude(quote="").select_related("source")
    assert citations.count() > 300
    missing = sorted(
        {
            f"{citation.source.url or citation.source.title}: {citation.quote[:80]}"
            for citation in citations
            if not on_its_row(citation.quote, citation.source)
        }
    )
    assert not missing, "\n".join(missing)
