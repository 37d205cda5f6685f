import logging

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models.signals import post_migrate

logger = logging.getLogger(__name__)


class ReviewConfig(AppConfig):
    """The review on top of the records: the status rule, timelines, the dashboard,
    the feeds, the jurisdictions' pages and the shipped data's loader."""

    name = "review"
    verbose_name = "Review"

    def ready(self) -> None:
        from . import keeping, status
        from .models import JurisdictionStatus

        keeping.connect()

        # A release runs `migrate`: the statuses are derived again by the rule it
        # ships, and rows missed by bulk writes are made.
        def rebuild(using: str = DEFAULT_DB_ALIAS, **kwargs: object) -> None:
            # Not after a migration back to before the statuses existed.
            if (
                JurisdictionStatus._meta.db_table
                not in connections[using].introspection.table_names()
            ):
                return
            try:
                status.rebuild()
            except DatabaseError as error:  # a schema part of the way back
                logger.warning("Statuses not derived (%s): run rebuild_statuses", error)

        post_migrate.connect(rebuild, sender=self, dispatch_uid="statuses", weak=False)
