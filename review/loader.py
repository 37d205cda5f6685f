"""Loads the shipped review data (sanctuary_tracker/data/*.yaml) into the database.

The loader is idempotent: it finds each record by its `key` (stored as `data_key`),
writes only what differs, and never touches a record that staff edited after it was
loaded. Everything happens in one transaction: a bad file saves nothing, and the error
names the file, the record's key and the field.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction

from campaigns.models import Campaign
from correspondence.models import GroupFinding, Letter, ReviewRound, Statement
from designations.models import Designation, Listing
from directives.models import Directive
from grants.models import Award, AwardFigure, Program, ReportedFigure
from jurisdictions.models import Jurisdiction
from litigation.models import Case, Court, Party, Ruling, RulingEffect
from sanctuary_tracker.models import Citation, DatePrecision, Source
from search import keeping as search_keeping

from . import keeping

DATA_DIR = Path(__file__).resolve().parent / "data"


class DataError(Exception):
    """A record in the data files that cannot be loaded."""

    def __init__(self, file: str, key: str, message: str) -> None:
        super().__init__(f"{file}, record {key!r}: {message}")


@dataclass
class LoadReport:
    counts: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)

    def add(self, model: type[models.Model], outcome: str) -> None:
        self.counts[(model._meta.verbose_name_plural, outcome)] += 1

    def lines(self) -> list[str]:
        names = sorted({name for name, _ in self.counts})
        rows = []
        for name in names:
            parts = [
                f"{self.counts[(name, outcome)]} {outcome}"
                for outcome in (
                    "created",
                    "updated",
                    "unchanged",
                    "kept (edited by staff)",
                )
                if self.counts[(name, outcome)]
            ]
            rows.append(f"{name}: {', '.join(parts)}")
        return rows


class Loader:
    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.data_dir = data_dir
        self.report = LoadReport()
        self.file = ""
        self.sources: dict[str, Source] = {}
        self.jurisdictions: dict[str, Jurisdiction] = {}
        self.campaigns: dict[str, Campaign] = {}
        self.rounds: dict[str, ReviewRound] = {}
        self.letters: dict[str, Letter] = {}
        self.programs: dict[str, Program] = {}
        self.awards: dict[str, Award] = {}
        self.directives: dict[str, Directive] = {}
        self.courts: dict[str, Court] = {}
        self.rulings: dict[str, Ruling] = {}

    # Reading
    def read(self, name: str) -> Any:
        self.file = name
        path = self.data_dir / name
        try:
            with path.open(encoding="utf-8") as handle:
                return yaml.safe_load(handle) or []
        except FileNotFoundError as exc:
            raise DataError(name, "-", "file not found") from exc
        except yaml.YAMLError as exc:
            raise DataError(name, "-", f"not valid YAML: {exc}") from exc

    def ref(
        self, table: dict[str, models.Model], key: str | None, owner: str, what: str
    ):
        if key in (None, ""):
            return None
        try:
            return table[key]
        except KeyError:
            raise DataError(self.file, owner, f"unknown {what} {key!r}") from None

    # Writing
    def upsert(
        self,
        model: type[models.Model],
        key: str,
        values: dict[str, Any],
        *,
        sources: list[dict] | None = None,
        m2m: dict[str, list[models.Model]] | None = None,
    ) -> models.Model:
        """Create or update the record with data_key `key`; skip it if staff edited it."""
        m2m = m2m or {}
        citations = self.citations(key, sources)
        obj = model.objects.filter(data_key=key).first()
        if obj is not None and obj.edited_since_loaded:
            self.report.add(model, "kept (edited by staff)")
            self.report.kept.append(f"{model._meta.verbose_name} {key}")
            return obj
        if obj is not None and not self.differs(obj, values, m2m, citations):
            self.report.add(model, "unchanged")
            return obj
        outcome = "created" if obj is None else "updated"
        obj = obj or model(data_key=key)
        for name, value in values.items():
            setattr(obj, name, value)
        obj._change_reason = "Loaded from the shipped data files"
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise DataError(self.file, key, "; ".join(_messages(exc))) from exc
        obj.save()
        for name, related in m2m.items():
            getattr(obj, name).set(related)
        if citations is not None:
            obj.citations.all().delete()
            Citation.objects.bulk_create(
                Citation(record=obj, source=source, quote=quote, pinpoint=pinpoint)
                for source, quote, pinpoint in citations
            )
        model.objects.filter(pk=obj.pk).update(loaded_at=obj.updated_at)
        obj.loaded_at = obj.updated_at
        if outcome == "created" and hasattr(obj, "verified_at"):
            # The shipped record is verified by its sources: published on arrival.
            model.objects.filter(pk=obj.pk).update(verified_at=obj.updated_at)
            obj.verified_at = obj.updated_at
        self.report.add(model, outcome)
        return obj

    def citations(self, key: str, sources: list[dict] | None) -> list[tuple] | None:
        if sources is None:
            return None
        if not sources:
            raise DataError(self.file, key, "every record needs at least one source")
        rows = []
        for item in sources:
            source = self.ref(self.sources, item.get("source"), key, "source")
            if source is None:
                raise DataError(self.file, key, "a source entry has no 'source' key")
            row = (source, item.get("quote") or "", item.get("pinpoint") or "")
            if row not in rows:
                rows.append(row)
        return rows

    @staticmethod
    def differs(
        obj: models.Model, values: dict, m2m: dict, citations: list | None
    ) -> bool:
        for name, value in values.items():
            model_field = obj._meta.get_field(name)
            if model_field.is_relation:
                if getattr(obj, model_field.attname) != (value.pk if value else None):
                    return True
            elif getattr(obj, name) != value:
                return True
        for name, related in m2m.items():
            current = set(getattr(obj, name).values_list("pk", flat=True))
            if current != {item.pk for item in related}:
                return True
        if citations is not None:
            current = sorted(
                obj.citations.values_list("source_id", "quote", "pinpoint")
            )
            wanted = sorted(
                (source.pk, quote, pinpoint) for source, quote, pinpoint in citations
            )
            return current != wanted
        return False

    # The files, in dependency order
    def run(self) -> LoadReport:
        # One refresh of the statuses at the end, for every jurisdiction concerned,
        # and the search's entries written once.
        with transaction.atomic(), keeping.deferred(), search_keeping.deferred():
            self.load_sources()
            self.load_jurisdictions()
            self.load_campaigns()
            self.load_rounds()
            self.load_grants()
            self.load_directives()
            self.load_letters()
            self.load_group_findings()
            self.load_designations()
            self.load_statements()
            self.load_reported_figures()
            self.load_litigation()
        return self.report

    def load_sources(self) -> None:
        for row in self.read("sources.yaml"):
            key = _key(self.file, row)
            self.sources[key] = self.upsert(
                Source,
                key,
                {
                    "url": row.get("url") or "",
                    "publisher": _required(self.file, row, "publisher"),
                    "title": _required(self.file, row, "title"),
                    "published_on": _date(self.file, row, "published_on"),
                    "note": row.get("note") or "",
                },
            )

    def load_jurisdictions(self) -> None:
        for row in self.read("jurisdictions.yaml"):
            key = _key(self.file, row)
            self.jurisdictions[key] = self.upsert(
                Jurisdiction,
                key,
                {
                    "name": _required(self.file, row, "name"),
                    "slug": key,
                    "listed_name": row.get("listed_name") or "",
                    "listed_name_note": row.get("listed_name_note") or "",
                    "kind": _required(self.file, row, "kind"),
                    "state": _required(self.file, row, "state"),
                },
                sources=row.get("sources") or [],
            )

    def load_campaigns(self) -> None:
        for row in self.read("campaigns.yaml"):
            key = _key(self.file, row)
            self.campaigns[key] = self.upsert(
                Campaign,
                key,
                {
                    "name": _required(self.file, row, "name"),
                    "slug": key,
                    "started_on": _date(self.file, row, "started_on", required=True),
                    "start_precision": row.get("start_precision") or "day",
                    "ended_on": _date(self.file, row, "ended_on"),
                    "end_precision": row.get("end_precision") or "day",
                    "end_description": row.get("end_description") or "",
                    "led_by": row.get("led_by") or "",
                    "legal_basis": row.get("legal_basis") or "",
                    "money_at_stake": row.get("money_at_stake") or "",
                    "summary": row.get("summary") or "",
                },
                sources=row.get("sources") or [],
            )

    def campaign(self, row: dict, key: str) -> Campaign:
        campaign = self.ref(self.campaigns, row.get("campaign"), key, "campaign")
        if campaign is None:
            raise DataError(self.file, key, "name its campaign ('campaign:')")
        return campaign

    def load_rounds(self) -> None:
        for row in self.read("rounds.yaml"):
            key = _key(self.file, row)
            review_round = self.upsert(
                ReviewRound,
                key,
                {
                    "campaign": self.campaign(row, key),
                    "name": _required(self.file, row, "name"),
                    "slug": key,
                    "sent_on": _date(self.file, row, "sent_on", required=True),
                    "sent_through": _date(self.file, row, "sent_through"),
                    "date_precision": row.get("date_precision") or "day",
                    "signer": row.get("signer") or "",
                    "signer_title": row.get("signer_title") or "",
                    "office": row.get("office") or "",
                    "letter_kind": _required(self.file, row, "letter_kind"),
                    "threatens_subpoena": bool(row.get("threatens_subpoena")),
                    "demand": row.get("demand") or "",
                    "due_on": _date(self.file, row, "due_on"),
                    "due_note": row.get("due_note") or "",
                    "reported_recipient_count": row.get("reported_recipient_count"),
                },
                sources=row.get("sources") or [],
            )
            self.rounds[key] = review_round
            for recipient in row.get("recipients") or []:
                self.load_round_letter(row, review_round, recipient)

    def load_round_letter(
        self, row: dict, review_round: ReviewRound, recipient: dict
    ) -> None:
        owner = f"{row['key']} recipient {recipient.get('jurisdiction')!r}"
        jurisdiction = self.ref(
            self.jurisdictions, recipient.get("jurisdiction"), owner, "jurisdiction"
        )
        if jurisdiction is None:
            raise DataError(self.file, row["key"], "a recipient has no jurisdiction")
        key = f"round-letter:{row['key']}:{recipient['jurisdiction']}"
        self.letters[key] = self.upsert(
            Letter,
            key,
            {
                "jurisdiction": jurisdiction,
                "round": review_round,
                "campaign": review_round.campaign,
                "direction": Letter.Direction.TO_JURISDICTION,
                "kind": row["letter_kind"],
                # A round sent over several days: each letter on or before the last day.
                "sent_on": _date(self.file, recipient, "sent_on")
                or review_round.sent_through
                or review_round.sent_on,
                "date_precision": (
                    DatePrecision.BY
                    if review_round.sent_through and not recipient.get("sent_on")
                    else review_round.date_precision
                ),
                "signer": row.get("signer") or "",
                "signer_title": row.get("signer_title") or "",
                "office": row.get("office") or "",
                "addressee": recipient.get("addressee") or "",
                "subject": recipient.get("subject") or "",
                "threatens_subpoena": bool(row.get("threatens_subpoena")),
                "due_on": _date(self.file, recipient, "due_on") or review_round.due_on,
                "no_reply_reported": bool(recipient.get("no_reply_reported")),
                "demanded": row.get("demand") or "",
                "document_url": recipient.get("document_url") or "",
            },
            sources=(recipient.get("sources") or []) + (row.get("sources") or []),
        )

    def load_grants(self) -> None:
        data = self.read("grants.yaml")
        for row in data.get("programs") or []:
            key = _key(self.file, row)
            self.programs[key] = self.upsert(
                Program,
                key,
                {
                    "name": _required(self.file, row, "name"),
                    "short_name": _required(self.file, row, "short_name"),
                    "slug": key,
                    "agency": row.get("agency") or "",
                },
                sources=row.get("sources"),
            )
        rows = data.get("awards") or []
        # Parents first, so a subaward can point at its grant.
        for row in sorted(rows, key=lambda r: r.get("parent") is not None):
            key = _key(self.file, row)
            award = self.upsert(
                Award,
                key,
                {
                    "program": self.ref(
                        self.programs, row.get("program"), key, "program"
                    ),
                    "fiscal_year": _required(self.file, row, "fiscal_year"),
                    "recipient": self.ref(
                        self.jurisdictions, row.get("recipient"), key, "jurisdiction"
                    ),
                    "recipient_is_fiscal_agent": bool(
                        row.get("recipient_is_fiscal_agent")
                    ),
                    "parent": self.ref(
                        self.awards, row.get("parent"), key, "parent award"
                    ),
                    "award_number": row.get("award_number") or "",
                    "note": row.get("note") or "",
                },
                sources=row.get("sources") or [],
                m2m={
                    "partners": [
                        self.ref(self.jurisdictions, p, key, "jurisdiction")
                        for p in row.get("partners") or []
                    ]
                },
            )
            self.awards[key] = award
            for figure in row.get("figures") or []:
                figure_key = _key(self.file, figure)
                self.upsert(
                    AwardFigure,
                    figure_key,
                    {
                        "award": award,
                        "share_of": self.ref(
                            self.jurisdictions,
                            figure.get("share_of"),
                            figure_key,
                            "jurisdiction",
                        ),
                        **self.figure_values(figure),
                    },
                    sources=figure.get("sources") or [],
                )

    def figure_values(self, row: dict) -> dict[str, Any]:
        amount = row.get("amount")
        try:
            amount = None if amount is None else Decimal(str(amount))
        except InvalidOperation:
            raise DataError(
                self.file, row.get("key", "?"), f"amount {amount!r} is not a number"
            ) from None
        return {
            "kind": _required(self.file, row, "kind"),
            "amount": amount,
            "qualifier": row.get("qualifier") or "exact",
            "as_reported": row.get("as_reported") or "",
            "dated_on": _date(self.file, row, "dated_on"),
            "date_precision": row.get("date_precision") or "day",
            "note": row.get("note") or "",
        }

    def letter_reply_target(self, row: dict, key: str) -> Letter | None:
        target = row.get("in_reply_to")
        if not target:
            return None
        if target.startswith("round:"):
            target = f"round-letter:{target.removeprefix('round:')}:{row.get('jurisdiction')}"
        return self.ref(self.letters, target, key, "letter to reply to")

    def load_letters(self) -> None:
        rows = self.read("letters.yaml")
        # Letters from DOJ first: replies point at them.
        for row in sorted(rows, key=lambda r: r.get("in_reply_to") is not None):
            key = _key(self.file, row)
            jurisdiction = self.ref(
                self.jurisdictions, row.get("jurisdiction"), key, "jurisdiction"
            )
            review_round = self.ref(self.rounds, row.get("round"), key, "round")
            answers = self.letter_reply_target(row, key)
            # A letter's campaign is its round's, or that of the letter it answers.
            campaign = (
                self.ref(self.campaigns, row.get("campaign"), key, "campaign")
                or (review_round.campaign if review_round else None)
                or (answers.campaign if answers else None)
            )
            if campaign is None:
                raise DataError(self.file, key, "name its campaign, round or letter")
            self.letters[key] = self.upsert(
                Letter,
                key,
                {
                    "jurisdiction": jurisdiction,
                    "round": review_round,
                    "campaign": campaign,
                    "direction": _required(self.file, row, "direction"),
                    "kind": _required(self.file, row, "kind"),
                    "sent_on": _date(self.file, row, "sent_on", required=True),
                    "date_precision": row.get("date_precision") or "day",
                    "signer": row.get("signer") or "",
                    "signer_title": row.get("signer_title") or "",
                    "office": row.get("office") or "",
                    "addressee": row.get("addressee") or "",
                    "subject": row.get("subject") or "",
                    "threatens_subpoena": bool(row.get("threatens_subpoena")),
                    "finding": row.get("finding") or "",
                    "no_reply_reported": bool(row.get("no_reply_reported")),
                    "due_on": _date(self.file, row, "due_on"),
                    "in_reply_to": answers,
                    "demanded": row.get("demanded") or "",
                    "summary": row.get("summary") or "",
                    "document_url": row.get("document_url") or "",
                },
                sources=row.get("sources") or [],
            )

    def load_group_findings(self) -> None:
        for row in self.read("group_findings.yaml"):
            key = _key(self.file, row)
            self.upsert(
                GroupFinding,
                key,
                {
                    "round": self.ref(self.rounds, row.get("round"), key, "round")
                    or _required(self.file, row, "round"),
                    "kind": _required(self.file, row, "kind"),
                    "reported_on": _date(self.file, row, "reported_on", required=True),
                    "date_precision": row.get("date_precision") or "day",
                    "summary": _required(self.file, row, "summary"),
                },
                sources=row.get("sources") or [],
                m2m={
                    "exceptions": [
                        self.ref(self.jurisdictions, j, key, "jurisdiction")
                        for j in row.get("exceptions") or []
                    ]
                },
            )

    def load_designations(self) -> None:
        for row in self.read("designations.yaml"):
            key = _key(self.file, row)
            designation = self.upsert(
                Designation,
                key,
                {
                    "campaign": self.campaign(row, key),
                    "publisher": _required(self.file, row, "publisher"),
                    "publisher_short": row.get("publisher_short") or "",
                    "title": _required(self.file, row, "title"),
                    "slug": key,
                    "published_on": _date(
                        self.file, row, "published_on", required=True
                    ),
                    "date_precision": row.get("date_precision") or "day",
                    "withdrawn_on": _date(self.file, row, "withdrawn_on"),
                    "withdrawal_precision": row.get("withdrawal_precision") or "day",
                    "url": row.get("url") or "",
                    "criteria": row.get("criteria") or "",
                    "summary": row.get("summary") or "",
                    "count_note": row.get("count_note") or "",
                },
                sources=row.get("sources") or [],
            )
            # Each name is cited to the list's full copy at its place in it, and to
            # its own sources (a removal's, say).
            # A name is found again by its printed form, so the list may be reordered
            # in the file; a name no longer in the file goes (unless staff edited it).
            written = set()
            for position, listing in enumerate(row.get("listings") or [], start=1):
                owner = f"{key} listing {position}"
                cited = (
                    [
                        {
                            "source": row["listing_source"],
                            "pinpoint": f"entry {position} of the list as printed",
                        }
                    ]
                    if row.get("listing_source")
                    else []
                )
                listing_key = f"listing:{key}:{_required(self.file, listing, 'name')}"
                written.add(listing_key)
                self.upsert(
                    Listing,
                    listing_key,
                    {
                        "designation": designation,
                        "position": position,
                        "category_as_printed": _required(self.file, listing, "category"),
                        "name_as_printed": _required(self.file, listing, "name"),
                        "jurisdiction": self.ref(self.jurisdictions,
                                                 listing.get("jurisdiction"), owner,
                                                 "jurisdiction"),
                        "removed_on": _date(self.file, listing, "removed_on"),
                        "removal_precision": listing.get("removal_precision") or "day",
                        "removal_note": listing.get("removal_note") or "",
                    },
                    sources=(listing.get("sources") or []) + cited,
                )  # fmt: skip
            gone = Listing.objects.filter(
                designation=designation, data_key__isnull=False
            ).exclude(data_key__in=written)
            for listing in gone:
                if listing.edited_since_loaded:
                    self.report.kept.append(f"listing {listing.data_key}")
                    continue
                listing.delete()
                self.report.add(Listing, "deleted (no longer in the file)")

    def load_statements(self) -> None:
        for row in self.read("statements.yaml"):
            key = _key(self.file, row)
            self.upsert(
                Statement,
                key,
                {
                    "jurisdiction": self.ref(
                        self.jurisdictions, row.get("jurisdiction"), key, "jurisdiction"
                    ),
                    "round": self.ref(self.rounds, row.get("round"), key, "round"),
                    "made_on": _date(self.file, row, "made_on", required=True),
                    "date_precision": row.get("date_precision") or "day",
                    "speaker": _required(self.file, row, "speaker"),
                    "speaker_title": row.get("speaker_title") or "",
                    "kind": row.get("kind") or "statement",
                    "summary": row.get("summary") or "",
                    "quote": row.get("quote") or "",
                },
                sources=row.get("sources") or [],
            )

    def load_reported_figures(self) -> None:
        for row in self.read("reported_figures.yaml"):
            key = _key(self.file, row)
            self.upsert(
                ReportedFigure,
                key,
                {
                    "scope": _required(self.file, row, "scope"),
                    "round": self.ref(self.rounds, row.get("round"), key, "round"),
                    "jurisdiction": self.ref(
                        self.jurisdictions, row.get("jurisdiction"), key, "jurisdiction"
                    ),
                    "program": self.ref(
                        self.programs, row.get("program"), key, "program"
                    ),
                    "fiscal_year": row.get("fiscal_year"),
                    **self.figure_values(row),
                },
                sources=row.get("sources") or [],
            )

    def load_litigation(self) -> None:
        data = self.read("litigation.yaml")
        for row in data.get("courts") or []:
            key = _key(self.file, row)
            self.courts[key] = self.upsert(
                Court,
                key,
                {
                    "name": _required(self.file, row, "name"),
                    "abbreviation": _required(self.file, row, "abbreviation"),
                    "level": _required(self.file, row, "level"),
                },
                sources=row.get("sources"),
            )
        cases = data.get("cases") or []
        # Appeals last: they point at rulings of the lower court.
        for row in sorted(cases, key=lambda r: r.get("appeal_of") is not None):
            key = _key(self.file, row)
            case = self.upsert(
                Case,
                key,
                {
                    "campaign": self.campaign(row, key),
                    "caption": _required(self.file, row, "caption"),
                    "slug": key,
                    "court": self.ref(self.courts, row.get("court"), key, "court"),
                    "docket_number": str(row.get("docket_number") or ""),
                    "judge": row.get("judge") or "",
                    "other_parties": row.get("other_parties") or "",
                    "filed_on": _date(self.file, row, "filed_on"),
                    "subject": row.get("subject") or "",
                    "appeal_of": self.ref(
                        self.rulings, row.get("appeal_of"), key, "ruling"
                    ),
                },
                sources=row.get("sources") or [],
            )
            self.load_parties(case, row, key)
            for ruling in row.get("rulings") or []:
                ruling_key = _key(self.file, ruling)
                self.rulings[ruling_key] = self.upsert(
                    Ruling,
                    ruling_key,
                    {
                        "case": case,
                        "decided_on": _date(
                            self.file, ruling, "decided_on", required=True
                        ),
                        "date_precision": ruling.get("date_precision") or "day",
                        "kind": _required(self.file, ruling, "kind"),
                        "outcome": _required(self.file, ruling, "outcome"),
                        "summary": ruling.get("summary") or "",
                        "scope": ruling.get("scope") or "not_stated",
                        "opinion_url": ruling.get("opinion_url") or "",
                        "page_count": ruling.get("page_count"),
                        "reporter_citation": ruling.get("reporter_citation") or "",
                        "document_number": str(ruling.get("document_number") or ""),
                        "protected_conditions": ruling.get("protected_conditions")
                        or "",
                    },
                    sources=ruling.get("sources") or [],
                    m2m={
                        "protects_awards": [
                            self.ref(self.awards, a, ruling_key, "award")
                            for a in ruling.get("protects_awards") or []
                        ]
                    },
                )
                self.load_ruling_effects(
                    self.rulings[ruling_key], ruling_key, ruling.get("effects")
                )

    def load_directives(self) -> None:
        # A directive revokes one listed earlier in the file.
        for row in self.read("directives.yaml"):
            key = _key(self.file, row)
            self.directives[key] = self.upsert(
                Directive,
                key,
                {
                    "campaign": self.campaign(row, key),
                    "kind": _required(self.file, row, "kind"),
                    "title": _required(self.file, row, "title"),
                    "slug": key,
                    "issuer": _required(self.file, row, "issuer"),
                    "issued_on": _date(self.file, row, "issued_on"),
                    "issued_precision": row.get("issued_precision") or "day",
                    "published_on": _date(self.file, row, "published_on"),
                    "number": str(row.get("number") or ""),
                    "citation": row.get("citation") or "",
                    "document_url": row.get("document_url") or "",
                    "summary": _required(self.file, row, "summary"),
                    "revokes": self.ref(
                        self.directives, row.get("revokes"), key, "earlier directive"
                    ),
                },
                sources=row.get("sources") or [],
                m2m={
                    "programs": [
                        self.ref(self.programs, p, key, "program")
                        for p in row.get("programs") or []
                    ],
                    "awards": [
                        self.ref(self.awards, a, key, "award")
                        for a in row.get("awards") or []
                    ],
                },
            )

    def load_ruling_effects(
        self, ruling: Ruling, key: str, effects: list[dict] | None
    ) -> None:
        """A ruling's effects on directives, part of its record: left alone when staff
        edited the ruling, and written only where they differ."""
        if ruling.loaded_at is None or ruling.edited_since_loaded:
            return
        wanted = {}
        for item in effects or []:
            directive = self.ref(
                self.directives, item.get("directive"), key, "directive"
            )
            if directive is None:
                raise DataError(self.file, key, "an effect has no 'directive'")
            wanted[directive.pk] = (
                _required(self.file, {"key": key, **item}, "effect"),
                item.get("note") or "",
            )
        current = {effect.directive_id: effect for effect in ruling.effects.all()}
        for directive_id, effect in current.items():
            if directive_id not in wanted:
                effect.delete()
        for directive_id, (kind, note) in wanted.items():
            effect = current.get(directive_id)
            if effect is not None and (effect.effect, effect.note) == (kind, note):
                self.report.add(RulingEffect, "unchanged")
                continue
            effect = effect or RulingEffect(ruling=ruling, directive_id=directive_id)
            effect.effect, effect.note = kind, note
            effect._change_reason = "Loaded from the shipped data files"
            try:
                effect.full_clean()
            except ValidationError as exc:
                raise DataError(self.file, key, "; ".join(_messages(exc))) from exc
            self.report.add(RulingEffect, "created" if effect.pk is None else "updated")
            effect.save()

    def load_parties(self, case: Case, row: dict, key: str) -> None:
        """A case's parties: `plaintiffs` (tracked jurisdictions' keys) and `parties`
        (each with a side and a tracked `jurisdiction` or a `name`), in that order;
        replaced as a whole when they changed, unless staff edited the case."""
        wanted = [
            Party(case=case, side=Party.Side.PLAINTIFF, position=position,
                  jurisdiction=self.ref(self.jurisdictions, p, key, "jurisdiction"))
            for position, p in enumerate(row.get("plaintiffs") or [])
        ]  # fmt: skip
        for position, item in enumerate(row.get("parties") or [], start=len(wanted)):
            wanted.append(
                Party(
                    case=case,
                    side=_required(self.file, item, "side"),
                    jurisdiction=self.ref(
                        self.jurisdictions,
                        item.get("jurisdiction"),
                        key,
                        "jurisdiction",
                    ),
                    name=item.get("name") or "",
                    federal=bool(item.get("federal")),
                    joined_on=_date(self.file, item, "joined_on"),
                    position=position,
                )
            )
        if case.edited_since_loaded:
            return
        fields = ("side", "jurisdiction_id", "name", "federal", "joined_on", "position")
        current = list(case.parties.order_by("position", "pk").values_list(*fields))
        if current == [tuple(getattr(p, f) for f in fields) for p in wanted]:
            return
        for party in case.parties.all():
            party.delete()
        for party in wanted:
            try:
                party.full_clean()
            except ValidationError as exc:
                raise DataError(self.file, key, "; ".join(_messages(exc))) from exc
            party.save()
            self.report.add(Party, "created")


def _key(file: str, row: dict) -> str:
    if not isinstance(row, dict) or not row.get("key"):
        raise DataError(file, "?", f"a record has no 'key': {row!r:.80}")
    return str(row["key"])


def _required(file: str, row: dict, name: str) -> Any:
    value = row.get(name)
    if value in (None, ""):
        raise DataError(file, row.get("key", "?"), f"'{name}' is required")
    return value


def _date(file: str, row: dict, name: str, required: bool = False) -> date | None:
    value = row.get(name)
    if value in (None, ""):
        if required:
            raise DataError(file, row.get("key", "?"), f"'{name}' is required")
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DataError(
            file, row.get("key", "?"), f"'{name}' is not a YYYY-MM-DD date"
        ) from None


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [f"{name}: {' '.join(msgs)}" for name, msgs in exc.message_dict.items()]
    return list(exc.messages)
