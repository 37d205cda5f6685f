"""Factories for every domain model (factory_boy); tests build the data they need."""

from datetime import date

import factory
from django.utils import timezone

from campaigns.models import Campaign
from correspondence.models import GroupFinding, Letter, ReviewRound, Statement
from designations.models import Designation, Listing
from directives.models import Directive
from grants.models import Award, AwardFigure, FigureKind, Program, ReportedFigure
from jurisdictions.models import Jurisdiction
from litigation.models import Case, Court, Party, Ruling, RulingEffect
from sanctuary_tracker.models import Citation, Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://example.org/article-{n}")
    publisher = "Example News"
    title = factory.Sequence(lambda n: f"Article {n}")
    published_on = date(2018, 1, 24)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    source = factory.SubFactory(SourceFactory)
    quote = "a short quote"


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction

    verified_at = factory.LazyFunction(timezone.now)  # published unless a test says

    name = factory.Sequence(lambda n: f"Town {n}")
    slug = factory.Sequence(lambda n: f"town-{n}")
    kind = Jurisdiction.Kind.CITY
    state = "CA"


def first_review() -> Campaign:
    """The campaign records belong to unless a test names another: DOJ's first review,
    open (no end recorded), so a test's statuses are those of its events alone."""
    campaign, _ = Campaign.objects.get_or_create(
        slug="doj-1373-review",
        defaults={
            "name": "DOJ's 8 U.S.C. 1373 / Byrne JAG review",
            "started_on": date(2016, 5, 31),
            "verified_at": timezone.now(),
        },
    )
    return campaign


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    verified_at = factory.LazyFunction(timezone.now)
    name = factory.Sequence(lambda n: f"Campaign {n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    started_on = date(2025, 1, 20)


class ReviewRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewRound

    verified_at = factory.LazyFunction(timezone.now)  # published unless a test says

    campaign = factory.LazyFunction(first_review)
    name = factory.Sequence(lambda n: f"Round {n}")
    slug = factory.Sequence(lambda n: f"round-{n}")
    sent_on = date(2018, 1, 24)
    due_on = date(2018, 2, 23)
    signer = "Jon Adler"
    letter_kind = Letter.Kind.DOCUMENT_DEMAND
    threatens_subpoena = True


class GroupFindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupFinding

    verified_at = factory.LazyFunction(timezone.now)
    round = factory.SubFactory(ReviewRoundFactory)
    kind = GroupFinding.Kind.CLEARED
    reported_on = date(2019, 3, 2)
    summary = "All but one were cleared, a spokesman said."


class DesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Designation

    verified_at = factory.LazyFunction(timezone.now)
    campaign = factory.LazyFunction(first_review)
    publisher = "U.S. Department of Justice"
    publisher_short = "DOJ"
    title = factory.Sequence(lambda n: f"List {n}")
    slug = factory.Sequence(lambda n: f"list-{n}")
    published_on = date(2025, 8, 5)


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing

    verified_at = factory.LazyFunction(timezone.now)
    designation = factory.SubFactory(DesignationFactory)
    position = factory.Sequence(lambda n: n + 1)
    category_as_printed = Listing.Category.CITY
    name_as_printed = factory.Sequence(lambda n: f"Town {n}, California")
    jurisdiction = factory.SubFactory(JurisdictionFactory)


class LetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Letter

    verified_at = factory.LazyFunction(timezone.now)  # published unless a test says

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    round = None
    campaign = factory.LazyAttribute(
        lambda letter: letter.round.campaign if letter.round else first_review()
    )
    direction = Letter.Direction.TO_JURISDICTION
    kind = Letter.Kind.DOCUMENT_DEMAND
    sent_on = date(2018, 1, 24)
    due_on = date(2018, 2, 23)


class ResponseFactory(LetterFactory):
    direction = Letter.Direction.FROM_JURISDICTION
    kind = Letter.Kind.RESPONSE
    sent_on = date(2018, 2, 23)
    due_on = None


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    verified_at = factory.LazyFunction(timezone.now)  # published unless a test says

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    made_on = date(2018, 1, 24)
    speaker = "A Mayor"


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ["slug"]

    verified_at = factory.LazyFunction(timezone.now)  # published unless a test says

    name = "Edward Byrne Memorial Justice Assistance Grant"
    short_name = "Byrne JAG"
    slug = "byrne-jag"


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    verified_at = factory.LazyFunction(timezone.now)  # published unless a test says

    program = factory.SubFactory(ProgramFactory)
    fiscal_year = 2016
    recipient = factory.SubFactory(JurisdictionFactory)


class AwardFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardFigure
        skip_postgeneration_save = True

    verified_at = factory.LazyFunction(timezone.now)  # published unless a test says

    award = factory.SubFactory(AwardFactory)
    kind = FigureKind.AWARD
    amount = 100000
    # Money is a status event of the campaign it is dated in: the first review.
    campaign = factory.PostGeneration(lambda figure, create, extracted: first_review())


class ReportedFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportedFigure

    verified_at = factory.LazyFunction(timezone.now)  # published unless a test says

    scope = "The 23 jurisdictions"
    kind = FigureKind.AWARD
    amount = 39000000


class CourtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Court

    verified_at = factory.LazyFunction(timezone.now)  # published unless a test says

    name = factory.Sequence(lambda n: f"U.S. District Court {n}")
    abbreviation = factory.Sequence(lambda n: f"D. {n}")
    level = Court.Level.DISTRICT


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    verified_at = factory.LazyFunction(timezone.now)  # published unless a test says

    campaign = factory.LazyFunction(first_review)
    caption = factory.Sequence(lambda n: f"City {n} v. Sessions")
    slug = factory.Sequence(lambda n: f"case-{n}")
    court = factory.SubFactory(CourtFactory)
    filed_on = date(2017, 8, 7)


def add_parties(case: Case, *jurisdictions: Jurisdiction, side=Party.Side.PLAINTIFF):
    """Make tracked jurisdictions parties to `case` on one side."""
    for jurisdiction in jurisdictions:
        Party.objects.create(case=case, jurisdiction=jurisdiction, side=side)


def sued_by_united_states(case: Case, *defendants: Jurisdiction) -> Case:
    """`case` as a suit the United States brought against `defendants`."""
    Party.objects.create(case=case, name="United States", federal=True,
                         side=Party.Side.PLAINTIFF)  # fmt: skip
    add_parties(case, *defendants, side=Party.Side.DEFENDANT)
    return case


class RulingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ruling

    verified_at = factory.LazyFunction(timezone.now)  # published unless a test says

    case = factory.SubFactory(CaseFactory)
    decided_on = date(2017, 9, 15)
    kind = Ruling.Kind.PRELIMINARY_INJUNCTION
    outcome = Ruling.Outcome.FOR_JURISDICTION


def second_campaign() -> Campaign:
    """DOJ's campaign of 2025, which the directives belong to unless a test names
    another."""
    campaign, _ = Campaign.objects.get_or_create(
        slug="sanctuary-campaign-2025",
        defaults={
            "name": "DOJ's campaign against sanctuary jurisdictions of 2025",
            "started_on": date(2025, 1, 20),
            "verified_at": timezone.now(),
        },
    )
    return campaign


class DirectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directive
        skip_postgeneration_save = True

    verified_at = factory.LazyFunction(timezone.now)  # published unless a test says

    campaign = factory.LazyFunction(second_campaign)
    kind = Directive.Kind.EXECUTIVE_ORDER
    title = factory.Sequence(lambda n: f"Directive {n}")
    slug = factory.Sequence(lambda n: f"directive-{n}")
    issuer = "President Donald Trump"
    issued_on = date(2025, 1, 20)
    number = factory.Sequence(lambda n: str(14000 + n))
    summary = "Directs DOJ to withhold federal funds."


class RulingEffectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RulingEffect

    ruling = factory.SubFactory(RulingFactory)
    directive = factory.SubFactory(DirectiveFactory)
    effect = RulingEffect.Effect.ENJOINS
