"""Data of a chosen size, for query-count tests: the count must not grow with it."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from correspondence.models import Letter, ReviewRound
from grants.models import FigureKind
from review import keeping
from tests.factories import (
    AwardFactory,
    AwardFigureFactory,
    CaseFactory,
    CitationFactory,
    JurisdictionFactory,
    LetterFactory,
    ResponseFactory,
    ReviewRoundFactory,
    RulingFactory,
    SourceFactory,
    StatementFactory,
    add_parties,
)

STATES = ["CA", "IL", "NY", "OR", "WA"]


def populate(rows: int) -> None:
    """`rows` jurisdictions, each with letters, a reply, an award, a case and a ruling."""
    review_round = ReviewRound.objects.filter(slug="2018-01-24").first() or (
        ReviewRoundFactory(slug="2018-01-24", sent_on=date(2018, 1, 24))
    )
    source = SourceFactory()
    with (
        keeping.deferred()
    ):  # a bulk write: the statuses are refreshed once, at the end
        _populate(rows, review_round, source)


def _populate(rows: int, review_round: ReviewRound, source) -> None:
    for index in range(rows):
        jurisdiction = JurisdictionFactory(state=STATES[index % len(STATES)])
        CitationFactory(record=jurisdiction, source=source)
        demand = LetterFactory(jurisdiction=jurisdiction, round=review_round,
                               threatens_subpoena=True)  # fmt: skip
        CitationFactory(record=demand, source=source)
        ResponseFactory(jurisdiction=jurisdiction, in_reply_to=demand)
        LetterFactory(jurisdiction=jurisdiction, kind=Letter.Kind.PRELIMINARY_ASSESSMENT,
                      sent_on=date(2017, 11, 15), due_on=date(2017, 12, 8))  # fmt: skip
        StatementFactory(jurisdiction=jurisdiction)
        award = AwardFactory(recipient=jurisdiction, fiscal_year=2016)
        figure = AwardFigureFactory(award=award, amount=1000 + index)
        CitationFactory(record=figure, source=source)
        released = AwardFigureFactory(
            award=AwardFactory(recipient=jurisdiction, fiscal_year=2017),
            kind=FigureKind.RELEASED,
            dated_on=date(2018, 10, 10),
        )
        CitationFactory(record=released, source=source)  # fmt: skip
        case = CaseFactory()
        add_parties(case, jurisdiction)
        RulingFactory(case=case).protects_awards.add(award)


def count_queries(client, url: str, between=None) -> int:
    """Queries for one GET of `url`, after a first GET has warmed Django's caches
    (content types), so only the page's own queries are counted. `between` runs
    after the warm-up (e.g. to empty the page cache)."""
    client.get(url)
    if between:
        between()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)
