from django.db.models import Prefetch
from django.views.generic import DetailView

from .models import Case, Ruling


class CaseDetailView(DetailView):
    model = Case

    def get_queryset(self):
        rulings = Ruling.objects.prefetch_related(
            "appeals__court", "citations__source", "protects_awards__recipient"
        )
        return Case.objects.with_list_related().prefetch_related(
            Prefetch("rulings", rulings), "citations__source"
        )
