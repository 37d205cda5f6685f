import logging

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models.signals import post_migrate

from sanctuary_tracker import text_search

logger = logging.getLogger(__name__)


class SearchConfig(AppConfig):
    """The site search: one index of every kind of record, kept current on writes."""

    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from . import index, keeping, query
        from .models import SearchEntry

        keeping.connect()
        text_search.install(query.ListIndex())

        # A release runs `migrate`: the entries are written again by the code it ships
        # (what each kind says may have changed), and rows missed by bulk writes made.
        def rebuild(using: str = DEFAULT_DB_ALIAS, **kwargs: object) -> None:
            tables = connections[using].introspection.table_names()
            if SearchEntry._meta.db_table not in tables:
                return  # migrated back to before the search existed
            try:
                index.rebuild()
            except DatabaseError as error:  # a schema part of the way back
                logger.warning("Search not indexed (%s): run rebuild_search", error)

        post_migrate.connect(rebuild, sender=self, dispatch_uid="search", weak=False)
