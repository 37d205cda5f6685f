from django.core.management.base import BaseCommand

from search.index import rebuild
from search.models import SearchEntry


class Command(BaseCommand):
    help = (
        "Write the site search's entries again from every record (after a bulk write "
        "that bypassed the ORM's signals, or a restore; `migrate` runs it too)."
    )

    def handle(self, *args: object, **options: object) -> None:
        rebuild()
        count = SearchEntry.objects.filter(is_public=True).count()
        self.stdout.write(f"Search entries written: {count} public.")
