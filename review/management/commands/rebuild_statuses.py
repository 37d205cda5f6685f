from django.core.management.base import BaseCommand

from review.models import JurisdictionStatus
from review.status import rebuild


class Command(BaseCommand):
    help = (
        "Derive every jurisdiction's status in every campaign again from its events "
        "(after a bulk write that bypassed the ORM's signals; `migrate` runs it too)."
    )

    def handle(self, *args: object, **options: object) -> None:
        rebuild()
        count = JurisdictionStatus.objects.filter(with_drafts=False).count()
        self.stdout.write(f"Statuses derived: {count} (jurisdiction, campaign) pairs.")
