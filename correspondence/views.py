from django.db.models import Prefetch
from django.http import HttpRequest
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from sanctuary_tracker.listing import FilteredListView, export_response

from .exports import LETTERS, letter_rows
from .filters import LetterFilterSet
from .models import Letter


class LetterListView(FilteredListView):
    model = Letter
    filterset_class = LetterFilterSet
    template_name = "correspondence/letter_list.html"
    default_sort = "-sent"
    columns = [
        ("sent", "Date"),
        ("jurisdiction", "Jurisdiction"),
        ("kind", "Kind"),
        ("direction", "Direction"),
        ("round", "Round"),
        ("due", "Due"),
        (None, "Answered"),
    ]

    def get_queryset(self):
        return (
            Letter.objects.published()
            .with_list_related()
            # A list, not the manager: no filtered queryset built for every row.
            .prefetch_related(
                Prefetch(
                    "replies", Letter.objects.published(), to_attr="published_replies"
                )
            )
            # Newest first, same-day letters latest entered first: the index of sent_on
            # (which holds the id after it) gives this order, so no page sorts a whole
            # round's letters; it is what ?sort=-sent gives too.
            .order_by("-sent_on", "-pk")
        )


class LetterDetailView(DetailView):
    model = Letter

    def get_queryset(self):
        replies = Letter.objects.published().select_related("jurisdiction")
        return (
            Letter.objects.published()
            .with_list_related()
            .prefetch_related(
                Prefetch("replies", replies),
                "citations__source",
                "round__citations__source",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The letter this one answers, if it is published: a draft is not named.
        answered = self.object.in_reply_to_id
        context["answers"] = (
            Letter.objects.published()
            .select_related("jurisdiction")
            .filter(pk=answered)
            .first()
            if answered
            else None
        )
        return context


@require_safe
def export_letters(request: HttpRequest, fmt: str):
    return export_response(
        request, list_view=LetterListView, export=LETTERS, rows=letter_rows, fmt=fmt
    )
