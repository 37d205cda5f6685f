"""What every public list shares: filters, sorting, pagination, and forgiving input.

A bad filter value never fails the page: django-filter (with `strict = False`) drops
only the invalid field, the form shows why beside it, and the rest still applies. A
page number past the end shows the last page with a note, never a 404 or a 500.

A list's address is its permalink: a query string carrying empty fields (what a
submitted form sends) is redirected to the one carrying only the fields that are set,
in one order (`FilteredListView.clean_query`). static/js/clean-query.js lets a form
send that address at once; the redirect serves every other reader and old links.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from hashlib import sha256
from itertools import islice
from urllib.parse import parse_qsl, urlencode

from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import F, QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    QueryDict,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django_filters import BooleanFilter, NumberFilter, OrderingFilter
from django_filters.views import FilterView

from .cache import cached, data_version
from .exports import Export, stream_csv, stream_json
from .models import is_empty

PAGE_SIZE = 50


class ListPaginator(Paginator):
    """Django's Paginator, made cheap on a large table in three ways:

    - the total is counted once per `count_key` (the list, the day and its filter
      values) and `data_version` (the cache the dashboard's aggregates use, so any
      write makes it stale at once), read before the filters ran: a filter may read
      rows (the ids of a state's jurisdictions), and a total counted from rows read
      before a write must not be kept as the total after it;
    - a page in the second half is read from the far end: the order reversed, a
      short offset, and the rows turned back. Every list's order ends with the primary
      key, so the reversed order is exactly the reverse and pages never overlap. The
      last page of 300,000 rows costs what the first does;
    - the page's ids are found first, then only those rows are read with everything
      the page shows (joins, annotations such as a case's latest ruling, prefetches),
      so the work of showing a row is done for 50 rows, not for every row sorted.
      They are read from `rows_from`, the list before its filters: the filters have
      done their work in finding the ids, and an expensive one (letters overdue
      today) would otherwise run twice.
    """

    def __init__(
        self,
        object_list,
        per_page,
        *,
        count_key: str,
        data_version: int,
        rows_from: QuerySet,
        **kwargs,
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key
        self.data_version = data_version
        self.rows_from = rows_from

    @cached_property
    def count(self) -> int:
        digest = sha256(self.count_key.encode()).hexdigest()
        count = self.object_list.count
        return cached(f"count:{digest}", count, version=self.data_version)

    def page(self, number):
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        end = min(start + self.per_page, self.count)
        page_ids = self.page_ids(start, end)
        rows = {row.pk: row for row in self.rows_from.filter(pk__in=page_ids)}
        # A row deleted between the two reads is left out, not an error.
        return self._get_page([rows[pk] for pk in page_ids if pk in rows], number, self)

    def page_ids(self, start: int, end: int) -> list:
        """The primary keys of the rows from `start` to `end` in the list's order."""
        ids = self.object_list.values_list("pk", flat=True)
        if start <= self.count - end:
            return list(ids[start:end])
        return list(ids.reverse()[self.count - end : self.count - start])[::-1]


class ShortSelect(forms.Select):
    """A select while its options are few enough to scan; beyond `limit` a text box for
    the value itself (a slug), so a list page never carries 20,000 options. The
    options are read once, and no further than `limit` + 1 of them."""

    limit = 300

    def __init__(self, attrs: dict | None = None, *, hint: str = "") -> None:
        super().__init__(attrs)
        self.hint = hint

    def render(self, name, value, attrs=None, renderer=None) -> str:
        # A model's rows (the usual case): read no more of them than needed.
        if hasattr(self.choices, "queryset"):
            self.choices.queryset = self.choices.queryset[: self.limit + 1]
        options = list(islice(self.choices, self.limit + 2))  # with the empty choice
        if len(options) <= self.limit + 1:
            self.choices = options
            return super().render(name, value, attrs, renderer)
        typing = {"autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}
        text = forms.TextInput(self.attrs | typing | {"placeholder": self.hint})
        return text.render(name, value, attrs, renderer)


class SortFilter(OrderingFilter):
    """`?sort=name` or `?sort=-name`; an unknown order is a plain form error.

    Empty values sort last in both directions on every database, and the primary key
    breaks ties, so pages never overlap and SQLite and PostgreSQL agree. `ties` names,
    for a column of a joined table, a column there equal to the primary key, which
    then breaks its ties: the joined table's index can give the whole order.
    `never_empty` names columns that cannot be empty (NOT NULL): they sort plainly, so
    PostgreSQL reads their index backwards for the reverse order (an index holds no
    "descending, empty last" order, and an explicit one makes it sort every row).
    `indexed_empty` names nullable columns of the model's own table with the indexes
    of `empty_last_indexes`: they sort by "is empty" first, then plainly, the order
    those indexes hold both ways on every database.
    """

    def __init__(
        self,
        *args,
        ties: dict[str, str] | None = None,
        never_empty: tuple[str, ...] = (),
        indexed_empty: tuple[str, ...] = (),
        **kwargs,
    ) -> None:
        self.ties = ties or {}
        self.never_empty = set(never_empty)
        self.indexed_empty = set(indexed_empty)
        kwargs.setdefault("label", "Sort by")
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "“%(value)s” is not a sort order this list offers."},
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: list[str] | None) -> QuerySet:
        if not value:
            return qs
        ordering = []
        for param in value:
            name = self.get_ordering_value(param)
            column = F(name.lstrip("-"))
            descending = name.startswith("-")
            if name.lstrip("-") in self.indexed_empty:
                ordering.append(is_empty(name.lstrip("-")).asc())
                ordering.append(column.desc() if descending else column.asc())
            elif name.lstrip("-") in self.never_empty:
                ordering.append(column.desc() if descending else column.asc())
            else:
                ordering.append(
                    column.desc(nulls_last=True)
                    if descending
                    else column.asc(nulls_last=True)
                )
        # Ties are broken by the primary key, in the direction of the last column: an
        # index of a column holds the primary key after it, so one index gives the
        # order both ways (read forward, or backward for the reverse).
        tie = self.ties.get(name.lstrip("-"), "pk")
        return qs.order_by(*ordering, f"-{tie}" if descending else tie)


class WholeNumberFilter(NumberFilter):
    """A number filter that refuses fractions (`?fiscal_year=2016.5`)."""

    field_class = forms.IntegerField


class YesNoSelect(forms.NullBooleanSelect):
    """Keeps a value it does not know, for the field to refuse (Django's widget reads
    any unknown value as "unknown", so `?answered=maybe` would list everything).

    Its "either" choice sends an empty value, as every other empty field does, so a
    form leaves it out of the address; "unknown" (older links) still means either.
    """

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("", self.choices[0][1]), *self.choices[1:]]

    def format_value(self, value) -> list[str]:
        # A list, as a Select's: the options are matched against it by `in`.
        formatted = super().format_value(value)
        return ["" if formatted == "unknown" else formatted]

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        known = super().value_from_datadict(data, files, name)
        if known is None and value not in (None, "", "unknown"):
            return value
        return known


class YesNoField(forms.NullBooleanField):
    widget = YesNoSelect

    def to_python(self, value):
        if isinstance(value, str) and value not in ("", "unknown"):
            raise forms.ValidationError(
                "Choose yes or no (true or false), not “%(value)s”.",
                code="invalid",
                params={"value": value},
            )
        return super().to_python(value)


class YesNoFilter(BooleanFilter):
    """`?flag=true` or `false`; any other value is an error on the form."""

    field_class = YesNoField


class FilteredListView(FilterView):
    """A public list: FilterSet in `filterset_class`, columns named in `columns`.

    `columns` is a list of (sort key or None, header) pairs; the template makes each
    sortable header a link that toggles its order.
    """

    strict = False
    paginate_by = PAGE_SIZE
    columns: list[tuple[str | None, str]] = []
    default_sort: str = ""  # the order get_queryset() gives, as a sort key
    page_note: str = ""
    paginator_class = ListPaginator

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        self.data_version = data_version()  # before the filters read anything
        self.filterset = self.get_filterset(self.get_filterset_class())
        # A value the form refuses is shown with its error on the page asked for, so
        # only a query the form accepts whole is moved to its clean address.
        if self.filterset.is_bound and self.filterset.is_valid():
            clean = self.clean_query(request.GET)
            asked = parse_qsl(
                request.META.get("QUERY_STRING", ""),
                keep_blank_values=True,
                encoding=request.encoding or settings.DEFAULT_CHARSET,
            )
            if clean != asked:
                query = f"?{urlencode(clean)}" if clean else ""
                return HttpResponseRedirect(f"{request.path}{query}")
        # strict = False: the rows of the values understood, whatever the form refused.
        self.object_list = self.filterset.qs
        context = self.get_context_data(
            filter=self.filterset, object_list=self.object_list
        )
        return self.render_to_response(context)

    def clean_query(self, query: QueryDict) -> list[tuple[str, str]]:
        """The list's permalink for `query`, as (key, value) pairs: only the fields
        that are set, in the filterset's order, then the sort, then the page, then
        any other key the list does not read, as given.

        A field is set when the form reads a value from it: "" and a yes-no select's
        "unknown" are empty, and so is a blank box that the form strips. A field of one
        value keeps the one the form reads (the last given); a field of several keeps
        each of them, in order.
        """
        form = self.filterset.form
        sorts = [
            name
            for name, item in self.filterset.filters.items()
            if isinstance(item, OrderingFilter)
        ]
        names = [name for name in form.fields if name not in sorts] + sorts
        pairs = []
        for name in names:
            field = form.fields[name]
            if getattr(field.widget, "allow_multiple_selected", False):
                pairs += [(name, value) for value in query.getlist(name) if value]
                continue
            read = field.widget.value_from_datadict(query, {}, name)
            if isinstance(read, str) and getattr(field, "strip", False):
                read = read.strip()
            if name in query and read not in field.empty_values:
                pairs.append((name, query[name]))
        if query.get(self.page_kwarg):
            pairs.append((self.page_kwarg, query[self.page_kwarg]))
        known = {*names, self.page_kwarg}
        for key, values in query.lists():
            if key not in known:
                pairs += [(key, value) for value in values if value]
        return pairs

    def permalink(self, query: QueryDict) -> str:
        """`query` as its clean query string, "?" and all ("" when nothing is set)."""
        clean = self.clean_query(query)
        return f"?{urlencode(clean)}" if clean else ""

    def paginate_queryset(self, queryset: QuerySet, page_size: int):
        # The same list with the same filter values on the same day has the same rows
        # (a filter may read the day: letters overdue today): the total is cached under
        # the list's name, the day and its query string (page and sort aside).
        query = self.request.GET.copy()
        for name in ("page", "sort", "excel"):
            query.pop(name, None)
        view = f"{type(self).__module__}.{type(self).__qualname__}"
        key = f"{view}:{timezone.localdate().isoformat()}:{sorted(query.lists())}"
        paginator = self.paginator_class(
            queryset,
            page_size,
            count_key=key,
            data_version=self.data_version,
            rows_from=self.filterset.queryset.without_record_keeping(),
        )
        asked = self.request.GET.get("page") or 1
        try:
            page = paginator.page(asked)
        except PageNotAnInteger:
            self.page_note = f"“{asked}” is not a page number; showing page 1."
            page = paginator.page(1)
        except EmptyPage:
            last = paginator.num_pages
            self.page_note = f"There is no page {asked}; showing page {last} of {last}."
            page = paginator.page(last)
        return paginator, page, page.object_list, page.has_other_pages()

    def current_sort(self) -> str:
        """The sort key in force: the one asked for, if valid, or the list's own."""
        form = self.filterset.form
        sort = form.cleaned_data.get("sort") if hasattr(form, "cleaned_data") else None
        return sort[0] if sort else self.default_sort

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = self.current_sort()
        context["columns"] = [
            {
                "key": key,
                "header": header,
                "active": current.lstrip("-") == key if key else False,
                "descending": current.startswith("-"),
                "next": f"-{key}" if key and current == key else key,
            }
            for key, header in self.columns
        ]
        context["page_note"] = self.page_note
        form = self.filterset.form
        for name in form.errors:
            if name in form.fields:
                described_by = f"id_{name}-error"
                if form.fields[name].help_text:
                    described_by += f" id_{name}_helptext"
                form.fields[name].widget.attrs |= {
                    "aria-invalid": "true",
                    "aria-describedby": described_by,
                }
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("excel", None)
        suffix = f"?{query.urlencode()}" if query else ""
        excel = query.copy()
        excel["excel"] = "1"
        namespace = self.request.resolver_match.namespace
        context["downloads"] = {
            "csv": reverse(f"{namespace}:export", args=["csv"]) + suffix,
            "excel": reverse(f"{namespace}:export", args=["csv"])
            + f"?{excel.urlencode()}",
            "json": reverse(f"{namespace}:export", args=["json"]) + suffix,
        }
        context["active_filters"] = any(
            value
            for name, value in self.request.GET.items()
            if name not in {"page", "sort"}
        )
        return context


# Downloads streaming at once in this process: each holds a thread for as long as the
# reader takes, so a limit keeps threads free for pages (settings.EXPORTS_PER_PROCESS).
_export_slots = threading.BoundedSemaphore(settings.EXPORTS_PER_PROCESS)
BUSY_RETRY_AFTER_SECONDS = 30


class _ExportSlot:
    """A download's stream, holding one of the process's export slots until the
    stream ends, the response is closed (a reader who leaves) or dropped unsent (a
    503 put in its place), whichever is first."""

    def __init__(self, stream: Iterable) -> None:
        self.stream = stream
        self._release = weakref.finalize(self, _export_slots.release)

    def __iter__(self) -> Iterator:
        try:
            yield from self.stream
        finally:
            self.close()

    def close(self) -> None:
        self._release()  # once: a finalizer runs at most one time


def _busy() -> HttpResponse:
    """429: every export slot of this process is streaming; try again shortly."""
    response = HttpResponse(loader.render_to_string("429.html"), status=429)
    response["Retry-After"] = str(BUSY_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def export_response(
    request: HttpRequest,
    *,
    list_view: type[FilteredListView],
    export: Export,
    fmt: str,
    rows: Callable[[QuerySet], QuerySet] | None = None,
) -> HttpResponseBase:
    """Every row the list shows for this query string (all pages), as CSV or JSON;
    429 "busy, try again shortly" while this process streams as many downloads as
    settings.EXPORTS_PER_PROCESS allows.

    The list view's own FilterSet and queryset select and sort the rows, so an export
    can never disagree with the page; `rows` adds what the columns read beyond it. Filter values the list would reject are left
    out here too, and named in an X-Filter-Errors header.
    """
    if fmt not in {"csv", "json"}:
        raise Http404("Exports are .csv or .json")
    if not _export_slots.acquire(blocking=False):
        return _busy()
    try:
        return _export(request, list_view, export, fmt, rows)
    except BaseException:
        _export_slots.release()
        raise


def _export(
    request: HttpRequest,
    list_view: type[FilteredListView],
    export: Export,
    fmt: str,
    rows: Callable[[QuerySet], QuerySet] | None,
) -> HttpResponseBase:
    view = list_view()
    view.setup(request)
    filterset = view.get_filterset(view.get_filterset_class())
    objects = rows(filterset.qs) if rows else filterset.qs
    if fmt == "json":
        response = StreamingHttpResponse(
            _ExportSlot(stream_json(export, objects)),
            content_type="application/json; charset=utf-8",
        )
    else:
        excel = request.GET.get("excel") == "1"
        response = StreamingHttpResponse(
            _ExportSlot(stream_csv(export, objects, bom=excel)),
            content_type="text/csv; charset=utf-8",
        )
        filename = f"{export.name}-{timezone.localdate():%Y-%m-%d}{'-excel' if excel else ''}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if filterset.form.errors:
        # Error messages may quote the bad value: keep the header to printable ASCII.
        text = "; ".join(
            f"{name}: {' '.join(errors)}"
            for name, errors in filterset.form.errors.items()
        )
        printable = "".join(ch if ch.isprintable() else " " for ch in text)
        response["X-Filter-Errors"] = printable.encode("ascii", "replace").decode()[
            :500
        ]
    return response
