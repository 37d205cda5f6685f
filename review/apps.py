from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReviewConfig(AppConfig):
    """The review on top of the records: the status rule, timelines, the dashboard,
    the feeds, the jurisdictions' pages and the shipped data's loader."""

    name = "review"
    verbose_name = "Review"

    def ready(self) -> None:
        from . import keeping, status

        keeping.connect()
        # A release runs `migrate`: the statuses are derived again by the rule it
        # ships, and rows missed by bulk writes are made.
        post_migrate.connect(
            lambda **kwargs: status.rebuild(), sender=self, dispatch_uid="statuses"
        )
