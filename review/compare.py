"""Jurisdictions side by side: each one's status in each campaign, its Byrne JAG
figures by fiscal year and kind, its letters by round, its cases with its side, and
the published lists that name it.

Nothing here is a rule of its own: statuses are the stored ones (`status.py`), totals
are `grants.totals`, "answered" is `LetterQuerySet.answered`, a side and "sued by the
United States" are `PartyQuerySet`'s, a case's latest ruling is `CaseQuerySet`'s, and
"still on a list" is `ListingQuerySet.current` and `listed`. This module only lays the
facts out, one row per fact and one cell per jurisdiction, so the page, the CSV and
the JSON show the same cells. Whatever no record gives is "not recorded".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import islice

from django import forms
from django.db.models import Count, F, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode

from correspondence.models import Letter, ReviewRound
from designations.models import Designation, Listing
from grants.models import FigureKind
from grants.totals import FigureTotal, awards_for_totals, describe, dollars, summarize
from jurisdictions.models import Jurisdiction
from litigation.models import Case, Party
from sanctuary_tracker.listing import ShortSelect
from sanctuary_tracker.models import Citation, citations_with_sources, describe_date

from .charts import money_chart
from .jurisdictions import jurisdictions
from .status import statuses_by_jurisdiction

MAX_JURISDICTIONS = 6
NOT_RECORDED = "not recorded"
# Kinds of figure in the order a row or a chart shows them; never added across kinds.
MONEY_KINDS = [kind.value for kind in FigureKind]


class CompareForm(forms.Form):
    """`?j=<slug>&j=<slug>...`: up to six published jurisdictions, in the order given,
    each once. Empty values (a picker's unused boxes) are left out. A slug no
    published jurisdiction has, draft or unknown, is the same error: the public is
    not told that a draft exists."""

    def __init__(self, data: QueryDict) -> None:
        super().__init__(data)
        self.given = [v.strip().lower() for v in data.getlist("j") if v.strip()]
        self.found: dict[str, Jurisdiction] = {}

    def clean(self) -> dict:
        given = list(dict.fromkeys(self.given))
        if len(given) > MAX_JURISDICTIONS:
            raise forms.ValidationError(
                f"Compare at most {MAX_JURISDICTIONS} jurisdictions at once; "
                f"{len(given)} were given."
            )
        self.found = {
            j.slug: j for j in Jurisdiction.objects.published().filter(slug__in=given)
        }
        missing = [slug for slug in given if slug not in self.found]
        if missing:
            raise forms.ValidationError(
                [
                    f"No published jurisdiction has the slug “{slug}”."
                    for slug in missing
                ]
            )
        return {"j": [self.found[slug] for slug in given]}

    @property
    def query(self) -> str:
        """The comparison's own address: its jurisdictions in the order given."""
        return urlencode([("j", j.slug) for j in self.cleaned_data["j"]])


def picker(form: CompareForm) -> list[dict]:
    """Six boxes, each a select of the published jurisdictions while they are few (a
    box for the slug beyond), filled with what was asked; the options read once."""
    options = [("", "—")] + [
        (slug, Jurisdiction.label(name, state))
        for slug, name, state in islice(
            Jurisdiction.objects.published()
            .order_by("name", "state")
            .values_list("slug", "name", "state")
            .iterator(),
            ShortSelect.limit + 1,
        )
    ]
    given = form.given + [""] * MAX_JURISDICTIONS
    boxes = []
    for index, value in enumerate(given[:MAX_JURISDICTIONS], start=1):
        attrs = {"id": f"id_j_{index}"}
        if form.errors:
            attrs |= {"aria-invalid": "true", "aria-describedby": "compare-errors"}
        widget = ShortSelect(hint="its slug, e.g. chicago")
        widget.choices = options
        boxes.append(
            {"id": attrs["id"], "label": f"Jurisdiction {index}",
             "html": widget.render("j", value, attrs)}
        )  # fmt: skip
    return boxes


@dataclass
class Cell:
    """What one jurisdiction has for one fact: the text the page shows and the
    export's `value`, with its date, amounts, the record's page and its sources."""

    text: str = NOT_RECORDED
    detail: str = ""
    url: str = ""
    on: date | None = None
    exact: Decimal | None = None
    approximate: Decimal | None = None
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, page)
    sources: list[Citation] = field(default_factory=list)

    @property
    def recorded(self) -> bool:
        return self.text != NOT_RECORDED

    @property
    def exact_display(self) -> str:
        return dollars(self.exact) if self.exact is not None else ""

    @property
    def approximate_display(self) -> str:
        if self.approximate is None:
            return ""
        return f"approx. {dollars(self.approximate)}"

    @property
    def source_urls(self) -> str:
        urls = dict.fromkeys(c.source.url for c in self.sources if c.source.url)
        return " ".join(urls)


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]
    url: str = ""
    note: str = ""


@dataclass
class Section:
    key: str
    title: str
    rows: list[Row]
    empty: str = ""


@dataclass
class Comparison:
    jurisdictions: list[Jurisdiction]
    sections: list[Section]
    charts: list[dict]  # one per jurisdiction, drawn on one scale

    def facts(self) -> Iterable[dict]:
        """One row per jurisdiction and fact, in the page's order: what the exports
        write."""
        for index, jurisdiction in enumerate(self.jurisdictions):
            for section in self.sections:
                for row in section.rows:
                    yield {"jurisdiction": jurisdiction, "section": section,
                           "row": row, "cell": row.cells[index]}  # fmt: skip


def compare(chosen: list[Jurisdiction]) -> Comparison:
    """The comparison of `chosen`, in their order, in a number of queries that does
    not grow with how many are chosen."""
    ids = [j.pk for j in chosen]
    money_rows, money = money_section(chosen)
    sections = [
        status_section(ids),
        money_rows,
        letters_section(ids),
        cases_section(ids),
        lists_section(ids),
    ]
    return Comparison(chosen, sections, money_charts(chosen, money))


def status_section(ids: list[int]) -> Section:
    blocks = statuses_by_jurisdiction(ids)
    rows = []
    for index, block in enumerate(blocks[ids[0]] if ids else []):
        campaign = block["campaign"]
        cells = []
        for pk in ids:
            mine = blocks[pk][index]
            event = mine["event"]
            cell = Cell(mine["label"], on=mine["since_on"])
            if event is not None:
                described = mine["description"]
                cell.detail = f"Since {mine['since']}" + (
                    f" ({described[0].lower()}{described[1:]})" if described else ""
                )
                if mine["group"]:
                    cell.links = [(event.summary, "")]
                    cell.sources = list(event.citations.all())
                else:
                    url = getattr(event, "get_absolute_url", None)
                    cell.links = [(str(event), url() if url else "")]
                    cell.url = cell.links[0][1]
            cells.append(cell)
        note = (
            "still open" if campaign.is_open else f"ended {campaign.ended_on_display}"
        )
        rows.append(
            Row(campaign.slug, f"Status in {campaign.name}", cells,
                campaign.get_absolute_url(), note)
        )  # fmt: skip
    return Section("status", "Status in each DOJ campaign", rows,
                   "No DOJ campaign is recorded yet.")  # fmt: skip


def money_section(
    chosen: list[Jurisdiction],
) -> tuple[Section, dict[int, dict[tuple[int, str], FigureTotal]]]:
    """Totals by fiscal year and kind for each jurisdiction alone (`grants.totals`:
    each award once, approximate figures apart, disputed ones not added), with the
    figures and sources behind each."""
    ids = [j.pk for j in chosen]
    awards = list(
        awards_for_totals(jurisdictions().filter(pk__in=ids))
        .prefetch_related("figures__citations__source")
        .order_by("fiscal_year", "pk")
    )
    years = sorted({award.fiscal_year for award in awards})
    totals: dict[int, dict[tuple[int, str], FigureTotal]] = {}
    for j in chosen:
        totals[j.pk] = {
            (year, kind): summarize(
                awards, kind=kind, fiscal_year=year, members={j.pk: j.name}
            )
            for year in years
            for kind in MONEY_KINDS
        }
    rows = []
    for year in years:
        for kind in MONEY_KINDS:
            found = [totals[pk][(year, kind)] for pk in ids]
            if not any(t.counted or t.disputed for t in found):
                continue
            cells = [
                money_cell(totals[pk][(year, kind)], awards, pk, year, kind)
                for pk in ids
            ]
            rows.append(Row(f"FY{year}-{kind}",
                            f"FY{year} {FigureKind(kind).label}", cells))  # fmt: skip
    section = Section(
        "money", "Byrne JAG figures by fiscal year and kind", rows,
        "No Byrne JAG figure is recorded for any of them.",
    )  # fmt: skip
    return section, totals


def money_cell(total: FigureTotal, awards: list, pk: int, year: int, kind: str) -> Cell:
    cell = Cell(describe(total) or NOT_RECORDED)
    if total.exact_count:
        cell.exact = total.exact
    if total.approximate_count:
        cell.approximate = total.approximate
    if total.shared:
        cell.detail = (
            "Includes a joint award shared with other governments, counted whole."
        )
    # The figures behind it, each with its award's page and its sources.
    for award in awards:
        holders = {award.recipient_id, *(p.pk for p in award.partners.all())}
        if award.fiscal_year != year or pk not in holders:
            continue
        for figure in award.figures.all():
            if figure.kind != kind or figure.share_of_id not in (None, pk):
                continue
            cell.links.append((f"{figure.amount_display}, {award}",
                               award.get_absolute_url()))  # fmt: skip
            cell.sources += list(figure.citations.all())
    if cell.links:
        cell.url = cell.links[0][1]
    # A source cited for several of the figures is listed once.
    cell.sources = list({(c.source_id, c.quote): c for c in cell.sources}.values())
    return cell


def money_charts(
    chosen: list[Jurisdiction], totals: dict[int, dict[tuple[int, str], FigureTotal]]
) -> list[dict]:
    """One chart per jurisdiction, over the same years and on the same scale."""
    shown = {
        key
        for mine in totals.values()
        for key, total in mine.items()
        if total.counted or total.disputed
    }
    years = sorted({year for year, _ in shown})
    kinds = [kind for kind in MONEY_KINDS if any(k == kind for _, k in shown)]
    largest = max(
        (t.exact + t.approximate for mine in totals.values() for t in mine.values()),
        default=Decimal(0),
    )
    return [
        money_chart(
            totals[j.pk], years=years, kinds=kinds, largest=largest,
            chart_id=f"money-{j.slug}", name=j.name,
        )
        for j in chosen
    ]  # fmt: skip


def letters_section(ids: list[int]) -> Section:
    """DOJ letters each received in each round, and how many a recorded response
    answers (`LetterQuerySet.answered`)."""
    counts = (
        Letter.objects.published()
        .from_doj()
        .filter(jurisdiction__in=ids)
        .order_by()
        .values_list("round_id", "jurisdiction_id")
        .annotate(
            received=Count("pk"),
            answered=Count(
                "pk", filter=Q(pk__in=Letter.objects.answered().values("pk"))
            ),
        )
    )
    found = {(r, j): (received, answered) for r, j, received, answered in counts}
    round_ids = {r for r, _ in found}
    rounds = list(
        ReviewRound.objects.published()
        .filter(pk__in=round_ids)
        .order_by("sent_on", "pk")
    )
    keyed = [(r.pk, r.slug, f"{r.name} ({r.sent_on_display})", r) for r in rounds]
    if None in round_ids:
        keyed.append((None, "no-round", "Letters outside any round", None))
    letters = reverse("correspondence:list")
    rows = []
    for round_id, key, label, review_round in keyed:
        cells = []
        for pk in ids:
            if (round_id, pk) not in found:
                cells.append(Cell())
                continue
            received, answered = found[(round_id, pk)]
            text = (f"{received} received, {answered} answered"
                    if answered else f"{received} received, no reply recorded")  # fmt: skip
            cells.append(Cell(text, on=review_round.sent_on if review_round else None))
        url = f"{letters}?{urlencode({'round': key})}" if review_round else ""
        rows.append(Row(key, label, cells, url))
    return Section("letters", "DOJ letters by round", rows,
                   "No DOJ letter to any of them is recorded.")  # fmt: skip


def cases_section(ids: list[int]) -> Section:
    """Each case any of them is a party to, with each one's side (`PartyQuerySet`) and
    the case's latest ruling (`CaseQuerySet.with_latest_ruling`)."""
    parties = list(
        Party.objects.published()
        .filter(jurisdiction__in=ids)
        .with_direction()
        .order_by("side", "pk")
    )
    sides: dict[tuple[int, int], list[Party]] = defaultdict(list)
    for party in parties:
        sides[(party.case_id, party.jurisdiction_id)].append(party)
    cases = list(
        Case.objects.published()
        .filter(pk__in={p.case_id for p in parties})
        .with_latest_ruling()
        .select_related("court")
        .order_by(F("filed_on").asc(nulls_last=True), "caption", "pk")
    )
    rows = []
    for case in cases:
        cells = []
        for pk in ids:
            mine = sides.get((case.pk, pk))
            if not mine:
                cells.append(Cell())
                continue
            words = [
                "Defendant, sued by the United States"
                if p.by_united_states and p.side == Party.Side.DEFENDANT
                else p.get_side_display()
                for p in mine
            ]
            joined = [p.joined_on for p in mine if p.joined_on]
            cells.append(
                Cell("; ".join(words), url=case.get_absolute_url(),
                     detail=f"Joined {describe_date(joined[0])}" if joined else "",
                     on=joined[0] if joined else case.filed_on)
            )  # fmt: skip
        filed = f", filed {describe_date(case.filed_on)}" if case.filed_on else ""
        if case.latest_ruling_on:
            ruling = (
                f"latest ruling {describe_date(case.latest_ruling_on)}: "
                f"{case.status_label.lower()}"
            )
        else:
            ruling = "no ruling recorded"
        rows.append(
            Row(case.slug, case.caption, cells, case.get_absolute_url(),
                f"{case.court_abbreviation}{filed}; {ruling}")
        )  # fmt: skip
    return Section("cases", "Court cases, and each one's side", rows,
                   "None of them is a party to a recorded case.")  # fmt: skip


def lists_section(ids: list[int]) -> Section:
    """Each published list: the name it prints for each, and whether it is still on
    it (`ListingQuerySet.current`); and, for each campaign with a list, whether each
    is still on one of them (`listed`)."""
    listings = (
        Listing.objects.published()
        .filter(jurisdiction__in=ids)
        .select_related("designation")
        .order_by("designation", "position")
    )
    current = set(listings.current().values_list("pk", flat=True))
    named: dict[tuple[int, int], list[Listing]] = defaultdict(list)
    for listing in listings:
        named[(listing.designation_id, listing.jurisdiction_id)].append(listing)
    designations = list(
        Designation.objects.published()
        .select_related("campaign")
        .prefetch_related(citations_with_sources())
        .order_by("published_on", "pk")
    )
    rows = []
    for designation in designations:
        cells = []
        for pk in ids:
            mine = named.get((designation.pk, pk), [])
            if not mine:
                cells.append(Cell("Not named on it", on=None,
                                  sources=list(designation.citations.all())))  # fmt: skip
                continue
            printed = ", ".join(f"“{listing.name_as_printed}”" for listing in mine)
            if any(listing.pk in current for listing in mine):
                text, on = f"Listed as {printed}", designation.published_on
            elif designation.withdrawn_on:
                text = f"Was listed as {printed}; list withdrawn"
                on = designation.withdrawn_on
            else:
                removed = min(x.removed_on for x in mine if x.removed_on)
                text, on = f"Was listed as {printed}; removed", removed
            cells.append(Cell(text, url=mine[0].get_absolute_url(), on=on,
                              detail=describe_date(on),
                              sources=list(designation.citations.all())))  # fmt: skip
        rows.append(
            Row(designation.slug, designation.title, cells,
                designation.get_absolute_url(),
                f"{designation.publisher}, {designation.published_on_display}")
        )  # fmt: skip
    for campaign in {d.campaign_id: d.campaign for d in designations}.values():
        still = set(
            jurisdictions()
            .filter(pk__in=ids)
            .listed(campaign)
            .values_list("pk", flat=True)
        )
        cells = [Cell("Yes" if pk in still else "No") for pk in ids]
        rows.append(
            Row(f"listed-{campaign.slug}",
                f"Still on a published list of {campaign.name}", cells,
                campaign.get_absolute_url())
        )  # fmt: skip
    return Section("lists", "Published lists", rows,
                   "No published list is recorded.")  # fmt: skip
