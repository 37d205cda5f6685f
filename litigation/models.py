"""Court cases brought by jurisdictions, and the rulings in them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from sanctuary_tracker.models import (
    DatePrecision,
    TrackedModel,
    TrackedQuerySet,
    describe_date,
)
from sanctuary_tracker.paths import page_path


class Court(TrackedModel):
    class Level(models.TextChoices):
        DISTRICT = "district", "District court"
        APPEALS = "appeals", "Court of appeals"
        SUPREME = "supreme", "Supreme Court"

    name = models.CharField(max_length=200, unique=True)
    abbreviation = models.CharField(
        max_length=30, unique=True, help_text="As in a citation, e.g. “N.D. Ill.”."
    )
    level = models.CharField(max_length=10, choices=Level)

    class Meta:
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.abbreviation


class CaseQuerySet(TrackedQuerySet):
    def with_latest_ruling(self) -> CaseQuerySet:
        """Annotate the date, kind and outcome of each case's latest ruling, and its
        `status`: that outcome, or "no ruling recorded"."""
        latest = (
            Ruling.objects.published()
            .filter(case=OuterRef("pk"))
            .order_by("-decided_on", "-pk")
        )
        return self.annotate(
            latest_ruling_on=Subquery(latest.values("decided_on")[:1]),
            latest_ruling_kind=Subquery(latest.values("kind")[:1]),
            status=Coalesce(
                Subquery(latest.values("outcome")[:1]),
                Value(Case.Status.NO_RULING.value),
                output_field=models.CharField(),
            ),
        )

    def with_status_in(self, *statuses: str) -> CaseQuerySet:
        """Cases whose latest ruling has one of these outcomes (or none recorded)."""
        return self.with_latest_ruling().filter(status__in=statuses)

    def with_ruling_of_kind(self, kind: str) -> CaseQuerySet:
        """Cases with at least one ruling of this kind."""
        rulings = Ruling.objects.published().filter(case=OuterRef("pk"), kind=kind)
        return self.filter(Exists(rulings))

    def involving(self, jurisdiction: models.Model | int) -> CaseQuerySet:
        """Cases the jurisdiction is a party to, on any side."""
        return self.filter(Exists(Party.objects.filter(
            case=OuterRef("pk"), jurisdiction=jurisdiction)))  # fmt: skip

    def by_united_states(self) -> CaseQuerySet:
        """Cases the United States (or a federal agency or officer) brought."""
        return self.filter(brought_by_united_states("pk"))

    def appeals(self) -> CaseQuerySet:
        """Cases that review a ruling of a lower court."""
        return self.filter(appeal_of__isnull=False)

    def with_direction(self) -> CaseQuerySet:
        """Annotate `by_united_states`: a federal party brought the case."""
        return self.annotate(by_united_states=brought_by_united_states("pk"))

    def recently_changed(self) -> CaseQuerySet:
        """Newest change first: what the feeds publish."""
        return self.select_related("court").order_by("-updated_at", "-pk")

    def with_list_related(self) -> CaseQuerySet:
        return (
            self.with_latest_ruling()
            .with_direction()
            .select_related("court", "appeal_of__case")
            .prefetch_related(_public_parties())
        )

    def with_parties(self) -> CaseQuerySet:
        return self.prefetch_related(_public_parties())


def _public_parties() -> Prefetch:
    """`case.public_parties`: its parties, less the tracked jurisdictions not yet
    published (one list per case: no filtered queryset built per case)."""
    parties = (
        Party.objects.exclude(
            jurisdiction__isnull=False, jurisdiction__verified_at__isnull=True
        )
        .select_related("jurisdiction")
        .order_by("side", "position", "pk")
    )
    return Prefetch("parties", parties, to_attr="public_parties")


class Case(TrackedModel):
    """A lawsuit, or an appeal: a case in a higher court that reviews a ruling."""

    class Status(models.TextChoices):
        """Where a case stands: the outcome of its latest ruling."""

        NO_RULING = "no_ruling", "No ruling recorded"
        FOR_JURISDICTION = "for_jurisdiction", "Latest ruling for the jurisdiction"
        AGAINST_JURISDICTION = "against_jurisdiction", "Latest ruling against it"
        MIXED = "mixed", "Latest ruling mixed"

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        related_name="cases",
        help_text="The DOJ campaign the case arose from (an appeal: that of the case "
        "it reviews).",
    )
    caption = models.CharField(
        max_length=300, help_text="e.g. “City of Chicago v. Sessions”."
    )
    slug = models.SlugField(max_length=120, unique=True)
    court = models.ForeignKey(
        Court,
        on_delete=models.PROTECT,
        related_name="cases",
        null=True,
        blank=True,
        help_text="Empty when no source names the court.",
    )
    docket_number = models.CharField(
        max_length=100,
        blank=True,
        help_text="As the court numbers it, e.g. 1:17-cv-05720.",
    )
    judge = models.CharField(
        max_length=300,
        blank=True,
        help_text="Judge or panel, when a source names them.",
    )
    other_parties = models.CharField(
        max_length=500,
        blank=True,
        help_text="Parties the sources name only in words, beyond those listed as "
        "parties (e.g. “U.S. Conference of Mayors; the Attorney General”).",
    )
    filed_on = models.DateField(
        null=True, blank=True, help_text="Date filed, when known."
    )
    subject = models.TextField(blank=True, help_text="What the case challenges.")
    appeal_of = models.ForeignKey(
        "Ruling",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        help_text="For an appeal: the ruling it reviews.",
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["filed_on", "caption"]
        indexes = [models.Index(fields=["filed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "docket_number"],
                condition=~models.Q(docket_number=""),
                name="case_unique_docket_per_court",
                violation_error_message="This court already has a case with this docket "
                "number.",
            )
        ]

    def __str__(self) -> str:
        docket = f", No. {self.docket_number}" if self.docket_number else ""
        return f"{self.caption} ({self.court_abbreviation}{docket})"

    @property
    def court_abbreviation(self) -> str:
        return self.court.abbreviation if self.court else "court not recorded"

    @property
    def court_name(self) -> str:
        return self.court.name if self.court else "Not recorded"

    def get_absolute_url(self) -> str:
        return page_path("litigation:detail", self.slug)

    def parties_on(self, side: str) -> list[Party]:
        """Its public parties on one side (after `with_parties()`)."""
        return [p for p in self.public_parties if p.side == side]

    @property
    def parties_by_side(self) -> list[tuple[str, list[Party]]]:
        """(plural label, parties) for each side with a public party, in Side order."""
        plurals = {
            Party.Side.PLAINTIFF: "Plaintiffs",
            Party.Side.DEFENDANT: "Defendants",
            Party.Side.INTERVENOR: "Intervenors",
            Party.Side.AMICUS: "Amici curiae",
        }
        return [
            (label, parties)
            for side, label in plurals.items()
            if (parties := self.parties_on(side))
        ]

    @property
    def plaintiffs_shown(self) -> list[Party]:
        return self.parties_on(Party.Side.PLAINTIFF)

    @property
    def defendants_shown(self) -> list[Party]:
        return self.parties_on(Party.Side.DEFENDANT)

    @property
    def status_label(self) -> str:
        """Label of `status` from `with_latest_ruling()`."""
        return Case.Status(getattr(self, "status", Case.Status.NO_RULING)).label

    def clean(self) -> None:
        if self.appeal_of_id and self.pk and self.appeal_of.case_id == self.pk:
            raise ValidationError({"appeal_of": "A case cannot appeal its own ruling."})
        if (
            self.appeal_of_id
            and self.court_id
            and self.court.level == Court.Level.DISTRICT
        ):
            raise ValidationError(
                {
                    "appeal_of": "An appeal is heard by a court of appeals or the Supreme Court."
                }
            )


class PartyQuerySet(models.QuerySet):
    def with_since(self) -> PartyQuerySet:
        """Annotate `since`: the day it became a party (joined, or the filing)."""
        return self.annotate(since=Coalesce("joined_on", "case__filed_on"))

    def published(self) -> PartyQuerySet:
        """Parties of published cases, less tracked jurisdictions still drafts."""
        return self.filter(case__verified_at__isnull=False).exclude(
            jurisdiction__isnull=False, jurisdiction__verified_at__isnull=True
        )

    def plaintiffs(self) -> PartyQuerySet:
        return self.filter(side=Party.Side.PLAINTIFF)

    def sued_by_united_states(self) -> PartyQuerySet:
        """Tracked jurisdictions a federal plaintiff sued: defendants in a case the
        United States (or a federal agency or officer) brought."""
        return self.filter(
            brought_by_united_states("case"),
            side=Party.Side.DEFENDANT,
            jurisdiction__isnull=False,
        )

    def with_direction(self) -> PartyQuerySet:
        """Annotate `by_united_states`: a federal party brought the party's case."""
        return self.annotate(by_united_states=brought_by_united_states("case"))


def brought_by_united_states(case: str) -> Exists:
    """A federal party (the United States, an agency, an officer) is a plaintiff in
    the case that `case` (an outer reference) names: the one rule for "sued by DOJ"."""
    return Exists(Party.objects.plaintiffs().filter(case=OuterRef(case), federal=True))


class Party(models.Model):
    """A party to a case, on its side: a tracked jurisdiction, or one the sources
    name (the United States, an officer, another city)."""

    class Side(models.TextChoices):
        PLAINTIFF = "plaintiff", "Plaintiff"
        DEFENDANT = "defendant", "Defendant"
        INTERVENOR = "intervenor", "Intervenor"
        AMICUS = "amicus", "Amicus curiae"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    side = models.CharField(max_length=12, choices=Side)
    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_parties",
        help_text="The tracked jurisdiction, when the party is one.",
    )
    name = models.CharField(
        max_length=300,
        blank=True,
        help_text="As the sources name the party (e.g. “United States”, “JB Pritzker, "
        "Governor of Illinois”); may be empty for a tracked jurisdiction.",
    )
    federal = models.BooleanField(
        "federal party",
        default=False,
        help_text="The United States, or a federal agency or officer.",
    )
    joined_on = models.DateField(
        null=True,
        blank=True,
        help_text="When it joined the case, if after the filing (e.g. by an amended "
        "complaint); empty: a party from the filing.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order on its side, as the caption or complaint lists it."
    )
    history = HistoricalRecords()

    objects = PartyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "parties"
        ordering = ["case", "side", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jurisdiction__isnull=False) | ~Q(name=""),
                name="party_named",
                violation_error_message="Choose a tracked jurisdiction or give the "
                "party's name.",
            ),
            models.UniqueConstraint(
                fields=["case", "jurisdiction", "side"],
                condition=Q(jurisdiction__isnull=False),
                name="party_once_per_side",
                violation_error_message="This jurisdiction is already a party on this "
                "side of the case.",
            ),
        ]
        indexes = [models.Index(fields=["jurisdiction", "side"])]

    def __str__(self) -> str:
        return (
            f"{self.display_name}, {self.get_side_display().lower()} in "
            f"{self.case.caption}"
        )

    def get_absolute_url(self) -> str:
        return self.case.get_absolute_url()

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return self.jurisdiction.name if self.jurisdiction_id else ""

    def clean(self) -> None:
        if self.federal and self.jurisdiction_id:
            raise ValidationError(
                {"federal": "A tracked jurisdiction is not a federal party."}
            )
        try:  # the case being added with it in the admin has no id yet
            filed_on = self.case.filed_on
        except Case.DoesNotExist:
            filed_on = None
        if self.joined_on and filed_on and self.joined_on < filed_on:
            raise ValidationError(
                {
                    "joined_on": "A party cannot join before the case was filed "
                    f"({filed_on:%Y-%m-%d})."
                }
            )


class RulingQuerySet(TrackedQuerySet):
    def published(self) -> RulingQuerySet:
        """Verified rulings in verified cases."""
        return super().published().filter(case__verified_at__isnull=False)

    def recently_changed(self) -> RulingQuerySet:
        """Newest change first: what the feeds publish."""
        return self.select_related("case__court").order_by("-updated_at", "-pk")

    def for_jurisdiction(self, jurisdiction: models.Model) -> RulingQuerySet:
        """Rulings in the cases a jurisdiction is a party to, on either side, from the
        day it became a party."""
        parties = Party.objects.filter(
            Q(joined_on__isnull=True) | Q(joined_on__lte=OuterRef("decided_on")),
            case=OuterRef("case"),
            jurisdiction=jurisdiction,
        )
        return self.filter(Exists(parties))


class Ruling(TrackedModel):
    """A court's decision in a case."""

    class Kind(models.TextChoices):
        TRO = "tro", "Temporary restraining order"
        PRELIMINARY_INJUNCTION = "preliminary_injunction", "Preliminary injunction"
        STAY_ORDER = "stay_order", "Order on a stay"
        SUMMARY_JUDGMENT = "summary_judgment", "Summary judgment"
        PERMANENT_INJUNCTION = "permanent_injunction", "Permanent injunction"
        CLARIFICATION = "clarification", "Order clarifying a ruling"
        ENFORCEMENT = "enforcement", "Order enforcing a judgment"
        LEAVE_TO_AMEND = "leave_to_amend", "Leave to amend granted"
        MOTION_TO_DISMISS_DENIED = (
            "motion_to_dismiss_denied",
            "Motion to dismiss denied",
        )
        JUDGMENT = "judgment", "Judgment"
        DISMISSAL_WITHOUT_PREJUDICE = (
            "dismissal_without_prejudice",
            "Dismissal without prejudice",
        )
        DISMISSAL_WITH_PREJUDICE = (
            "dismissal_with_prejudice",
            "Dismissal with prejudice",
        )
        DISMISSAL_MOOT = "dismissal_moot", "Dismissal as moot"
        DISMISSAL = "dismissal", "Dismissal (with or without prejudice not recorded)"
        APPELLATE_DECISION = "appellate_decision", "Appellate decision"
        VACATUR = "vacatur", "Vacatur"
        EN_BANC_GRANTED = "en_banc_granted", "Rehearing en banc granted"
        EN_BANC_DENIED = "en_banc_denied", "Rehearing en banc denied"
        CERTIORARI_GRANTED = "certiorari_granted", "Certiorari granted"
        CERTIORARI_DENIED = "certiorari_denied", "Certiorari denied"
        DISMISSAL_BY_STIPULATION = (
            "dismissal_by_stipulation",
            "Dismissed by stipulation (Supreme Court Rule 46)",
        )

    class Outcome(models.TextChoices):
        FOR_JURISDICTION = "for_jurisdiction", "For the jurisdiction"
        AGAINST_JURISDICTION = "against_jurisdiction", "Against the jurisdiction"
        MIXED = "mixed", "Mixed"

    class Scope(models.TextChoices):
        NATIONWIDE = "nationwide", "Nationwide"
        PARTIES = "parties", "Parties only"
        STATEWIDE = "statewide", "Statewide"
        NOT_STATED = "not_stated", "Not stated in the sources"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="rulings")
    decided_on = models.DateField(help_text="Date of the ruling.")
    date_precision = models.CharField(
        max_length=12,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text="How much of the date the sources give: an inferred date (a "
        "weekday in a dated report) says so on every page.",
    )
    kind = models.CharField(max_length=30, choices=Kind)
    outcome = models.CharField(
        max_length=30, choices=Outcome, help_text="From the jurisdiction's side."
    )
    summary = models.TextField(blank=True, help_text="What the court decided.")
    scope = models.CharField(
        max_length=12,
        choices=Scope,
        default=Scope.NOT_STATED,
        help_text="Whom the relief covers.",
    )
    opinion_url = models.URLField(
        "opinion link", max_length=2000, blank=True, help_text="A copy of the opinion."
    )
    page_count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1, "A document has at least one page.")],
        help_text="Pages in the opinion, when a source gives it.",
    )
    reporter_citation = models.CharField(
        max_length=100, blank=True, help_text="e.g. 264 F. Supp. 3d 933."
    )
    document_number = models.CharField(
        max_length=50, blank=True, help_text="Docket entry, e.g. “Doc. 78”."
    )
    protects_awards = models.ManyToManyField(
        "grants.Award",
        blank=True,
        related_name="protecting_rulings",
        help_text="Awards this ruling protects from the challenged conditions.",
    )
    protected_conditions = models.CharField(
        max_length=500,
        blank=True,
        help_text="The grant conditions it bars, in words (e.g. “notice and access "
        "conditions”).",
    )

    objects = RulingQuerySet.as_manager()

    class Meta:
        ordering = ["decided_on", "id"]
        indexes = [
            models.Index(fields=["decided_on"]),
            models.Index(fields=["case", "decided_on"]),
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.decided_on:%Y-%m-%d} ({self.case.caption})"

    def get_absolute_url(self) -> str:
        return f"{self.case.get_absolute_url()}#ruling-{self.pk}"

    @property
    def decided_on_display(self) -> str:
        return describe_date(self.decided_on, self.date_precision)

    def clean(self) -> None:
        case = self.case if self.case_id else None
        if (
            case
            and case.filed_on
            and self.decided_on
            and self.decided_on < case.filed_on
        ):
            raise ValidationError(
                {
                    "decided_on": "A ruling cannot come before the case was filed "
                    f"({case.filed_on:%Y-%m-%d})."
                }
            )


class RulingEffectQuerySet(models.QuerySet):
    def published(self) -> RulingEffectQuerySet:
        """Effects whose ruling, case and directive are all published."""
        return self.filter(
            ruling__verified_at__isnull=False,
            ruling__case__verified_at__isnull=False,
            directive__verified_at__isnull=False,
        )


class RulingEffect(models.Model):
    """What a ruling does to a directive: enjoins, upholds or vacates it. Part of the
    ruling's record, backed by the ruling's sources and edited on its page."""

    class Effect(models.TextChoices):
        ENJOINS = "enjoins", "Enjoins"
        UPHOLDS = "upholds", "Upholds"
        VACATES = "vacates", "Vacates"
        DECLINES_TO_ENJOIN = "declines_to_enjoin", "Declines to enjoin"

    ruling = models.ForeignKey(
        Ruling,
        on_delete=models.CASCADE,
        related_name="effects",
        help_text="The ruling that acts on the directive.",
    )
    directive = models.ForeignKey(
        "directives.Directive",
        on_delete=models.PROTECT,  # a directive a court acted on must not vanish
        related_name="ruling_effects",
        help_text="The directive it acts on.",
    )
    effect = models.CharField(
        max_length=20, choices=Effect, help_text="What the ruling does to it."
    )
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Its reach, in words, e.g. “for the plaintiffs only”.",
    )
    history = HistoricalRecords()

    objects = RulingEffectQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ruling", "directive"],
                name="ruling_effect_unique_directive",
                violation_error_message="This ruling already has an effect on this "
                "directive.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_effect_display()} {self.directive}"
