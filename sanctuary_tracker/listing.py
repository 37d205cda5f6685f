"""What every public list shares: filters, sorting, pagination, and forgiving input.

A bad filter value never fails the page: django-filter (with `strict = False`) drops
only the invalid field, the form shows why beside it, and the rest still applies. A
page number past the end shows the last page with a note, never a 404 or a 500.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django_filters import OrderingFilter
from django_filters.views import FilterView

PAGE_SIZE = 50


class SortFilter(OrderingFilter):
    """`?sort=name` or `?sort=-name`; an unknown order is a plain form error."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label", "Sort by")
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "“%(value)s” is not a sort order this list offers."},
        )
        super().__init__(*args, **kwargs)


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

    def paginate_queryset(self, queryset: QuerySet, page_size: int):
        paginator = Paginator(queryset, page_size)
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        sort = form.cleaned_data.get("sort") if hasattr(form, "cleaned_data") else None
        current = sort[0] if sort else self.default_sort
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
                form.fields[name].widget.attrs |= {
                    "aria-invalid": "true",
                    "aria-describedby": f"id_{name}-error",
                }
        context["active_filters"] = any(
            value
            for name, value in self.request.GET.items()
            if name not in {"page", "sort"}
        )
        return context
