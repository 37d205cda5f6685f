from django.views.generic import DetailView

from .models import Letter


class LetterDetailView(DetailView):
    model = Letter

    def get_queryset(self):
        return (
            Letter.objects.with_list_related()
            .select_related("jurisdiction", "round")
            .prefetch_related("replies", "citations__source")
        )
