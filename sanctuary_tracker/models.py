"""What every record shares: where it was read (sources) and when it changed."""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Prefetch, Q
from django.db.models.lookups import IsNull
from django.utils.dates import MONTHS
from simple_history.models import HistoricalRecords


class DatePrecision(models.TextChoices):
    """How much of a date the source gives; the stored date is read accordingly."""

    DAY = "day", "Exact day"
    MONTH = "month", "Month only (stored as the 1st)"
    APPROXIMATE = "approximate", "About that day"
    BY = "by", "On or before that day"
    INFERRED = "inferred", "Worked out from the source (e.g. its weekday and date)"
    AFTER = "after", "After that day (the source gives only a lower bound)"


def is_empty(field: str) -> IsNull:
    """`field IS NULL`, as a value to sort by: false before true, so ordered by it
    first, a list has its empty values last whichever way the column runs."""
    return IsNull(F(field), True)


def empty_last_indexes(field: str, name: str) -> list[models.Index]:
    """The two indexes that give a list's order by nullable `field`, empty values
    last, either way, the id breaking ties (the order `SortFilter` writes for a column
    it is told has them): "is empty", then the column and the id ascending, or both
    descending; each read backwards gives the other's reverse (a page read from the
    far end). One index of the column cannot: PostgreSQL's holds "ascending, empty
    last" and its reverse, never "descending, empty last", and sorted every row for it."""
    return [
        models.Index(is_empty(field), F(field), F("id"), name=f"{name}_asc_idx"),
        models.Index(
            is_empty(field), F(field).desc(), F("id").desc(), name=f"{name}_desc_idx"
        ),
    ]


def describe_date(value: date | None, precision: str = DatePrecision.DAY) -> str:
    """A date in words that never claims more than the source gives."""
    if value is None:
        return "not recorded"
    # What dateformat's "F Y" and "F j, Y" give, written out: a list page describes
    # 50 to 100 dates, and the general formatter takes 20 µs for each.
    month = MONTHS[value.month]
    if precision == DatePrecision.MONTH:
        return f"{month} {value.year:04d}"
    text = f"{month} {value.day}, {value.year:04d}"
    if precision == DatePrecision.APPROXIMATE:
        return f"about {text}"
    if precision == DatePrecision.BY:
        return f"by {text}"
    if precision == DatePrecision.INFERRED:
        return f"{text} (inferred)"
    if precision == DatePrecision.AFTER:
        return f"after {text}"
    return text


class Source(models.Model):
    """A page, document or article where a fact was read."""

    url = models.URLField(
        "URL",
        max_length=2000,
        blank=True,
        help_text="Address of the page or document. Leave empty only when no copy "
        "is known online (then the title, publisher and date identify it).",
    )
    publisher = models.CharField(
        max_length=200, help_text="Outlet, court, agency or site that published it."
    )
    title = models.CharField(max_length=500, help_text="Title or a short description.")
    published_on = models.DateField(
        null=True, blank=True, help_text="Date of publication, when known."
    )
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text="How to weigh it, e.g. “advocacy group”, “aggregator”, "
        "“low-quality source”.",
    )
    data_key = models.SlugField(
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Key of this record in the shipped data files; empty for staff entries.",
    )
    loaded_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the data loader last wrote this source; a later change means "
        "staff edited it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["loaded_at"])

    class Meta:
        ordering = ["publisher", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="source_unique_url"
            ),
            models.UniqueConstraint(
                fields=["publisher", "title"],
                condition=Q(url=""),
                name="source_unique_title_without_url",
            ),
        ]

    def __str__(self) -> str:
        when = f", {self.published_on:%Y-%m-%d}" if self.published_on else ""
        return f"{self.publisher}: {self.title}{when}"

    @property
    def edited_since_loaded(self) -> bool:
        return self.loaded_at is not None and self.updated_at > self.loaded_at


class Citation(models.Model):
    """One source backing one record, with the words that back it."""

    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,  # a source cited anywhere must not vanish
        related_name="citations",
        help_text="Where the fact was read.",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    quote = models.TextField(
        blank=True,
        help_text="A short exact quote from the source that states the fact.",
    )
    pinpoint = models.CharField(
        max_length=100,
        blank=True,
        help_text="Page, paragraph or docket entry, if useful.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # A record's citations, in order, with their sources' ids in the index
            # itself: an export gathers the sources of 2,000 rows at a time from the
            # index alone (4.2 -> 1.4 ms a chunk at 1,000,000 citations). The id is
            # named for PostgreSQL, whose indexes hold only the columns named.
            models.Index(
                fields=["content_type", "object_id", "source", "id"],
                name="citation_record_source_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "content_type", "object_id", "quote", "pinpoint"],
                name="citation_unique_quote_per_record",
            )
        ]

    def __str__(self) -> str:
        return str(self.source)


def citations_with_sources(relation: str = "citations") -> Prefetch:
    """A prefetch of records' citations with each one's source joined in: one query,
    where `prefetch_related("citations__source")` takes two."""
    return Prefetch(relation, Citation.objects.select_related("source"))


# What a record keeps about itself rather than about the review: its key in the data
# files, its loading, verification, version and timestamps.
RECORD_KEEPING = (
    "data_key",
    "loaded_at",
    "verified_at",
    "verified_by",
    "version",
    "created_at",
    "updated_at",
)


class TrackedQuerySet(models.QuerySet):
    """What every domain queryset can do; the public site reads only `published()`."""

    def published(self) -> "TrackedQuerySet":
        """Records a second staff member verified (or loaded from the sourced data)."""
        return self.filter(verified_at__isnull=False)

    def drafts(self) -> "TrackedQuerySet":
        return self.filter(verified_at__isnull=True)

    def without_record_keeping(self) -> "TrackedQuerySet":
        """The rows a public page shows, without the record-keeping columns
        (`RECORD_KEEPING`) of this model and of each tracked record it selects with
        `select_related()`: no public row shows them, and a page of 50 letters then
        reads and converts some 600 fewer timestamps. Not for exports or the admin."""
        deferred = []
        paths = [("", self.model)]
        while paths:
            prefix, model = paths.pop()
            if issubclass(model, TrackedModel):
                deferred += [f"{prefix}{name}" for name in RECORD_KEEPING]
            tree = self.query.select_related
            for part in prefix.split("__")[:-1]:
                tree = tree[part]
            for name in tree if isinstance(tree, dict) else ():
                related = model._meta.get_field(name).related_model
                paths.append((f"{prefix}{name}__", related))
        return self.defer(*deferred)


class TrackedModel(models.Model):
    """Base of every domain record: sources, history, review state and optimistic
    version, timestamps and its key in the data files."""

    citations = GenericRelation(Citation)
    data_key = models.CharField(
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Key of this record in the shipped data files; empty for staff entries.",
    )
    loaded_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the data loader last wrote this record. A later change means "
        "staff edited it, and the loader then leaves it alone.",
    )
    verified_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When a second staff member verified it (or it was loaded from the "
        "sourced data). Until then it is a draft, hidden from the public site.",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="Who verified it (empty for the shipped data).",
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised by every save; an edit made from an older version is refused.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(inherit=True, excluded_fields=["loaded_at"])

    objects = TrackedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk and not self._state.adding:
            self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)

    @property
    def edited_since_loaded(self) -> bool:
        return self.loaded_at is not None and self.updated_at > self.loaded_at

    @property
    def is_published(self) -> bool:
        return self.verified_at is not None
