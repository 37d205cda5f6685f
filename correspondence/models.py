"""Letters between DOJ and a jurisdiction, and officials' public statements."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from campaigns.models import Campaign
from sanctuary_tracker.models import (
    DatePrecision,
    TrackedModel,
    TrackedQuerySet,
    describe_date,
    empty_last_indexes,
)
from sanctuary_tracker.paths import page_path

from .choices import Direction, Finding, LetterKind
from .validators import MAX_UPLOAD_MB, letter_upload_path, validate_pdf

DOJ_KINDS = [kind for kind in LetterKind if kind != LetterKind.RESPONSE]


def _a_reply() -> Exists:
    """A published response answers the letter (the outer query's row)."""
    return Exists(
        Letter.objects.published().filter(
            in_reply_to=OuterRef("pk"), direction=Direction.FROM_JURISDICTION
        )
    )


class LetterQuerySet(TrackedQuerySet):
    def published(self) -> LetterQuerySet:
        """Verified letters of verified jurisdictions."""
        return super().published().filter(jurisdiction__verified_at__isnull=False)

    def in_state(self, state: str) -> LetterQuerySet:
        """Letters to or from the jurisdictions of a state (its USPS code). Reads the
        state's jurisdiction ids at once and matches letters by them: joined on the
        state instead, PostgreSQL looked up each letter's jurisdiction along the list's
        order (a page of California's responses at 200,000 letters: 3.7 -> 0.5 ms)."""
        jurisdictions = self.model._meta.get_field("jurisdiction").related_model
        ids = (
            jurisdictions.objects.filter(state=state)
            .order_by()
            .values_list("pk", flat=True)
        )
        return self.filter(jurisdiction__in=list(ids))

    def from_doj(self) -> LetterQuerySet:
        """Letters DOJ sent to a jurisdiction."""
        return self.filter(direction=Direction.TO_JURISDICTION)

    def responses(self) -> LetterQuerySet:
        """Letters a jurisdiction sent to DOJ."""
        return self.filter(direction=Direction.FROM_JURISDICTION)

    def subpoena_threats(self) -> LetterQuerySet:
        """DOJ letters that warn of a subpoena (not subpoenas themselves)."""
        return (
            self.from_doj()
            .filter(threatens_subpoena=True)
            .exclude(kind=LetterKind.SUBPOENA)
        )

    def subpoenas(self) -> LetterQuerySet:
        """Subpoenas actually issued."""
        return self.from_doj().filter(kind=LetterKind.SUBPOENA)

    def compliance_findings(self, finding: str | None = None) -> LetterQuerySet:
        """DOJ findings on compliance, optionally only one `finding`."""
        letters = self.from_doj().filter(kind=LetterKind.COMPLIANCE_FINDING)
        return letters.filter(finding=finding) if finding else letters

    def answered(self) -> LetterQuerySet:
        """DOJ letters that at least one recorded response answers."""
        return self.from_doj().filter(_a_reply())

    def unanswered(self) -> LetterQuerySet:
        """DOJ letters that no recorded response answers (yet)."""
        return self.from_doj().filter(~_a_reply())

    def no_reply(self) -> LetterQuerySet:
        """DOJ letters a source says went unanswered: no reply came."""
        return self.unanswered().filter(no_reply_reported=True)

    def no_reply_recorded(self) -> LetterQuerySet:
        """DOJ letters with no recorded response and no source saying none came: whether
        a reply was sent is not known (for most letters of 2017-2018, none was found)."""
        return self.unanswered().filter(no_reply_reported=False)

    def awaiting_response(self) -> LetterQuerySet:
        """DOJ letters with a due date and no recorded response yet."""
        return self.unanswered().filter(due_on__isnull=False)

    def due_within(self, days: int, today: date | None = None) -> LetterQuerySet:
        """Letters awaiting a response that is due in the next `days` days."""
        today = today or timezone.localdate()
        return self.awaiting_response().filter(
            due_on__gte=today, due_on__lte=today + timedelta(days=days)
        )

    def overdue(self, today: date | None = None) -> LetterQuerySet:
        """Letters of a campaign still open whose response was due before `today` and
        has not been recorded. A deadline of an ended campaign is history, not an
        ignored demand: its letters are "no reply recorded", never "overdue".

        Not built on `awaiting_response()`: "due before today" already excludes letters
        with no due date, and given both conditions SQLite read every past-due letter
        through the due-date index before sorting (200,000 letters: 203 -> 27 ms). The
        open campaigns' ids are read first (a handful), so no join is added."""
        today = today or timezone.localdate()
        open_campaigns = list(Campaign.objects.open().values_list("pk", flat=True))
        return self.unanswered().filter(due_on__lt=today, campaign__in=open_campaigns)

    def recently_changed(self) -> LetterQuerySet:
        """Newest change first: what the feeds publish."""
        return self.select_related("jurisdiction").order_by("-updated_at", "-pk")

    def with_answered(self) -> LetterQuerySet:
        """Annotate `is_answered`: a recorded response answers this letter."""
        return self.annotate(is_answered=_a_reply())

    def with_list_related(self) -> LetterQuerySet:
        """What a list row shows besides the letter: its jurisdiction and round."""
        return self.select_related("jurisdiction", "round")


class ReviewRound(TrackedModel):
    """One batch of DOJ letters sent on one date with one demand and one deadline."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        related_name="rounds",
        help_text="The DOJ campaign the round belongs to.",
    )
    name = models.CharField(max_length=200, help_text="A short name for the round.")
    slug = models.SlugField(max_length=60, unique=True)
    sent_on = models.DateField(help_text="Date the letters were sent (the first day).")
    sent_through = models.DateField(
        null=True,
        blank=True,
        help_text="Last day of sending, when the letters went out over several days.",
    )
    date_precision = models.CharField(
        max_length=12,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text="How much of the date the sources give.",
    )
    signer = models.CharField(max_length=200, blank=True, help_text="Who signed.")
    signer_title = models.CharField(max_length=200, blank=True)
    office = models.CharField(
        max_length=200, blank=True, help_text="DOJ office that sent the letters."
    )
    letter_kind = models.CharField(
        max_length=30,
        choices=LetterKind,
        help_text="Kind of the letters in this round.",
    )
    threatens_subpoena = models.BooleanField(
        default=False, help_text="The letters warn of a subpoena if not answered."
    )
    demand = models.TextField(blank=True, help_text="What the letters demanded.")
    due_on = models.DateField(
        null=True, blank=True, help_text="Deadline for the reply, when one was set."
    )
    due_note = models.CharField(
        max_length=300, blank=True, help_text="Caveat on the deadline's source."
    )
    reported_recipient_count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="How many recipients the sources report (the letters themselves "
        "are recorded one by one).",
    )

    class Meta:
        ordering = ["sent_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(due_on__gte=models.F("sent_on")),
                name="round_due_not_before_sent",
            ),
            models.CheckConstraint(
                condition=Q(sent_through__isnull=True)
                | Q(sent_through__gte=models.F("sent_on")),
                name="round_sent_through_not_before_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sent_on:%Y-%m-%d}: {self.name}"

    def save(self, *args, **kwargs) -> None:
        adding = self._state.adding  # then it has no children yet
        super().save(*args, **kwargs)
        if adding:
            return
        # Its letters' copy of the date (their sort by round), in the same transaction
        # when the caller holds one; a letter's own save sets it for itself.
        self.letters.exclude(round_sent_on=self.sent_on).update(
            round_sent_on=self.sent_on
        )

    def clean(self) -> None:
        errors = {}
        moved = (
            self.pk
            and ReviewRound.objects.filter(pk=self.pk)
            .exclude(campaign=self.campaign_id)
            .exists()
        )
        if moved and self.letters.exists():
            errors["campaign"] = (
                "Its letters belong to its campaign: move them first, or make a round "
                "of the other campaign."
            )
        if self.due_on and self.sent_on and self.due_on < self.sent_on:
            errors["due_on"] = "The reply cannot be due before the letters were sent."
        if self.sent_through and self.sent_on and self.sent_through < self.sent_on:
            errors["sent_through"] = (
                "The last day of sending cannot be before the first."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def sent_on_display(self) -> str:
        text = describe_date(self.sent_on, self.date_precision)
        if self.sent_through:
            text += f" to {describe_date(self.sent_through)}"
        return text


class Letter(TrackedModel):
    """One piece of correspondence to or from one jurisdiction."""

    Kind = LetterKind
    Direction = Direction
    Finding = Finding

    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="letters",
        help_text="The jurisdiction the letter was sent to, or that sent it.",
    )
    round = models.ForeignKey(
        ReviewRound,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        db_index=False,  # letter_round_sent_id_idx below leads with it
        help_text="The review round the letter belongs to, if any.",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        blank=True,  # taken from the round, or from the letter it answers
        related_name="letters",
        help_text="The DOJ campaign it belongs to: that of its round, or of the letter "
        "it answers, when it has one.",
    )
    direction = models.CharField(
        max_length=20,
        choices=Direction,
        default=Direction.TO_JURISDICTION,
        help_text="Who wrote to whom.",
    )
    kind = models.CharField(
        max_length=30, choices=LetterKind, help_text="Kind of letter."
    )
    sent_on = models.DateField(help_text="Date on the letter.")
    date_precision = models.CharField(
        max_length=12,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text="How much of the date the sources give.",
    )
    signer = models.CharField(max_length=200, blank=True, help_text="Who signed it.")
    signer_title = models.CharField(max_length=200, blank=True)
    office = models.CharField(max_length=200, blank=True, help_text="Sending office.")
    addressee = models.CharField(
        max_length=300, blank=True, help_text="To whom it was addressed."
    )
    subject = models.CharField(
        max_length=300, blank=True, help_text="Subject line (“RE: …”), when known."
    )
    threatens_subpoena = models.BooleanField(
        default=False, help_text="The letter warns of a subpoena if not answered."
    )
    finding = models.CharField(
        max_length=20,
        choices=Finding,
        blank=True,
        help_text="For a compliance finding: what DOJ found.",
    )
    due_on = models.DateField(
        null=True, blank=True, help_text="Date a response is due, when one was set."
    )
    no_reply_reported = models.BooleanField(
        "a source says no reply came",
        default=False,
        help_text="Tick only when a cited source says the jurisdiction did not answer. "
        "Left unticked, a letter without a recorded response reads “no reply "
        "recorded”: not known.",
    )
    in_reply_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        db_index=False,  # the partial index below
        help_text="For a response: the DOJ letter it answers.",
    )
    demanded = models.TextField(blank=True, help_text="What the letter demanded.")
    summary = models.TextField(blank=True, help_text="What the letter says, briefly.")
    round_sent_on = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Its round's date, copied from the round (empty without one): the "
        "list's sort by round reads it from an index instead of sorting every letter "
        "through the join. Set by the letter's save and the round's; bulk writers set "
        "it themselves.",
    )
    document_url = models.URLField(
        "document link", max_length=2000, blank=True, help_text="A copy online."
    )
    document_file = models.FileField(
        upload_to=letter_upload_path,
        blank=True,
        validators=[validate_pdf],
        help_text=f"A copy of the letter held by the tracker: a PDF of at most "
        f"{MAX_UPLOAD_MB} MB, stored under a generated name.",
    )

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "jurisdiction__name"]
        indexes = [
            # The letters list's order (newest first, then latest entered), either way,
            # and date ranges. An index that serves a list's order names the id that
            # breaks its ties: SQLite's indexes hold it anyway, PostgreSQL's only when
            # named, and without it PostgreSQL sorted a day's 33,000 letters for the
            # last page.
            models.Index(fields=["sent_on", "id"], name="letter_sent_id_idx"),
            # A round's letters in the list's order: a round of 50,000 letters sent on
            # one day was sorted in full for every page.
            models.Index(
                fields=["round", "sent_on", "id"], name="letter_round_sent_id_idx"
            ),
            models.Index(fields=["due_on"]),
            # The list by due date and by round (its date), either way, letters
            # without one last.
            *empty_last_indexes("due_on", "letter_due"),
            *empty_last_indexes("round_sent_on", "letter_round_sent"),
            # Letters of a kind, newest first, with what the list's filters check on
            # each (its jurisdiction, whether it is published): PostgreSQL walks a kind's
            # letters from the index alone, without reading a row.
            models.Index(
                fields=["kind", "sent_on", "id", "jurisdiction", "verified_at"],
                name="letter_kind_sent_id_idx",
            ),
            # The list by kind and by direction, either way (never empty, so read
            # backwards for the reverse): PostgreSQL sorted every letter for a page.
            models.Index(fields=["kind", "id"], name="letter_kind_id_idx"),
            models.Index(fields=["direction", "id"], name="letter_direction_id_idx"),
            # A jurisdiction's latest letter (the status rule) without scanning by date.
            models.Index(fields=["jurisdiction", "sent_on"]),
            # The list filtered by place and kind (?state=CA&kind=response): its letters
            # found, counted and dated from the index alone, without reading a row.
            models.Index(
                fields=["jurisdiction", "kind", "verified_at", "sent_on"],
                name="letter_place_kind_idx",
            ),
            # Counting the published letters (every list page) from the index alone.
            models.Index(fields=["jurisdiction", "verified_at"]),
            models.Index(fields=["updated_at"]),
            # Replies are few: an index of them alone keeps the planner from taking
            # "in reply to" for a selective column when most letters answer nothing.
            models.Index(
                fields=["in_reply_to"],
                condition=Q(in_reply_to__isnull=False),
                name="letter_in_reply_to_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(due_on__gte=models.F("sent_on")),
                name="letter_due_not_before_sent",
            ),
            models.CheckConstraint(
                condition=Q(
                    direction=Direction.FROM_JURISDICTION, kind=LetterKind.RESPONSE
                )
                | (
                    Q(direction=Direction.TO_JURISDICTION)
                    & ~Q(kind=LetterKind.RESPONSE)
                ),
                name="letter_kind_matches_direction",
            ),
            models.CheckConstraint(
                condition=Q(finding="") | Q(kind=LetterKind.COMPLIANCE_FINDING),
                name="letter_finding_only_on_compliance_findings",
            ),
            models.CheckConstraint(
                condition=~Q(kind=LetterKind.SUBPOENA_THREAT)
                | Q(threatens_subpoena=True),
                name="letter_subpoena_threat_is_flagged",
            ),
            models.CheckConstraint(
                condition=Q(threatens_subpoena=False)
                | Q(direction=Direction.TO_JURISDICTION),
                name="letter_only_doj_threatens",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.jurisdiction.name}, {self.sent_on:%Y-%m-%d}"

    def save(self, *args, **kwargs) -> None:
        self.round_sent_on = self.round.sent_on if self.round_id else None
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return page_path("correspondence:detail", self.pk)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.due_on and self.sent_on and self.due_on < self.sent_on:
            errors["due_on"] = (
                f"The response cannot be due ({self.due_on:%Y-%m-%d}) before the letter "
                f"was sent ({self.sent_on:%Y-%m-%d})."
            )
        if (
            self.direction == Direction.FROM_JURISDICTION
            and self.kind != LetterKind.RESPONSE
        ):
            errors["kind"] = "A letter from the jurisdiction to DOJ is a response."
        if (
            self.direction == Direction.TO_JURISDICTION
            and self.kind == LetterKind.RESPONSE
        ):
            errors["kind"] = (
                "A response goes from the jurisdiction to DOJ: change the direction."
            )
        if self.finding and self.kind != LetterKind.COMPLIANCE_FINDING:
            errors["finding"] = "Only a compliance finding records a finding."
        if self.kind == LetterKind.COMPLIANCE_FINDING and not self.finding:
            errors["finding"] = "Say what DOJ found: compliant or not compliant."
        if self.kind == LetterKind.SUBPOENA_THREAT and not self.threatens_subpoena:
            self.threatens_subpoena = True
        if self.threatens_subpoena and self.direction != Direction.TO_JURISDICTION:
            errors["threatens_subpoena"] = (
                "Only a letter from DOJ can threaten a subpoena."
            )
        if self.no_reply_reported and self.direction != Direction.TO_JURISDICTION:
            errors["no_reply_reported"] = "Only a letter from DOJ can go unanswered."
        elif self.no_reply_reported and self.pk and self.replies.exists():
            errors["no_reply_reported"] = (
                "A response to this letter is recorded: untick this, or correct the "
                "response."
            )
        if self.in_reply_to_id:
            errors.update(self._reply_errors())
        errors.update(self._campaign_errors())
        if errors:
            raise ValidationError(errors)
        duplicate = self.duplicate()
        if duplicate is not None:
            raise ValidationError(
                f"This letter is already recorded: {duplicate} (letter #{duplicate.pk}) "
                "has the same jurisdiction, date, kind and direction."
            )

    def _campaign_errors(self) -> dict[str, str]:
        """A letter is of its round's campaign, and a reply of its letter's; either
        fills an empty campaign."""
        given = [
            (name, related.campaign_id)
            for name, related in (
                ("round", self.round if self.round_id else None),
                ("in_reply_to", self.in_reply_to if self.in_reply_to_id else None),
            )
            if related is not None
        ]
        if not self.campaign_id and given:
            self.campaign_id = given[0][1]
        if not self.campaign_id:
            return {"campaign": "Say which DOJ campaign the letter belongs to."}
        for name, campaign_id in given:
            if campaign_id != self.campaign_id:
                return {
                    "campaign": f"The letter's {name.replace('_', ' ')} belongs to "
                    "another campaign."
                }
        return {}

    def duplicate(self) -> Letter | None:
        """Another letter with the same jurisdiction, date, kind and direction."""
        if not (self.jurisdiction_id and self.sent_on and self.kind):
            return None
        same = Letter.objects.filter(
            jurisdiction_id=self.jurisdiction_id,
            sent_on=self.sent_on,
            kind=self.kind,
            direction=self.direction,
        )
        return same.exclude(pk=self.pk).first()

    def _reply_errors(self) -> dict[str, str]:
        original = self.in_reply_to
        if self.direction != Direction.FROM_JURISDICTION:
            return {"in_reply_to": "Only a response answers another letter."}
        if original.direction != Direction.TO_JURISDICTION:
            return {"in_reply_to": "A response answers a letter from DOJ."}
        if self.jurisdiction_id and original.jurisdiction_id != self.jurisdiction_id:
            return {"in_reply_to": "That letter went to another jurisdiction."}
        if self.sent_on and original.sent_on > self.sent_on:
            return {
                "in_reply_to": "A response cannot be dated before the letter it answers."
            }
        return {}

    @property
    def sent_on_display(self) -> str:
        return describe_date(self.sent_on, self.date_precision)


class Statement(TrackedModel):
    """What an official said in public, e.g. on receiving a DOJ letter (not a letter)."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", "Statement"
        PRESS_CONFERENCE = "press_conference", "Press conference"
        SOCIAL_MEDIA = "social_media", "Social media post"
        BOYCOTT = "boycott", "Boycott"

    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text="The jurisdiction the speaker speaks for, if any.",
    )
    round = models.ForeignKey(
        ReviewRound,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text="The round of letters the statement reacts to, if any.",
    )
    made_on = models.DateField(help_text="Date the statement was made.")
    date_precision = models.CharField(
        max_length=12, choices=DatePrecision, default=DatePrecision.DAY
    )
    speaker = models.CharField(max_length=200, help_text="Who spoke.")
    speaker_title = models.CharField(
        max_length=200, blank=True, help_text="Their office, e.g. “Mayor of Denver”."
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.STATEMENT)
    summary = models.TextField(blank=True, help_text="What was said, briefly.")
    quote = models.TextField(blank=True, help_text="The words, as reported.")

    class Meta:
        ordering = ["-made_on", "speaker"]
        indexes = [
            models.Index(fields=["made_on"]),
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.speaker}, {self.made_on:%Y-%m-%d}"

    @property
    def made_on_display(self) -> str:
        return describe_date(self.made_on, self.date_precision)


class GroupFindingQuerySet(TrackedQuerySet):
    def members(self) -> dict[int, set[int]]:
        """Each finding's id with the jurisdictions it applies to: those its round
        wrote to (a published letter), less its exceptions."""
        findings = dict.fromkeys(self.values_list("pk", flat=True))
        if not findings:
            return {}
        rounds = dict(self.values_list("pk", "round_id"))
        written = {}
        for round_id, jurisdiction_id in (
            Letter.objects.published()
            .filter(round__in=set(rounds.values()))
            .values_list("round_id", "jurisdiction_id")
            .distinct()
        ):
            written.setdefault(round_id, set()).add(jurisdiction_id)
        excepted = {}
        for (
            finding_id,
            jurisdiction_id,
        ) in GroupFinding.exceptions.through.objects.filter(
            groupfinding__in=list(findings)
        ).values_list("groupfinding_id", "jurisdiction_id"):
            excepted.setdefault(finding_id, set()).add(jurisdiction_id)
        return {
            pk: written.get(rounds[pk], set()) - excepted.get(pk, set())
            for pk in findings
        }


class GroupFinding(TrackedModel):
    """An outcome a source reports for a whole round at once, with its exceptions ("of
    those 29 ... only Oregon has yet to be cleared"): one fact, with one citation, that
    applies to each member, never copied into invented letters."""

    class Kind(models.TextChoices):
        CLEARED = "cleared", "Cleared"

    round = models.ForeignKey(
        ReviewRound,
        on_delete=models.PROTECT,
        related_name="group_findings",
        help_text="The round whose jurisdictions it reports on.",
    )
    kind = models.CharField(max_length=20, choices=Kind, help_text="What it reports.")
    reported_on = models.DateField(help_text="When the source reports it.")
    date_precision = models.CharField(
        max_length=12,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text="How much of the date the sources give.",
    )
    exceptions = models.ManyToManyField(
        "jurisdictions.Jurisdiction",
        blank=True,
        related_name="+",
        help_text="Members of the round the source says it does not apply to.",
    )
    summary = models.TextField(help_text="What the source reports, in a sentence.")

    objects = GroupFindingQuerySet.as_manager()

    class Meta:
        ordering = ["reported_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, reported for the group: {self.round.name}"

    @property
    def reported_on_display(self) -> str:
        return describe_date(self.reported_on, self.date_precision)
