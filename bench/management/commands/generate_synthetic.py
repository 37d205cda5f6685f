"""Fill an empty database with clearly synthetic, deterministic data for benchmarks."""

import random
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from campaigns.models import Campaign
from correspondence.models import Letter, ReviewRound, Statement
from grants.models import (
    Award,
    AwardFigure,
    FigureKind,
    Program,
    Qualifier,
    ReportedFigure,
)
from jurisdictions.models import Jurisdiction
from jurisdictions.usps import STATES
from litigation.models import Case, Court, Party, Ruling
from review.status import rebuild
from sanctuary_tracker.models import Citation, Source
from search import index as search_index

BATCH = 5000
KINDS = [kind for kind, _ in Jurisdiction.Kind.choices]
FIRST_YEAR = 2005
NOW = timezone.now()  # synthetic records are published, as the real data is


class Command(BaseCommand):
    help = (
        "Fill this (empty, separate) database with synthetic data for benchmarks. Every "
        "name starts with 'Synthetic'. Refuses to run where the real data is loaded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jurisdictions", type=int, default=1000)
        parser.add_argument("--awards", type=int, default=5000)
        parser.add_argument("--letters", type=int, default=5000)
        parser.add_argument("--rulings", type=int, default=100)
        parser.add_argument("--seed", type=int, default=1373)

    def handle(self, *args: object, **options: int) -> None:
        if Jurisdiction.objects.filter(data_key__isnull=False).exists() or (
            Jurisdiction.objects.exclude(name__startswith="Synthetic").exists()
        ):
            raise CommandError(
                "This database holds real data. Point DATABASE_URL at a separate, empty "
                "database for synthetic benchmark data."
            )
        if Jurisdiction.objects.exists():
            raise CommandError(
                "This database already holds synthetic data; use a new one."
            )
        count = options["jurisdictions"]
        years = max(1, -(-options["awards"] // max(count, 1)))
        if years > 2100 - FIRST_YEAR:
            raise CommandError(
                "Too many awards per jurisdiction for distinct fiscal years."
            )
        rng = random.Random(options["seed"])
        with transaction.atomic():
            self.generate(rng, options)
            rebuild()  # the bulk writes above sent no signals: every status at once
            search_index.rebuild()  # and every search entry
        # After a bulk load the planner needs fresh statistics (PostgreSQL's autovacuum
        # would gather them later; SQLite never does on its own). Without them SQLite
        # cannot tell a selective index from one that matches every row.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(
            f"Synthetic data: {count} jurisdictions, {options['awards']} awards, "
            f"{options['letters']} letters, {options['rulings']} rulings."
        ))  # fmt: skip

    def generate(self, rng: random.Random, options: dict) -> None:
        source = Source.objects.create(
            url="https://example.invalid/synthetic", publisher="Synthetic data",
            title="Generated for benchmarks; not real", note="synthetic",
        )  # fmt: skip
        campaigns = [
            Campaign.objects.create(
                verified_at=NOW, name="Synthetic first campaign", slug="synthetic-first",
                started_on=date(2016, 5, 31), ended_on=date(2021, 4, 1),
                end_precision="month",
            ),
            Campaign.objects.create(
                verified_at=NOW, name="Synthetic second campaign",
                slug="synthetic-second", started_on=date(2025, 1, 20),
            ),
        ]  # fmt: skip
        states = list(STATES)
        jurisdictions = Jurisdiction.objects.bulk_create(
            (
                Jurisdiction(verified_at=NOW, name=f"Synthetic {i:06d}", slug=f"synthetic-{i:06d}",
                             kind=rng.choice(KINDS), state=rng.choice(states))
                for i in range(options["jurisdictions"])
            ),
            batch_size=BATCH,
        )  # fmt: skip
        # Two rounds in each campaign: every jurisdiction has events in both.
        starts = [date(2017, 1, 1), date(2025, 3, 1)]
        rounds = [
            ReviewRound.objects.create(
                verified_at=NOW, campaign=campaigns[n // 2],
                name=f"Synthetic round {n}", slug=f"synthetic-round-{n}",
                sent_on=starts[n // 2] + timedelta(days=120 * (n % 2)),
                due_on=starts[n // 2] + timedelta(days=120 * (n % 2) + 30),
                letter_kind=Letter.Kind.DOCUMENT_DEMAND, threatens_subpoena=n % 2 == 0,
            )
            for n in range(4)
        ]  # fmt: skip
        self.letters(rng, jurisdictions, rounds, options["letters"])
        awards = self.awards(rng, jurisdictions, options["awards"])
        self.rulings(rng, jurisdictions, awards, options["rulings"], campaigns)
        # A statement and a reported figure for each, as the real jurisdictions have.
        Statement.objects.bulk_create(
            (
                Statement(verified_at=NOW, jurisdiction=j, made_on=rounds[0].sent_on,
                          speaker="Synthetic Speaker", summary="Synthetic statement")
                for j in jurisdictions
            ),
            batch_size=BATCH,
        )  # fmt: skip
        ReportedFigure.objects.bulk_create(
            (
                ReportedFigure(verified_at=NOW, jurisdiction=j, kind=FigureKind.AWARD,
                               scope="Synthetic reported total", qualifier=Qualifier.ABOUT,
                               amount=rng.randrange(10_000, 20_000_000))
                for j in jurisdictions
            ),
            batch_size=BATCH,
        )  # fmt: skip
        # Every record cites its source, as every real record does.
        for model in (Jurisdiction, Letter, Statement, Award, AwardFigure,
                      ReportedFigure, Case, Ruling):  # fmt: skip
            content_type = ContentType.objects.get_for_model(model)
            ids = list(model.objects.values_list("pk", flat=True))
            for start in range(0, len(ids), BATCH * 10):
                Citation.objects.bulk_create(
                    [
                        Citation(content_type=content_type, object_id=pk,
                                 source=source, quote="synthetic")
                        for pk in ids[start : start + BATCH * 10]
                    ],
                    batch_size=BATCH,
                )  # fmt: skip

    def letters(self, rng, jurisdictions, rounds, count: int) -> None:
        def letter(i: int) -> Letter:
            review_round = rounds[i % len(rounds)]
            reply = i % 3 == 2
            sent = review_round.sent_on + timedelta(
                days=rng.randrange(0, 60) if reply else 0
            )
            return Letter(verified_at=NOW, campaign_id=review_round.campaign_id,
                jurisdiction=rng.choice(jurisdictions), round=review_round,
                round_sent_on=review_round.sent_on,  # bulk_create runs no save()
                direction=Letter.Direction.FROM_JURISDICTION if reply
                else Letter.Direction.TO_JURISDICTION,
                kind=Letter.Kind.RESPONSE if reply else Letter.Kind.DOCUMENT_DEMAND,
                sent_on=sent, due_on=None if reply else review_round.due_on,
                threatens_subpoena=not reply and review_round.threatens_subpoena,
                signer="Synthetic Signer", summary=f"Synthetic letter {i}",
            )  # fmt: skip

        Letter.objects.bulk_create((letter(i) for i in range(count)), batch_size=BATCH)

    def awards(self, rng, jurisdictions, count: int) -> list[Award]:
        program = Program.objects.create(verified_at=NOW, name="Synthetic grant program",
                                         short_name="Synthetic JAG", slug="synthetic-jag")  # fmt: skip
        per = max(1, -(-count // len(jurisdictions)))
        awards = Award.objects.bulk_create(
            (
                Award(verified_at=NOW, program=program, fiscal_year=FIRST_YEAR + i // len(jurisdictions),
                      recipient=jurisdictions[i % len(jurisdictions)])
                for i in range(min(count, per * len(jurisdictions)))
            ),
            batch_size=BATCH,
        )  # fmt: skip
        kinds = [FigureKind.ALLOCATION, FigureKind.AWARD, FigureKind.RECEIVED]
        qualifiers = [Qualifier.EXACT, Qualifier.EXACT, Qualifier.ABOUT]
        AwardFigure.objects.bulk_create(
            (
                AwardFigure(verified_at=NOW, award=award, kind=rng.choice(kinds),
                            award_fiscal_year=award.fiscal_year,  # no save() here
                            amount=(amount := rng.randrange(10_000, 20_000_000)),
                            amount_sort=amount, qualifier=rng.choice(qualifiers))
                for award in awards
            ),
            batch_size=BATCH,
        )  # fmt: skip
        return awards

    def rulings(self, rng, jurisdictions, awards, count: int, campaigns) -> None:
        court = Court.objects.create(verified_at=NOW, name="Synthetic District Court", abbreviation="Syn. D.",
                                     level=Court.Level.DISTRICT)  # fmt: skip
        cases = Case.objects.bulk_create(
            Case(verified_at=NOW, caption=f"Synthetic {i:05d} v. Synthetic", slug=f"synthetic-case-{i:05d}",
                 campaign=campaigns[i % 2], court=court, docket_number=f"1:17-cv-{i:05d}",
                 filed_on=[date(2017, 8, 1), date(2025, 6, 1)][i % 2])
            for i in range(max(1, count // 2))
        )  # fmt: skip
        plaintiffs = [rng.choice(jurisdictions) for _ in cases]
        # The second campaign's cases are suits the United States brought against
        # the jurisdiction; the first's, suits the jurisdiction brought.
        parties = []
        for i, (case, place) in enumerate(zip(cases, plaintiffs, strict=True)):
            if i % 2:
                parties += [
                    Party(case=case, side=Party.Side.PLAINTIFF, name="United States", federal=True),
                    Party(case=case, side=Party.Side.DEFENDANT, jurisdiction=place),
                ]  # fmt: skip
            else:
                parties.append(
                    Party(case=case, side=Party.Side.PLAINTIFF, jurisdiction=place)
                )
        Party.objects.bulk_create(parties)
        # Each plaintiff also shares another's award, with its own share recorded: a
        # plaintiff's page then shows every kind of record a real one does.
        joint = {}
        for i, plaintiff in enumerate(plaintiffs):
            for award in (awards[i % len(awards)], awards[(i + 1) % len(awards)]):
                if award.recipient_id != plaintiff.pk:
                    joint[award.pk, plaintiff.pk] = (award, plaintiff)
                    break
        joint = list(joint.values())
        Award.partners.through.objects.bulk_create(
            Award.partners.through(award=award, jurisdiction=plaintiff)
            for award, plaintiff in joint
        )
        AwardFigure.objects.bulk_create(
            AwardFigure(verified_at=NOW, award=award, kind=FigureKind.AWARD,
                        award_fiscal_year=award.fiscal_year, share_of=plaintiff,
                        amount=(amount := rng.randrange(10_000, 1_000_000)),
                        amount_sort=amount)
            for award, plaintiff in joint
        )  # fmt: skip
        outcomes = [o for o, _ in Ruling.Outcome.choices]
        Ruling.objects.bulk_create(
            (
                Ruling(verified_at=NOW, case=cases[i % len(cases)], kind=Ruling.Kind.PRELIMINARY_INJUNCTION,
                       decided_on=[date(2017, 9, 1), date(2025, 7, 1)][i % len(cases) % 2]
                       + timedelta(days=i % 300),
                       outcome=rng.choice(outcomes))
                for i in range(count)
            ),
            batch_size=BATCH,
        )  # fmt: skip
